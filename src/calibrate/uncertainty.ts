import { Matrix, SingularValueDecomposition } from 'ml-matrix';

/**
 * How uncertain the fitted knobs are, by the delta method at the optimum, in two parts:
 *
 * - simulation: the figures are means over R replications, with covariance Σ (the sample
 *   covariance of each replication's linearised deviations ÷ R). Another seed would move
 *   them, and the fitted knobs with them: θ̂ − θ ≈ −A e with A = (JᵀDJ)⁻¹JᵀD, where J is
 *   the Jacobian of the simulated figures in the knobs and D = diag(weight ÷ scale²) over
 *   the fitted targets. Cov_sim = A Σ Aᵀ. More replications shrink it.
 * - fit: with more fitted targets n than knobs p, the weighted residuals' spread,
 *   s² = objective ÷ (n − p), read as the figures' error (published figures' own error and
 *   the model's misfit): Cov_fit = s² (JᵀDJ)⁻¹, the usual nonlinear least-squares covariance.
 *   None with n <= p.
 *
 * A whole-number knob adds its rounding, a uniform error of ±0.5 (variance 1/12).
 * The 95% interval is ±1.96 × sqrt(se_sim² + se_fit² + rounding). A knob that moves none of
 * the fitted figures (a zero column of J, or JᵀDJ singular) is not identified: no interval.
 * A held-back target's prediction interval adds the knobs' uncertainty carried through its
 * Jacobian row to its own simulation error: ±1.96 × sqrt(g Cov g ᵀ + Σ_tt).
 */
export interface KnobUncertainty {
  seSimulation: number | null;
  seFit: number | null;
  ci95: number | null;
  identified: boolean;
}

export interface UncertaintyInput {
  /** Jacobian of every target's simulated figure in the knobs (targets x knobs). */
  jacobian: number[][];
  /** Covariance of every target's simulated figure (targets x targets); null with one replication. */
  covariance: number[][] | null;
  used: boolean[];
  weights: number[];
  scales: number[];
  objective: number;
  integer: boolean[];
}

export function knobUncertainty(input: UncertaintyInput): { knobs: KnobUncertainty[]; predictionCi95: (number | null)[] } {
  const p = input.integer.length;
  const usedIdx = input.used.map((u, i) => (u ? i : -1)).filter((i) => i >= 0);
  const n = usedIdx.length;
  const J = new Matrix(usedIdx.map((i) => input.jacobian[i]));
  const D = Matrix.diag(usedIdx.map((i) => input.weights[i] / input.scales[i] ** 2));
  const H = J.transpose().mmul(D).mmul(J);
  const svd = new SingularValueDecomposition(H, { autoTranspose: true });
  const sv = svd.diagonal;
  const colNonZero = Array.from({ length: p }, (_, j) => usedIdx.some((_, r) => J.get(r, j) !== 0 && Number.isFinite(J.get(r, j))));
  const finiteJ = usedIdx.every((_, r) => Array.from({ length: p }, (_, j) => Number.isFinite(J.get(r, j))).every(Boolean));
  const identified = finiteJ && n >= p && Math.min(...sv) > 1e-12 * Math.max(...sv, 1e-300);
  if (!identified) {
    return {
      knobs: Array.from({ length: p }, (_, j) => ({ seSimulation: null, seFit: null, ci95: null, identified: identified && colNonZero[j] })),
      predictionCi95: input.jacobian.map(() => null),
    };
  }
  const Hinv = svd.inverse();
  let covSim: Matrix | null = null;
  if (input.covariance) {
    const S = new Matrix(usedIdx.map((i) => usedIdx.map((k) => input.covariance![i][k])));
    const A = Hinv.mmul(J.transpose()).mmul(D);
    covSim = A.mmul(S).mmul(A.transpose());
  }
  const covFit = n > p ? Hinv.clone().mul(input.objective / (n - p)) : null;
  const total = Matrix.zeros(p, p);
  if (covSim) total.add(covSim);
  if (covFit) total.add(covFit);
  input.integer.forEach((int, j) => {
    if (int) total.set(j, j, total.get(j, j) + 1 / 12);
  });
  const knobs = Array.from({ length: p }, (_, j) => {
    const seSimulation = covSim ? Math.sqrt(Math.max(0, covSim.get(j, j))) : null;
    const seFit = covFit ? Math.sqrt(Math.max(0, covFit.get(j, j))) : null;
    const anything = covSim !== null || covFit !== null;
    return { seSimulation, seFit, ci95: anything ? 1.96 * Math.sqrt(total.get(j, j)) : null, identified: true };
  });
  const predictionCi95 = input.jacobian.map((row, t) => {
    if (!row.every(Number.isFinite) || !input.covariance) return null;
    const g = new Matrix([row]);
    const v = g.mmul(total).mmul(g.transpose()).get(0, 0) + input.covariance[t][t];
    return 1.96 * Math.sqrt(Math.max(0, v));
  });
  return { knobs, predictionCi95 };
}

/** Sample covariance of the figures' means from per-replication deviations (targets x replications); null below two. */
export function figureCovariance(deviations: number[][]): number[][] | null {
  const R = deviations[0]?.length ?? 0;
  if (R < 2) return null;
  const means = deviations.map((d) => d.reduce((a, b) => a + b, 0) / R);
  return deviations.map((a, i) =>
    deviations.map((b, k) => {
      let s = 0;
      for (let r = 0; r < R; r++) s += (a[r] - means[i]) * (b[r] - means[k]);
      return s / (R - 1) / R;
    }),
  );
}
