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

/** Sample standard deviation (divisor n - 1), two-pass with the correction term. */
function sd(values: readonly number[], mean: number): number {
  const n = values.length;
  let ss = 0;
  let comp = 0;
  for (const v of values) {
    const d = v - mean;
    ss += d * d;
    comp += d;
  }
  return Math.sqrt(Math.max(0, (ss - (comp * comp) / n) / (n - 1)));
}

/** Mean of the finite values and its half-width (null with fewer than two values). */
export function meanHalfWidth(values: readonly number[], confidence = 0.95): { mean: number; halfWidth: number | null } {
  const finite = values.filter((v) => Number.isFinite(v));
  const n = finite.length;
  if (n === 0) return { mean: NaN, halfWidth: null };
  let sum = 0;
  for (const v of finite) sum += v;
  const mean = sum / n;
  if (n < 2) return { mean, halfWidth: null };
  return { mean, halfWidth: (tCritical(n, confidence) * sd(finite, mean)) / Math.sqrt(n) };
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
  return { value: scale * r.ratio, halfWidth: hw === null ? null : scale * hw };
}

/** Residuals of a ratio of sums (see ratioOfSums), or null where the denominators add up to 0. */
export function ratioResiduals(num: readonly number[], den: readonly number[]): { ratio: number; z: number[] } | null {
  let sn = 0;
  let sd0 = 0;
  for (let k = 0; k < num.length; k++) {
    sn += num[k];
    sd0 += den[k];
  }
  if (!(sd0 > 0)) return null;
  const r = sn / sd0;
  const meanDen = sd0 / num.length;
  return { ratio: r, z: num.map((x, k) => (x - r * den[k]) / meanDen) };
}

/** Half-width of the mean of z (whose mean is ~0 or given), t × sd / sqrt(n); null below two values. */
export function halfWidthOf(z: readonly number[], confidence = 0.95): number | null {
  const n = z.length;
  if (n < 2) return null;
  let sum = 0;
  for (const v of z) sum += v;
  return (tCritical(n, confidence) * sd(z, sum / n)) / Math.sqrt(n);
}
