import { mean, sampleVariance } from 'simple-statistics';
import { tQuantile } from './stats.js';

/**
 * Confidence intervals over replications at a chosen level (0.95 unless a planner asks for
 * another with `--confidence`): Student t with n - 1 degrees of freedom.
 *
 * Two estimators, both over independent replications:
 * - `meanHalfWidth`: the mean of per-replication values (summary.csv's figures);
 * - `ratioOfSums`: a pooled ratio such as answered within target ÷ answered summed over
 *   replications (intervals.csv's and peel.csv's figures), with the delta-method half-width:
 *   t × sd(z) / sqrt(n), z_k = (num_k - R den_k) / mean(den), the usual linearisation of a
 *   ratio estimator. It stays defined where single replications have nothing to divide by.
 *
 * @example meanHalfWidth([1, 2, 3], 0.95).halfWidth // 2.4841 (t_{0.975,2} x 1 / sqrt 3)
 */

/** The columns' suffix for a level: 0.95 -> '_ci95', 0.9 -> '_ci90', 0.995 -> '_ci99.5'. */
export function ciSuffix(confidence: number): string {
  return `_ci${Number((confidence * 100).toFixed(4))}`;
}

/** t quantile for a two-sided interval at `confidence` with n replications (n >= 2). */
export function tCritical(n: number, confidence: number): number {
  return tQuantile(1 - (1 - confidence) / 2, n - 1);
}

/** Sample standard deviation (divisor n - 1): simple-statistics' two-pass variance. */
function sd(values: readonly number[]): number {
  return Math.sqrt(sampleVariance(values as number[]));
}

/**
 * Mean of the finite values and its half-width (null with fewer than two values): at 0.95,
 * exactly meanCi95's figures (the same mean, variance and order of operations).
 */
export function meanHalfWidth(values: readonly number[], confidence = 0.95): { mean: number; halfWidth: number | null } {
  const finite = values.filter((v) => Number.isFinite(v));
  const n = finite.length;
  if (n === 0) return { mean: NaN, halfWidth: null };
  if (n < 2) return { mean: mean(finite), halfWidth: null };
  return { mean: mean(finite), halfWidth: tCritical(n, confidence) * Math.sqrt(sampleVariance(finite) / n) };
}

/**
 * scale × Σnum ÷ Σden over replications, and its half-width (delta method). NaN where the
 * denominators add up to 0; half-width null with fewer than two replications.
 */
export function ratioOfSums(
  num: readonly number[],
  den: readonly number[],
  scale = 1,
  confidence = 0.95,
): { value: number; halfWidth: number | null } {
  const r = ratioResiduals(num, den);
  if (r === null) return { value: NaN, halfWidth: null };
  const hw = halfWidthOf(r.z, confidence);
  // (scale × Σnum) ÷ Σden, in that order: the same bytes as the reports' pooled ratios
  return { value: (scale * r.sumNum) / r.sumDen, halfWidth: hw === null ? null : scale * hw };
}

/** Residuals of a ratio of sums (see ratioOfSums), or null where the denominators add up to 0. */
export function ratioResiduals(num: readonly number[], den: readonly number[]): { ratio: number; sumNum: number; sumDen: number; z: number[] } | null {
  let sn = 0;
  let sd0 = 0;
  for (let k = 0; k < num.length; k++) {
    sn += num[k];
    sd0 += den[k];
  }
  if (!(sd0 > 0)) return null;
  const r = sn / sd0;
  const meanDen = sd0 / num.length;
  return { ratio: r, sumNum: sn, sumDen: sd0, z: num.map((x, k) => (x - r * den[k]) / meanDen) };
}

/** Half-width of the mean of z (whose mean is ~0 or given), t × sd / sqrt(n); null below two values. */
export function halfWidthOf(z: readonly number[], confidence = 0.95): number | null {
  const n = z.length;
  if (n < 2) return null;
  return (tCritical(n, confidence) * sd(z)) / Math.sqrt(n);
}
