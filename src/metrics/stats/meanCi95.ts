import { mean, sampleVariance } from 'simple-statistics';
import { tQuantile } from './studentT.js';

/**
 * Mean of the values and the half-width of its 95% confidence interval:
 * t_{0.975, n-1} * s / sqrt(n) with s the sample standard deviation
 * (divisor n - 1). halfWidth is null for n < 2; for n = 0 the mean is NaN.
 *
 * The mean and variance are simple-statistics' (a compensated sum, then the two-pass variance
 * about that mean); only the Student-t quantile is this project's own (see studentT.ts).
 *
 * @example meanCi95([2, 4, 4, 4, 5, 5, 7, 9]) // { mean: 5, halfWidth: 1.7875 (to 4 places) }
 */
export function meanCi95(values: readonly number[]): { mean: number; halfWidth: number | null } {
  const n = values.length;
  if (n === 0) return { mean: NaN, halfWidth: null };
  if (n < 2) return { mean: mean(values), halfWidth: null };
  // sqrt(variance / n), not sd / sqrt(n): the form the reports have always used (the two differ
  // in the last bit of about 4% of half-widths)
  const halfWidth = tQuantile(0.975, n - 1) * Math.sqrt(sampleVariance(values) / n);
  return { mean: mean(values), halfWidth };
}
