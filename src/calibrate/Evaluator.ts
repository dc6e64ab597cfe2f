import { ratioResiduals } from '../metrics/confidence.js';
import { loadScenario, type Override } from '../scenario/load.js';
import type { Progress } from '../study/pool.js';
import { runPoints } from '../study/runPoints.js';
import { knobOverrides, type Knob } from './Knob.js';
import { replicationParts, type TargetSource } from './targetMetric.js';

/** The simulated figures of one point (knob values), each pooled over the replications. */
export interface Evaluation {
  /** Knob values (for a whole-number knob between whole values, its figures are interpolated). */
  knobs: number[];
  /** Per target: the pooled figure (NaN where its denominator is 0). */
  values: number[];
  /** Per target and replication: the figure's linearised deviation (ratioResiduals' z, scaled), whose covariance over replications gives the figures' covariance. */
  deviations: number[][];
  /** Which evaluation this was (1-based), and why it was run. */
  index: number;
  phase: string;
}

/**
 * Runs the scenario at given knob values on common random numbers (the same seed and
 * replications every time, so the figures are a deterministic function of the knobs) and
 * returns each target's simulated figure. The replications of every point asked for at once
 * run as one batch on the worker pool, so both cores stay busy even with few replications.
 * A point already run is not run again.
 *
 * A whole-number knob (a staff count) between two whole values is run at both and its
 * figures interpolated linearly (per replication, so the interpolated figure keeps its
 * covariance): the objective stays continuous for the search instead of a staircase whose
 * flat steps stall it. Only whole values are ever simulated; `history` lists them.
 */
export class Evaluator {
  private readonly cache = new Map<string, Evaluation>();
  readonly history: Evaluation[] = [];

  constructor(
    private readonly file: string,
    private readonly sets: readonly Override[],
    private readonly knobs: readonly Knob[],
    private readonly sources: readonly TargetSource[],
    private readonly options: { seed: number; replications: number; workers: number; onProgress?: (p: Progress, doing: string) => void },
  ) {}

  /** Simulated evaluations so far (repeats and interpolations not counted). */
  get count(): number {
    return this.history.length;
  }

  /** Knob values inside their bounds. */
  clamped(values: readonly number[]): number[] {
    return this.knobs.map((k, j) => Math.min(k.high, Math.max(k.low, values[j])));
  }

  /** --set overrides, then the knobs at these values (whole-number knobs rounded). */
  overridesAt(values: readonly number[]): Override[] {
    const v = this.clamped(values);
    return [...this.sets, ...this.knobs.flatMap((k, j) => knobOverrides(k, k.integer ? Math.round(v[j]) : v[j]))];
  }

  /** The whole-valued points a point is interpolated between, with their weights. */
  private corners(values: readonly number[]): { point: number[]; weight: number }[] {
    let out = [{ point: [] as number[], weight: 1 }];
    this.clamped(values).forEach((v, j) => {
      const lo = Math.floor(v + 1e-9);
      const t = v - lo;
      const options = !this.knobs[j].integer ? [[v, 1]] : t < 1e-9 ? [[lo, 1]] : t > 1 - 1e-9 ? [[lo + 1, 1]] : [[lo, 1 - t], [lo + 1, t]];
      out = out.flatMap((c) => options.map(([x, w]) => ({ point: [...c.point, x], weight: c.weight * w })));
    });
    return out;
  }

  async evaluate(points: readonly (readonly number[])[], phase: string): Promise<Evaluation[]> {
    const cornersOf = points.map((p) => this.corners(p));
    await this.simulate(cornersOf.flatMap((cs) => cs.map((c) => c.point)), phase);
    return points.map((p, i) => {
      const parts = cornersOf[i].map((c) => ({ e: this.cache.get(JSON.stringify(c.point))!, w: c.weight }));
      if (parts.length === 1) return { ...parts[0].e, knobs: this.clamped(p) };
      const values = this.sources.map((_, t) => parts.reduce((a, { e, w }) => a + w * e.values[t], 0));
      const deviations = this.sources.map((_, t) => parts[0].e.deviations[t].map((_, r) => parts.reduce((a, { e, w }) => a + w * e.deviations[t][r], 0)));
      return { knobs: this.clamped(p), values, deviations, index: 0, phase };
    });
  }

  /** Run the points not run yet (all in one batch). */
  private async simulate(points: readonly number[][], phase: string): Promise<void> {
    const fresh = [...new Set(points.map((p) => JSON.stringify(p)))].filter((k) => !this.cache.has(k));
    if (fresh.length === 0) return;
    const parts = fresh.map(() => this.sources.map(() => ({ num: [] as number[], den: [] as number[] })));
    const doing = `${phase}: evaluation${fresh.length > 1 ? 's' : ''} ${this.count + 1}${fresh.length > 1 ? `-${this.count + fresh.length}` : ''}`;
    await runPoints(
      fresh.map((key) => loadScenario(this.file, this.overridesAt(JSON.parse(key) as number[])).scenario),
      this.options,
      (f, result) => {
        const point = parts[f];
        this.sources.forEach((s, t) => {
          const [num, den] = replicationParts(result, s);
          point[t].num.push(num);
          point[t].den.push(den);
        });
      },
      this.options.onProgress ? (p) => this.options.onProgress!(p, doing) : undefined,
    );
    fresh.forEach((key, f) => {
      const values: number[] = [];
      const deviations: number[][] = [];
      this.sources.forEach((s, t) => {
        const r = ratioResiduals(parts[f][t].num, parts[f][t].den);
        values.push(r === null ? NaN : (s.metric.scale * r.sumNum) / r.sumDen);
        deviations.push(r === null ? parts[f][t].num.map(() => NaN) : r.z.map((z) => s.metric.scale * z));
      });
      const evaluation = { knobs: JSON.parse(key) as number[], values, deviations, index: this.count + 1, phase };
      this.cache.set(key, evaluation);
      this.history.push(evaluation);
    });
  }
}
