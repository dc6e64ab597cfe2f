/**
 * The standard normal distribution: CDF and quantile, accurate to ~1e-14.
 *
 * Written by hand because simple-statistics' normal functions are approximations meant for
 * quick look-ups: errorFunction is good to ~1e-7, cumulativeStdNormalProbability reads a table
 * at z rounded to 2 decimals, and probit(0.975) is off by 3e-3 (measured); the Student-t
 * quantile (studentT.ts) starts from and tends to these, so they must be exact to ~1e-14.
 *
 * The tail is the regularized incomplete gamma function Q(1/2, z^2/2) (Numerical Recipes 6.2,
 * series and continued fraction); the quantile is Newton iteration on that tail, started from
 * Abramowitz & Stegun 26.2.23.
 */

const EPS = 1e-16;
const FPMIN = 1e-300;
const MAXIT = 100_000;
const LN_SQRT_PI = 0.5723649429247001; // ln Gamma(1/2) = ln sqrt(pi)
const SQRT_2PI = 2.5066282746310002;

/** Regularized upper incomplete gamma Q(a, x) (NR gser / gcf). */
function gammaQ(a: number, x: number, lnGammaA: number): number {
  if (x <= 0) return 1;
  const lnFront = -x + a * Math.log(x) - lnGammaA;
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < MAXIT; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) return 1 - sum * Math.exp(lnFront);
    }
    throw new Error(`incomplete gamma series did not converge (a=${a}, x=${x})`);
  }
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAXIT; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return Math.exp(lnFront) * h;
  }
  throw new Error(`incomplete gamma continued fraction did not converge (a=${a}, x=${x})`);
}

/** P(Z > z) for z >= 0, standard normal. */
function normalUpperTail(z: number): number {
  return 0.5 * gammaQ(0.5, 0.5 * z * z, LN_SQRT_PI);
}

/** Standard normal CDF. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return z >= 0 ? 1 - normalUpperTail(z) : normalUpperTail(-z);
}

/** z >= 0 with P(Z > z) = q, for 0 < q <= 0.5 (the Student-t quantile starts from it). */
export function normalUpperQuantile(q: number): number {
  // Abramowitz & Stegun 26.2.23 start (|error| < 4.5e-4), then Newton.
  const w = Math.sqrt(-2 * Math.log(q));
  let z =
    w -
    (2.515517 + 0.802853 * w + 0.010328 * w * w) /
      (1 + 1.432788 * w + 0.189269 * w * w + 0.001308 * w * w * w);
  if (z < 0) z = 0;
  for (let i = 0; i < 50; i++) {
    const dens = Math.exp(-0.5 * z * z) / SQRT_2PI;
    const step = (normalUpperTail(z) - q) / dens;
    z += step;
    if (z < 0) z = 0;
    if (Math.abs(step) <= 1e-14 * Math.max(1, z)) break;
  }
  return z;
}

/** Standard normal quantile: z with P(Z <= z) = p, 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  if (p === 0.5) return 0;
  return p > 0.5 ? normalUpperQuantile(1 - p) : -normalUpperQuantile(p);
}
