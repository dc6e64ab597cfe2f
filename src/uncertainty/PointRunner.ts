import type { Scenario } from '../scenario/load.js';
import type { Progress } from '../study/pool.js';
import { runPoints } from '../study/runPoints.js';
import { replicationParts, type TargetSource } from '../calibrate/targetMetric.js';

/** One scenario to simulate, and the figures to read from each of its replications. */
export interface PointSpec {
  /** Names the point: the same key is simulated once (the file and its overrides, as JSON). */
  key: string;
  scenario: () => Scenario;
  sources: readonly TargetSource[];
}

/** A point's figures: per source, pooled over the replications (Σ numerator ÷ Σ denominator × scale), and per replication. */
export interface PointFigures {
  values: number[];
  perReplication: number[][];
}

/**
 * Simulates points on common random numbers (the same seed and replication indices at every
 * point) and reads figures from them. Every point asked for at once runs as one batch on the
 * worker pool; a point already run (same key) is not run again. Results do not depend on the
 * number of workers (runJobs hands them over in job order).
 */
export class PointRunner {
  private readonly cache = new Map<string, PointFigures>();
  /** Points simulated so far. */
  simulated = 0;

  constructor(private readonly options: { seed: number; replications: number; workers: number; onProgress?: (p: Progress, doing: string) => void }) {}

  async run(points: readonly PointSpec[], doing: string): Promise<PointFigures[]> {
    const fresh = [...new Map(points.filter((p) => !this.cache.has(p.key)).map((p) => [p.key, p])).values()];
    if (fresh.length > 0) {
      const parts = fresh.map((p) => p.sources.map(() => ({ num: [] as number[], den: [] as number[] })));
      await runPoints(
        fresh.map((p) => p.scenario()),
        this.options,
        (f, result) => {
          fresh[f].sources.forEach((s, t) => {
            const [num, den] = replicationParts(result, s);
            parts[f][t].num.push(num);
            parts[f][t].den.push(den);
          });
        },
        this.options.onProgress ? (p) => this.options.onProgress!(p, `${doing} (${fresh.length} point${fresh.length === 1 ? '' : 's'})`) : undefined,
      );
      fresh.forEach((p, f) => {
        const values = p.sources.map((s, t) => {
          const sn = parts[f][t].num.reduce((a, b) => a + b, 0);
          const sd = parts[f][t].den.reduce((a, b) => a + b, 0);
          return sd > 0 ? (s.metric.scale * sn) / sd : NaN;
        });
        const perReplication = p.sources.map((s, t) => parts[f][t].num.map((n, r) => (parts[f][t].den[r] > 0 ? (s.metric.scale * n) / parts[f][t].den[r] : NaN)));
        this.cache.set(p.key, { values, perReplication });
      });
      this.simulated += fresh.length;
    }
    return points.map((p) => this.cache.get(p.key)!);
  }
}
