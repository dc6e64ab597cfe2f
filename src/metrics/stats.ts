/**
 * Small statistics helpers for replication output: Student-t quantiles and
 * 95% confidence intervals of a mean.
 *
 * tQuantile inverts the Student-t CDF, which is computed from the regularized
 * incomplete beta function (continued fraction, modified Lentz; Numerical
 * Recipes 6.4) -- except for df = 1 and df = 2 (closed forms) and
 * df > 1e4 (Cornish-Fisher expansion about the normal quantile, Abramowitz &
 * Stegun 26.7.5, whose truncation error there is far below 1e-12). The normal
 * quantile is obtained by Newton iteration on the normal tail, computed
 * through the regularized incomplete gamma function Q(1/2, z^2/2).
 * Results are accurate to ~1e-10 or better.
 */

const EPS = 1e-16;
const FPMIN = 1e-300;
const MAXIT = 100_000;
const LN_SQRT_PI = 0.5723649429247001; // ln Gamma(1/2) = ln sqrt(pi)
const SQRT_2PI = 2.5066282746310002;

/** ln Gamma(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ~1e-15). */
function lnGamma(x: number): number {
  if (x < 0.5) {
    // reflection: Gamma(x) Gamma(1-x) = pi / sin(pi x)
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  }
  x -= 1;
  let a = 0.99999999999980993;
  const t = x + 7.5;
  a += 676.5203681218851 / (x + 1);
  a += -1259.1392167224028 / (x + 2);
  a += 771.32342877765313 / (x + 3);
  a += -176.61502916214059 / (x + 4);
  a += 12.507343278686905 / (x + 5);
  a += -0.13857109526572012 / (x + 6);
  a += 9.9843695780195716e-6 / (x + 7);
  a += 1.5056327351493116e-7 / (x + 8);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction for the incomplete beta function (NR betacf). */
function betaCf(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAXIT; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  throw new Error(`incomplete beta continued fraction did not converge (a=${a}, b=${b}, x=${x})`);
}

/**
 * Regularized incomplete beta I_x(a, b). Both x and y = 1 - x are passed so
 * that callers can supply whichever is computed without cancellation.
 */
function incBeta(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const lnFront =
    lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(y);
  const front = Math.exp(lnFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaCf(a, b, x)) / a;
  return 1 - (front * betaCf(b, a, y)) / b;
}

/** P(T_df > t) for t >= 0. */
function tUpperTail(t: number, df: number): number {
  const t2 = t * t;
  const x = df / (df + t2);
  const y = t2 / (df + t2);
  return 0.5 * incBeta(x, y, df / 2, 0.5);
}

function tDensity(t: number, df: number): number {
  const lnC = lnGamma((df + 1) / 2) - lnGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(lnC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** Student-t CDF P(T_df <= t), df > 0. */
export function tCdf(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`tCdf: df must be > 0, got ${df}`);
  if (Number.isNaN(t)) return NaN;
  if (df === Infinity) return normalCdf(t);
  return t >= 0 ? 1 - tUpperTail(t, df) : tUpperTail(-t, df);
}

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

/** z >= 0 with P(Z > z) = q, for 0 < q <= 0.5. */
function normalUpperQuantile(q: number): number {
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

/** Cornish-Fisher expansion of the t quantile in 1/df (A&S 26.7.5). */
function tCornishFisher(z: number, df: number): number {
  const z2 = z * z;
  const z3 = z2 * z;
  const z5 = z3 * z2;
  const z7 = z5 * z2;
  const z9 = z7 * z2;
  const g1 = (z3 + z) / 4;
  const g2 = (5 * z5 + 16 * z3 + 3 * z) / 96;
  const g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384;
  const g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

/** t >= 0 with P(T_df > t) = q, for 0 < q < 0.5. */
function tUpperQuantile(q: number, df: number): number {
  // Bracket [lo, hi] with tail(lo) >= q > tail(hi); safeguarded Newton inside it.
  let lo = 0;
  let hi = Math.max(1, tCornishFisher(normalUpperQuantile(q), Math.max(df, 3)));
  while (tUpperTail(hi, df) >= q) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return Infinity;
  }
  let t = 0.5 * (lo + hi);
  for (let i = 0; i < 200; i++) {
    const f = tUpperTail(t, df) - q; // decreasing in t
    if (f > 0) lo = t;
    else if (f < 0) hi = t;
    else return t;
    let next = t + f / tDensity(t, df);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const step = Math.abs(next - t);
    t = next;
    if (step <= 1e-14 * Math.max(1, t) || hi - lo <= 1e-15 * Math.max(1, t)) break;
  }
  return t;
}

/**
 * Student-t quantile: the value q with P(T_df <= q) = p, for 0 < p < 1 and
 * df > 0 (df may be non-integer; df = Infinity gives the normal quantile).
 */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`tQuantile: p must be in (0, 1), got ${p}`);
  if (!(df > 0)) throw new RangeError(`tQuantile: df must be > 0, got ${df}`);
  if (p === 0.5) return 0;
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  const upper = p > 0.5;
  const q = upper ? 1 - p : p;
  let t: number;
  if (df === Infinity) t = normalUpperQuantile(q);
  else if (df > 1e4) t = tCornishFisher(normalUpperQuantile(q), df);
  else t = tUpperQuantile(q, df);
  return upper ? t : -t;
}

/**
 * Mean of the values and the half-width of its 95% confidence interval:
 * t_{0.975, n-1} * s / sqrt(n) with s the sample standard deviation
 * (divisor n - 1). halfWidth is null for n < 2; for n = 0 the mean is NaN.
 */
export function meanCi95(values: readonly number[]): { mean: number; halfWidth: number | null } {
  const n = values.length;
  if (n === 0) return { mean: NaN, halfWidth: null };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  if (n < 2) return { mean, halfWidth: null };
  // two-pass variance (with the usual correction term) for numerical stability
  let ss = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    ss += d * d;
    comp += d;
  }
  const variance = Math.max(0, (ss - (comp * comp) / n) / (n - 1));
  const halfWidth = tQuantile(0.975, n - 1) * Math.sqrt(variance / n);
  return { mean, halfWidth };
}
