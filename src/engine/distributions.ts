/**
 * Time distributions as small immutable value objects; all times in seconds.
 *
 * Hot-path rules: sample() allocates nothing, creates no closures, and every
 * class initialises all of its fields in the constructor in a fixed order so
 * each class has a single hidden class. Draws use only the rng passed in, so a
 * stream's sequence is fully determined by its seed.
 *
 * Uniform inputs are in [0, 1); wherever a logarithm is taken we use 1 - u,
 * which lies in (0, 1], so log(0) never happens.
 */
import type { Rng } from './rng.js';

export type DistributionFamily =
  | 'exponential'
  | 'fixed'
  | 'lognormal'
  | 'gamma'
  | 'uniform'
  | 'empirical';

export interface Distribution {
  readonly family: DistributionFamily;
  /** one draw, in seconds, using only the given rng */
  sample(rng: Rng): number;
  readonly mean: number; // seconds
  readonly variance: number; // seconds^2
}

const TWO_PI = 2 * Math.PI;

function requireFiniteNonNegative(what: string, x: number): void {
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
    throw new RangeError(`${what} must be a finite number >= 0, got ${String(x)}`);
  }
}

function requireFinitePositive(what: string, x: number): void {
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) {
    throw new RangeError(`${what} must be a finite number > 0, got ${String(x)}`);
  }
}

/**
 * One standard normal draw from two uniforms (Box-Muller, cosine branch only).
 * The sine value is deliberately discarded: no hidden cache, so the result
 * depends only on the stream's next two numbers.
 */
export function standardNormal(rng: Rng): number {
  const r = Math.sqrt(-2 * Math.log(1 - rng()));
  return r * Math.cos(TWO_PI * rng());
}

export class Exponential implements Distribution {
  readonly family = 'exponential' as const;
  readonly mean: number;
  readonly variance: number;

  constructor(meanSeconds: number) {
    requireFinitePositive('exponential mean_seconds', meanSeconds);
    this.mean = meanSeconds;
    this.variance = meanSeconds * meanSeconds;
  }

  sample(rng: Rng): number {
    // `0 - ...` rather than unary minus so that u = 0 gives +0, not -0
    return 0 - this.mean * Math.log(1 - rng());
  }
}

export class Fixed implements Distribution {
  readonly family = 'fixed' as const;
  readonly mean: number;
  readonly variance: number;

  constructor(seconds: number) {
    requireFiniteNonNegative('fixed seconds', seconds);
    this.mean = seconds;
    this.variance = 0;
  }

  /** Consumes no random numbers. */
  sample(_rng: Rng): number {
    return this.mean;
  }
}

/**
 * Lognormal parameterised by the mean m and standard deviation s of the
 * variable itself: log X ~ N(mu, sigma^2) with
 *   sigma^2 = ln(1 + s^2/m^2),  mu = ln(m) - sigma^2/2.
 * sd 0 is allowed (degenerate at the mean).
 */
export class Lognormal implements Distribution {
  readonly family = 'lognormal' as const;
  readonly mean: number;
  readonly variance: number;
  /** mean of log X */
  readonly mu: number;
  /** sd of log X */
  readonly sigma: number;

  constructor(meanSeconds: number, sdSeconds: number) {
    requireFinitePositive('lognormal mean_seconds', meanSeconds);
    requireFiniteNonNegative('lognormal sd_seconds', sdSeconds);
    const cv = sdSeconds / meanSeconds;
    const sigma2 = Math.log1p(cv * cv);
    this.mean = meanSeconds;
    this.variance = sdSeconds * sdSeconds;
    this.mu = Math.log(meanSeconds) - sigma2 / 2;
    this.sigma = Math.sqrt(sigma2);
  }

  sample(rng: Rng): number {
    const r = Math.sqrt(-2 * Math.log(1 - rng()));
    return Math.exp(this.mu + this.sigma * r * Math.cos(TWO_PI * rng()));
  }
}

/**
 * Gamma with the given mean m and sd s: shape k = m^2/s^2, scale theta = s^2/m.
 * Marsaglia & Tsang (2000) squeeze/rejection for shape >= 1; for shape < 1 a
 * Gamma(k+1) draw is multiplied by U^(1/k) (Marsaglia & Tsang's boost).
 * sd 0 is allowed (degenerate at the mean, consumes no random numbers).
 */
export class Gamma implements Distribution {
  readonly family = 'gamma' as const;
  readonly mean: number;
  readonly variance: number;
  readonly shape: number;
  readonly scale: number;
  /** Marsaglia-Tsang d = a - 1/3 for a = max(shape, shape + 1 if shape < 1) */
  private readonly d: number;
  /** Marsaglia-Tsang c = 1/sqrt(9d) */
  private readonly c: number;
  /** 1/shape when shape < 1 (boost exponent), else 0 (no boost) */
  private readonly boostExponent: number;
  private readonly degenerate: boolean;

  constructor(meanSeconds: number, sdSeconds: number) {
    requireFinitePositive('gamma mean_seconds', meanSeconds);
    requireFiniteNonNegative('gamma sd_seconds', sdSeconds);
    this.mean = meanSeconds;
    this.variance = sdSeconds * sdSeconds;
    this.degenerate = sdSeconds === 0;
    if (this.degenerate) {
      this.shape = Infinity;
      this.scale = 0;
      this.d = 0;
      this.c = 0;
      this.boostExponent = 0;
    } else {
      const cv = sdSeconds / meanSeconds;
      this.shape = 1 / (cv * cv);
      this.scale = sdSeconds * cv; // s^2/m
      const a = this.shape < 1 ? this.shape + 1 : this.shape;
      this.d = a - 1 / 3;
      this.c = 1 / Math.sqrt(9 * this.d);
      this.boostExponent = this.shape < 1 ? 1 / this.shape : 0;
    }
  }

  sample(rng: Rng): number {
    if (this.degenerate) return this.mean;
    const d = this.d;
    const c = this.c;
    let x: number;
    let v: number;
    for (;;) {
      do {
        x = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(TWO_PI * rng());
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = rng();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) break;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) break;
    }
    let g = d * v * this.scale;
    if (this.boostExponent !== 0) g *= Math.pow(1 - rng(), this.boostExponent);
    return g;
  }
}

/** Continuous uniform on [min, max). */
export class Uniform implements Distribution {
  readonly family = 'uniform' as const;
  readonly mean: number;
  readonly variance: number;
  readonly min: number;
  readonly width: number;

  constructor(minSeconds: number, maxSeconds: number) {
    requireFiniteNonNegative('uniform min_seconds', minSeconds);
    requireFiniteNonNegative('uniform max_seconds', maxSeconds);
    if (maxSeconds < minSeconds) {
      throw new RangeError(
        `uniform max_seconds (${maxSeconds}) must be >= min_seconds (${minSeconds})`,
      );
    }
    const w = maxSeconds - minSeconds;
    this.mean = (minSeconds + maxSeconds) / 2;
    this.variance = (w * w) / 12;
    this.min = minSeconds;
    this.width = w;
  }

  sample(rng: Rng): number {
    return this.min + this.width * rng();
  }
}

/**
 * Each listed value with equal probability (duplicates count with their
 * multiplicity). mean/variance are those of the discrete distribution itself
 * (population variance, divisor n).
 */
export class Empirical implements Distribution {
  readonly family = 'empirical' as const;
  readonly mean: number;
  readonly variance: number;
  private readonly values: Float64Array;
  private readonly n: number;

  constructor(seconds: readonly number[]) {
    if (!Array.isArray(seconds) || seconds.length === 0) {
      throw new RangeError('empirical seconds must be a non-empty array of numbers');
    }
    const n = seconds.length;
    const values = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const x = seconds[i]!;
      requireFiniteNonNegative(`empirical seconds[${i}]`, x);
      values[i] = x;
      sum += x;
    }
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const dx = values[i]! - mean;
      ss += dx * dx;
    }
    this.mean = mean;
    this.variance = ss / n;
    this.values = values;
    this.n = n;
  }

  sample(rng: Rng): number {
    // u in [0,1) => floor(u*n) in [0, n-1] (u*n cannot round up to n in IEEE doubles)
    return this.values[Math.floor(rng() * this.n)]!;
  }
}

/**
 * Draws are the base draws times `factor` (mean*factor, variance*factor^2).
 * family is the base family. A Scaled of a Scaled is flattened into one level.
 */
export class Scaled implements Distribution {
  readonly family: DistributionFamily;
  readonly mean: number;
  readonly variance: number;
  readonly base: Distribution;
  readonly factor: number;

  constructor(base: Distribution, factor: number) {
    requireFiniteNonNegative('scale factor', factor);
    let b = base;
    let f = factor;
    if (b instanceof Scaled) {
      f *= b.factor;
      b = b.base;
    }
    this.family = b.family;
    this.mean = b.mean * f;
    this.variance = b.variance * f * f;
    this.base = b;
    this.factor = f;
  }

  sample(rng: Rng): number {
    return this.base.sample(rng) * this.factor;
  }
}

export type DistributionSpec =
  | { exponential: { mean_seconds: number } }
  | { fixed: { seconds: number } }
  | { lognormal: { mean_seconds: number; sd_seconds: number } }
  | { gamma: { mean_seconds: number; sd_seconds: number } }
  | { uniform: { min_seconds: number; max_seconds: number } }
  | { empirical: { seconds: number[] } };

const FAMILIES: readonly string[] = [
  'exponential',
  'fixed',
  'lognormal',
  'gamma',
  'uniform',
  'empirical',
];

function describe(x: unknown): string {
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return String(x);
  }
}

function field(family: string, params: Record<string, unknown>, name: string): number {
  const v = params[name];
  if (typeof v !== 'number') {
    throw new Error(`distribution '${family}': '${name}' must be a number, got ${describe(v)}`);
  }
  return v;
}

/**
 * Build a Distribution from its scenario-file form, e.g.
 * { exponential: { mean_seconds: 45 } }. Throws an Error naming the problem
 * on anything unexpected (unknown family, several families, missing or
 * non-numeric or out-of-range parameters, unknown parameter names).
 */
export function distributionFrom(spec: DistributionSpec): Distribution {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new Error(`distribution spec must be an object, got ${describe(spec)}`);
  }
  const keys = Object.keys(spec);
  if (keys.length !== 1) {
    throw new Error(
      `distribution spec must have exactly one family key (one of ${FAMILIES.join(', ')}), got ${describe(spec)}`,
    );
  }
  const family = keys[0]!;
  const params = (spec as Record<string, unknown>)[family];
  if (!FAMILIES.includes(family)) {
    throw new Error(
      `unknown distribution family '${family}' (expected one of ${FAMILIES.join(', ')})`,
    );
  }
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new Error(`distribution '${family}': parameters must be an object, got ${describe(params)}`);
  }
  const p = params as Record<string, unknown>;
  const allowed: Record<string, readonly string[]> = {
    exponential: ['mean_seconds'],
    fixed: ['seconds'],
    lognormal: ['mean_seconds', 'sd_seconds'],
    gamma: ['mean_seconds', 'sd_seconds'],
    uniform: ['min_seconds', 'max_seconds'],
    empirical: ['seconds'],
  };
  for (const k of Object.keys(p)) {
    if (!allowed[family]!.includes(k)) {
      throw new Error(
        `distribution '${family}': unknown parameter '${k}' (expected ${allowed[family]!.join(', ')})`,
      );
    }
  }
  try {
    switch (family) {
      case 'exponential':
        return new Exponential(field(family, p, 'mean_seconds'));
      case 'fixed':
        return new Fixed(field(family, p, 'seconds'));
      case 'lognormal':
        return new Lognormal(field(family, p, 'mean_seconds'), field(family, p, 'sd_seconds'));
      case 'gamma':
        return new Gamma(field(family, p, 'mean_seconds'), field(family, p, 'sd_seconds'));
      case 'uniform':
        return new Uniform(field(family, p, 'min_seconds'), field(family, p, 'max_seconds'));
      case 'empirical': {
        const s = p['seconds'];
        if (!Array.isArray(s)) {
          throw new Error(`distribution 'empirical': 'seconds' must be an array, got ${describe(s)}`);
        }
        return new Empirical(s as number[]);
      }
    }
  } catch (e) {
    if (e instanceof RangeError) {
      throw new Error(`distribution ${describe(spec)}: ${e.message}`);
    }
    throw e;
  }
  // unreachable: family was checked against FAMILIES above
  throw new Error(`unknown distribution family '${family}'`);
}
