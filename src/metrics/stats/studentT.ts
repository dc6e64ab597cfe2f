/**
 * The Student-t distribution: CDF and quantile for any df > 0 (df may be non-integer;
 * df = Infinity is the normal), accurate to ~1e-10 or better.
 *
 * Written by hand because simple-statistics has no Student-t distribution (its tTest returns the
 * statistic only, and it has no regularized incomplete beta function); confidence intervals of
 * replication means need t_{0.975, n-1}. Its ln Gamma (gammaln) is used.
 *
 * The CDF is the regularized incomplete beta function (continued fraction, modified Lentz;
 * Numerical Recipes 6.4), except for df = 1 and df = 2 (closed forms) and df > 1e4 (Cornish-Fisher
 * expansion about the normal quantile, Abramowitz & Stegun 26.7.5, whose truncation error there
 * is far below 1e-12). The quantile is a safeguarded Newton iteration inside a bracket.
 */
import { gammaln } from 'simple-statistics';
import { normalCdf, normalUpperQuantile } from './normal.js';

const EPS = 1e-16;
const FPMIN = 1e-300;
const MAXIT = 100_000;

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
  const lnFront = gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log(y);
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
  const lnC = gammaln((df + 1) / 2) - gammaln(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(lnC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** Student-t CDF P(T_df <= t), df > 0. */
export function tCdf(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`tCdf: df must be > 0, got ${df}`);
  if (Number.isNaN(t)) return NaN;
  if (df === Infinity) return normalCdf(t);
  return t >= 0 ? 1 - tUpperTail(t, df) : tUpperTail(-t, df);
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
 *
 * @example tQuantile(0.975, 7) // 2.364624...
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
