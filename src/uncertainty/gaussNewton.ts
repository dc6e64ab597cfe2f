import { Matrix, pseudoInverse } from 'ml-matrix';

export interface RefitInput {
  /** Jacobian of every target's simulated figure in the knobs (targets x knobs), at the calibrated point. */
  jacobian: number[][];
  /** How far each target's simulated figure moved from the calibrated point's (at the same knobs): f(θ0, a) − f(θ0, a0). */
  moved: number[];
  /** Which targets are fitted (weight > 0). */
  used: boolean[];
  weights: number[];
  scales: number[];
  /** The calibrated knobs θ0, and their bounds. */
  knobs: number[];
  low: number[];
  high: number[];
}

/**
 * The re-fit of the calibrated knobs after an assumption moved: one Gauss–Newton step from
 * the calibrated point θ0 with the Jacobian J computed there once,
 *
 *   θ1 = θ0 − (JᵀDJ)⁺ JᵀD [f(θ0, a) − f(θ0, a0)],   D = diag(weight ÷ scale²) over the fitted targets,
 *
 * clamped to the knobs' bounds. It brings the fitted figures back to where the calibration put
 * them (to first order): the changed assumption does not also move the calibration targets.
 * Measured from f(θ0, a0) rather than from the published figures, so at the central point the
 * step is exactly zero (the file's calibrated knobs are kept, whatever the fit's own residual).
 * (JᵀDJ)⁺ is the pseudo-inverse: a knob that moves no fitted figure is not moved.
 */
export function gaussNewtonStep(input: RefitInput): number[] {
  const rows = input.used.map((u, i) => (u && Number.isFinite(input.moved[i]) && input.jacobian[i].every(Number.isFinite) ? i : -1)).filter((i) => i >= 0);
  if (rows.length === 0) return [...input.knobs];
  const J = new Matrix(rows.map((i) => input.jacobian[i]));
  const D = Matrix.diag(rows.map((i) => input.weights[i] / input.scales[i] ** 2));
  const r = Matrix.columnVector(rows.map((i) => input.moved[i]));
  const H = J.transpose().mmul(D).mmul(J);
  const g = J.transpose().mmul(D).mmul(r);
  const step = pseudoInverse(H, 1e-10).mmul(g);
  return input.knobs.map((k, j) => Math.min(input.high[j], Math.max(input.low[j], k - step.get(j, 0))));
}

/** The calibration objective: Σ over fitted targets of weight × ((simulated − published) ÷ scale)². */
export function objectiveOf(values: readonly number[], published: readonly number[], used: readonly boolean[], weights: readonly number[], scales: readonly number[]): number {
  return values.reduce((s, v, i) => (used[i] ? s + weights[i] * ((v - published[i]) / scales[i]) ** 2 : s), 0);
}
