/**
 * Statistical tests of the time distributions.
 *
 * Tolerances (all "5 standard errors"; the streams are seeded, so the tests are
 * deterministic, and with correct code a 5-SE miss has probability ~6e-7 per
 * check, so a reseed would not make them flaky):
 *
 *  - Sample mean of n iid draws: SE = sqrt(sigma^2 / n)  (CLT).
 *  - Sample variance s^2 (divisor n-1) of n iid draws:
 *      Var(s^2) = mu4/n - sigma^4 (n-3) / (n (n-1))      (exact for iid data),
 *    where mu4 = E[(X-mean)^4] is the central fourth moment, computed in
 *    closed form for each family below (see `mu4` in each case).
 *  - Empirical CDF at x, F_n(x): Binomial, SE = sqrt(F(x)(1-F(x))/n).
 *
 * The expected mean/variance come from the distribution object itself AND are
 * checked against independent closed forms from the constructor parameters,
 * so a wrong parameterisation (e.g. lognormal with sigma = sd/mean, or
 * mu = ln(mean)) fails at least one check.
 */
import { mean, sampleVariance } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import {
  distributionFrom,
  Empirical,
  Exponential,
  Fixed,
  Gamma,
  Lognormal,
  Scaled,
  standardNormal,
  Uniform,
  type Distribution,
} from '../src/engine/distributions.js';
import { RandomStreams, replicationSeed, type Rng } from '../src/engine/rng.js';
import { normalCdf } from '../src/metrics/stats.js';

const N = 200_000;

let streamCounter = 0;
/** A fresh, independent seeded stream per check. */
function freshRng(): Rng {
  return new RandomStreams(replicationSeed(20240601, 0)).stream(`test:${streamCounter++}`);
}

function draw(d: Distribution, n = N, rng = freshRng()): Float64Array {
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = d.sample(rng);
  return xs;
}

function sampleMoments(xs: Float64Array): { mean: number; variance: number } {
  const values = Array.from(xs);
  return { mean: mean(values), variance: sampleVariance(values) };
}

/**
 * Checks sample mean and variance against the distribution's declared
 * mean/variance, with 5-SE tolerances from the declared variance and the
 * supplied central fourth moment mu4.
 */
function expectMoments(d: Distribution, mu4: number, n = N): Float64Array {
  const xs = draw(d, n);
  const m = sampleMoments(xs);
  const sigma2 = d.variance;
  const seMean = Math.sqrt(sigma2 / n);
  const seVar = Math.sqrt(mu4 / n - (sigma2 * sigma2 * (n - 3)) / (n * (n - 1)));
  expect(Math.abs(m.mean - d.mean), `mean ${m.mean} vs ${d.mean} (SE ${seMean})`).toBeLessThanOrEqual(
    5 * seMean,
  );
  expect(
    Math.abs(m.variance - sigma2),
    `variance ${m.variance} vs ${sigma2} (SE ${seVar})`,
  ).toBeLessThanOrEqual(5 * seVar);
  return xs;
}

/** Checks the empirical CDF at the given points against cdf, 5 binomial SEs. */
function expectCdf(xs: Float64Array, cdf: (x: number) => number, points: readonly number[]): void {
  const n = xs.length;
  for (const x of points) {
    let below = 0;
    for (let i = 0; i < n; i++) if (xs[i]! <= x) below++;
    const p = cdf(x);
    const se = Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs(below / n - p), `F(${x}): ${below / n} vs ${p}`).toBeLessThanOrEqual(
      5 * se + 1e-12,
    );
  }
}

/** Central fourth moment from raw moments E[X], E[X^2], E[X^3], E[X^4]. */
function centralMu4(m1: number, m2: number, m3: number, m4: number): number {
  return m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 ** 4;
}

describe('standardNormal', () => {
  it('has mean 0, variance 1 (mu4 = 3), and the normal CDF', () => {
    const rng = freshRng();
    const xs = new Float64Array(N);
    for (let i = 0; i < N; i++) xs[i] = standardNormal(rng);
    const m = sampleMoments(xs);
    expect(Math.abs(m.mean)).toBeLessThanOrEqual(5 * Math.sqrt(1 / N));
    expect(Math.abs(m.variance - 1)).toBeLessThanOrEqual(5 * Math.sqrt(2 / N));
    expectCdf(xs, normalCdf, [-2.5, -1.96, -1, 0, 0.5, 1.96, 3]);
  });

  it('is a deterministic function of the stream (no hidden cache)', () => {
    const seed = replicationSeed(1, 1);
    const a = new RandomStreams(seed).stream('n');
    const b = new RandomStreams(seed).stream('n');
    const first = standardNormal(a);
    standardNormal(freshRng()); // interleaved use of another stream
    expect(standardNormal(b)).toBe(first);
    expect(standardNormal(a)).toBe(standardNormal(b));
  });
});

describe('Exponential', () => {
  it('has mean m, variance m^2 and the exponential CDF', () => {
    const m = 45;
    const d = new Exponential(m);
    expect(d.family).toBe('exponential');
    expect(d.mean).toBe(45);
    expect(d.variance).toBe(45 * 45);
    // mu4 of Exp(mean m) = 9 m^4
    const xs = expectMoments(d, 9 * m ** 4);
    expectCdf(xs, (x) => 1 - Math.exp(-x / m), [1, 10, m * Math.LN2, 45, 100, 200, 300]);
  });

  it('maps u = 0 to 0 and stays finite at the top of [0, 1)', () => {
    const d = new Exponential(10);
    expect(d.sample(() => 0)).toBe(0);
    expect(Number.isFinite(d.sample(() => 1 - 2 ** -53))).toBe(true);
    expect(d.sample(() => 0.5)).toBeCloseTo(10 * Math.LN2, 12);
  });

  it('rejects a non-positive mean', () => {
    expect(() => new Exponential(0)).toThrow(RangeError);
    expect(() => new Exponential(-1)).toThrow(RangeError);
    expect(() => new Exponential(NaN)).toThrow(RangeError);
  });
});

describe('Fixed', () => {
  it('always returns its value and consumes no random numbers', () => {
    const d = new Fixed(3);
    expect(d.family).toBe('fixed');
    expect(d.mean).toBe(3);
    expect(d.variance).toBe(0);
    let calls = 0;
    const counting: Rng = () => {
      calls++;
      return 0.5;
    };
    for (let i = 0; i < 10; i++) expect(d.sample(counting)).toBe(3);
    expect(calls).toBe(0);
    expect(new Fixed(0).sample(counting)).toBe(0);
    expect(() => new Fixed(-1)).toThrow(RangeError);
  });
});

describe('Uniform', () => {
  it('has mean (a+b)/2, variance (b-a)^2/12 and the uniform CDF', () => {
    const d = new Uniform(20, 80);
    expect(d.family).toBe('uniform');
    expect(d.mean).toBe(50);
    expect(d.variance).toBeCloseTo(3600 / 12, 9);
    // mu4 of U(a,b) = (b-a)^4 / 80
    const xs = expectMoments(d, 60 ** 4 / 80);
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of xs) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    expect(lo).toBeGreaterThanOrEqual(20);
    expect(hi).toBeLessThan(80);
    expectCdf(xs, (x) => (x - 20) / 60, [21, 30, 50, 65, 79]);
  });

  it('accepts a degenerate range and rejects max < min', () => {
    expect(new Uniform(5, 5).sample(() => 0.7)).toBe(5);
    expect(() => new Uniform(10, 5)).toThrow(RangeError);
  });
});

describe('Lognormal (parameterised by the mean and sd of the variable)', () => {
  // For log X ~ N(mu, s^2): E[X^k] = exp(k mu + k^2 s^2 / 2). With the
  // intended parameterisation s^2 = ln(1 + sd^2/mean^2), mu = ln(mean) - s^2/2.
  for (const [mean, sd] of [
    [300, 300],
    [120, 60],
    [30, 90],
  ] as const) {
    it(`mean ${mean}, sd ${sd}`, () => {
      const d = new Lognormal(mean, sd);
      expect(d.family).toBe('lognormal');
      expect(d.mean).toBe(mean);
      expect(d.variance).toBeCloseTo(sd * sd, 6);
      const s2 = Math.log(1 + (sd * sd) / (mean * mean));
      const mu = Math.log(mean) - s2 / 2;
      const raw = (k: number): number => Math.exp(k * mu + (k * k * s2) / 2);
      // the closed forms agree with the requested mean/sd (sanity of the formula)
      expect(raw(1)).toBeCloseTo(mean, 9);
      expect(raw(2) - raw(1) ** 2).toBeCloseTo(sd * sd, 6);
      const mu4 = centralMu4(raw(1), raw(2), raw(3), raw(4));
      const xs = expectMoments(d, mu4);
      // shape: median = exp(mu) = mean / sqrt(1 + cv^2), and the full CDF
      const cdf = (x: number): number => normalCdf((Math.log(x) - mu) / Math.sqrt(s2));
      const median = mean / Math.sqrt(1 + (sd * sd) / (mean * mean));
      expect(cdf(median)).toBeCloseTo(0.5, 12);
      const q = (z: number): number => Math.exp(mu + z * Math.sqrt(s2));
      expectCdf(xs, cdf, [q(-2), q(-1), median, q(1), q(2), q(3)]);
    });
  }

  it('with sd 0 is degenerate at the mean', () => {
    const d = new Lognormal(50, 0);
    const rng = freshRng();
    for (let i = 0; i < 100; i++) expect(d.sample(rng)).toBeCloseTo(50, 9);
  });
});

describe('Gamma (parameterised by mean and sd; Marsaglia-Tsang)', () => {
  // shape k = mean^2/sd^2, scale t = sd^2/mean; central mu4 = 3 k (k + 2) t^4
  // (kurtosis 3 + 6/k). Cases cover shape > 1, = 1, and < 1 (boost path).
  for (const [mean, sd] of [
    [300, 150], // k = 4
    [200, 200 / Math.SQRT2], // k = 2
    [60, 60], // k = 1
    [100, 100 * Math.SQRT2], // k = 0.5
    [60, 120], // k = 0.25
  ] as const) {
    it(`mean ${mean}, sd ${sd.toFixed(2)} (shape ${((mean * mean) / (sd * sd)).toFixed(2)})`, () => {
      const d = new Gamma(mean, sd);
      expect(d.family).toBe('gamma');
      expect(d.mean).toBe(mean);
      expect(d.variance).toBeCloseTo(sd * sd, 6);
      const k = (mean * mean) / (sd * sd);
      const t = (sd * sd) / mean;
      expect(d.shape).toBeCloseTo(k, 12);
      expect(d.scale).toBeCloseTo(t, 9);
      const xs = expectMoments(d, 3 * k * (k + 2) * t ** 4);
      let min = Infinity;
      for (const x of xs) min = Math.min(min, x);
      expect(min).toBeGreaterThanOrEqual(0);
      // closed-form CDFs for the shapes that have one
      if (Math.abs(k - 1) < 1e-12) {
        expectCdf(xs, (x) => 1 - Math.exp(-x / t), [1, 10, 60, 150, 300]);
      } else if (Math.abs(k - 2) < 1e-12) {
        // Erlang-2
        expectCdf(xs, (x) => 1 - Math.exp(-x / t) * (1 + x / t), [10, 50, 150, 300, 600]);
      } else if (Math.abs(k - 0.5) < 1e-12) {
        // Gamma(1/2, t) = t Z^2 / 2  =>  F(x) = 2 Phi(sqrt(2x/t)) - 1
        expectCdf(
          xs,
          (x) => 2 * normalCdf(Math.sqrt((2 * x) / t)) - 1,
          [0.1, 1, 10, 50, 100, 300, 1000],
        );
      }
    });
  }

  it('with sd 0 is degenerate at the mean', () => {
    const d = new Gamma(50, 0);
    expect(d.sample(freshRng())).toBe(50);
    expect(d.variance).toBe(0);
  });

  it('is deterministic per stream despite the variable number of uniforms per draw', () => {
    const seed = replicationSeed(7, 3);
    const d = new Gamma(60, 120);
    const a = new RandomStreams(seed).stream('handling:999');
    const b = new RandomStreams(seed).stream('handling:999');
    const xa = Array.from({ length: 1000 }, () => d.sample(a));
    const xb = Array.from({ length: 1000 }, () => d.sample(b));
    expect(xa).toEqual(xb);
  });
});

describe('Empirical', () => {
  it('returns each listed value with equal probability', () => {
    const values = [10, 20, 20, 60, 5];
    const d = new Empirical(values);
    expect(d.family).toBe('empirical');
    // mean 23, population variance ((13^2 + 3^2 + 3^2 + 37^2 + 18^2) / 5) = 376
    expect(d.mean).toBeCloseTo(23, 12);
    expect(d.variance).toBeCloseTo(376, 9);
    const mu4 = values.reduce((acc, x) => acc + (x - 23) ** 4, 0) / values.length;
    const xs = expectMoments(d, mu4);
    const counts = new Map<number, number>();
    for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([5, 10, 20, 60]);
    for (const [v, p] of [
      [5, 0.2],
      [10, 0.2],
      [20, 0.4],
      [60, 0.2],
    ] as const) {
      const se = Math.sqrt((p * (1 - p)) / N);
      expect(Math.abs(counts.get(v)! / N - p)).toBeLessThanOrEqual(5 * se);
    }
  });

  it('maps the ends of [0, 1) to the first and last values', () => {
    const d = new Empirical([1, 2, 3]);
    expect(d.sample(() => 0)).toBe(1);
    expect(d.sample(() => 1 - 2 ** -53)).toBe(3);
    expect(d.sample(() => 1 - 2 ** -32)).toBe(3);
  });

  it('copies its input and rejects bad lists', () => {
    const src = [1, 2];
    const d = new Empirical(src);
    src[0] = 1000;
    expect(d.mean).toBe(1.5);
    expect(d.sample(() => 0)).toBe(1);
    expect(() => new Empirical([])).toThrow(RangeError);
    expect(() => new Empirical([1, -2])).toThrow(RangeError);
    expect(() => new Empirical([1, NaN])).toThrow(RangeError);
  });
});

describe('Scaled', () => {
  it('scales mean by f and variance by f^2, draws are base draws times f', () => {
    const base = new Lognormal(100, 80);
    const d = new Scaled(base, 1.5);
    expect(d.family).toBe('lognormal');
    expect(d.mean).toBeCloseTo(150, 9);
    expect(d.variance).toBeCloseTo(80 * 80 * 2.25, 6);
    // pairwise: same stream state => draw equals base draw * factor
    const seed = replicationSeed(3, 0);
    const a = new RandomStreams(seed).stream('s');
    const b = new RandomStreams(seed).stream('s');
    for (let i = 0; i < 1000; i++) expect(d.sample(a)).toBeCloseTo(base.sample(b) * 1.5, 9);
    // statistically, via the exponential (mu4 scales by f^4)
    const e = new Scaled(new Exponential(40), 0.25);
    expect(e.mean).toBe(10);
    expect(e.variance).toBe(100);
    expectMoments(e, 9 * 10 ** 4);
  });

  it('flattens nested scaling and allows factor 0', () => {
    const base = new Exponential(10);
    const d = new Scaled(new Scaled(base, 2), 3);
    expect(d.base).toBe(base);
    expect(d.factor).toBe(6);
    expect(d.mean).toBe(60);
    expect(d.variance).toBe(3600);
    expect(new Scaled(base, 0).sample(freshRng())).toBe(0);
    expect(() => new Scaled(base, -1)).toThrow(RangeError);
  });
});

describe('distributionFrom', () => {
  it('builds each family from its scenario-file form', () => {
    const e = distributionFrom({ exponential: { mean_seconds: 45 } });
    expect(e).toBeInstanceOf(Exponential);
    expect(e.mean).toBe(45);
    const f = distributionFrom({ fixed: { seconds: 3 } });
    expect(f).toBeInstanceOf(Fixed);
    expect(f.mean).toBe(3);
    const l = distributionFrom({ lognormal: { mean_seconds: 300, sd_seconds: 200 } });
    expect(l).toBeInstanceOf(Lognormal);
    expect([l.mean, l.variance]).toEqual([300, 40000]);
    const g = distributionFrom({ gamma: { mean_seconds: 300, sd_seconds: 150 } });
    expect(g).toBeInstanceOf(Gamma);
    expect([g.mean, g.variance]).toEqual([300, 22500]);
    const u = distributionFrom({ uniform: { min_seconds: 10, max_seconds: 20 } });
    expect(u).toBeInstanceOf(Uniform);
    expect(u.mean).toBe(15);
    const m = distributionFrom({ empirical: { seconds: [1, 2, 3] } });
    expect(m).toBeInstanceOf(Empirical);
    expect(m.mean).toBe(2);
  });

  it('throws a clear Error on anything unexpected', () => {
    const bad = (x: unknown) => () => distributionFrom(x as never);
    expect(bad({ weibull: { shape: 2 } })).toThrow(/unknown distribution family 'weibull'/);
    expect(bad({})).toThrow(/exactly one family key/);
    expect(bad({ fixed: { seconds: 1 }, exponential: { mean_seconds: 1 } })).toThrow(
      /exactly one family key/,
    );
    expect(bad({ exponential: { mean: 45 } })).toThrow(/unknown parameter 'mean'/);
    expect(bad({ exponential: {} })).toThrow(/'mean_seconds' must be a number/);
    expect(bad({ exponential: { mean_seconds: '45' } })).toThrow(/'mean_seconds' must be a number/);
    expect(bad({ exponential: { mean_seconds: -45 } })).toThrow(/mean_seconds must be a finite number > 0/);
    expect(bad({ uniform: { min_seconds: 5, max_seconds: 1 } })).toThrow(/max_seconds/);
    expect(bad({ empirical: { seconds: 5 } })).toThrow(/'seconds' must be an array/);
    expect(bad({ empirical: { seconds: [] } })).toThrow(/non-empty/);
    expect(bad(null)).toThrow(/must be an object/);
    expect(bad({ fixed: 3 })).toThrow(/parameters must be an object/);
  });
});
