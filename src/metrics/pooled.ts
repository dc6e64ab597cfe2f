import { meanCi95 } from './stats.js';

/** Mean and 95% half-width over the replications that have a value (NaN values skipped). */
export function pooled(values: readonly number[]): { mean: number; halfWidth: number | null } {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { mean: NaN, halfWidth: null };
  return meanCi95(finite);
}
