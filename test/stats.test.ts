import { describe, expect, it } from 'vitest';
import { meanCi95, normalCdf, normalQuantile, tCdf, tQuantile } from '../src/metrics/stats.js';
import { fmt } from '../src/report/format.js';

describe('tQuantile', () => {
  it('matches the t-table at p = 0.975', () => {
    // 4-decimal table values (rounding error <= 5e-5)
    const table: [number, number][] = [
      [1, 12.7062],
      [2, 4.3027],
      [4, 2.7764],
      [9, 2.2622],
      [19, 2.093],
      [29, 2.0452],
      [120, 1.9799],
      [1e9, 1.96],
    ];
    for (const [df, q] of table) {
      expect(Math.abs(tQuantile(0.975, df) - q), `df=${df}`).toBeLessThanOrEqual(5e-5);
    }
  });

  it('is accurate to 1e-6 against high-precision reference values', () => {
    // reference values (as given by e.g. R's qt / qnorm to 10 significant digits)
    const ref: [number, number, number][] = [
      [0.975, 1, 12.70620474],
      [0.975, 2, 4.30265273],
      [0.975, 4, 2.776445105],
      [0.975, 9, 2.262157163],
      [0.975, 19, 2.093024054],
      [0.975, 29, 2.045229642],
      [0.975, 120, 1.979930405],
      [0.975, 1000, 1.962339081],
      [0.975, Infinity, 1.959963985],
      [0.95, 5, 2.015048373],
      [0.995, 10, 3.169272673],
      [0.9, 3, 1.637744354],
      [0.99, 15, 2.602480295],
      [0.995, 30, 2.749995654],
    ];
    for (const [p, df, q] of ref) {
      expect(Math.abs(tQuantile(p, df) - q), `p=${p} df=${df}`).toBeLessThanOrEqual(1e-6);
    }
    expect(Math.abs(normalQuantile(0.975) - 1.959963985)).toBeLessThanOrEqual(1e-8);
    expect(Math.abs(normalQuantile(0.995) - 2.575829304)).toBeLessThanOrEqual(1e-8);
  });

  it('matches the closed forms for df = 1 (Cauchy) and df = 2', () => {
    for (const p of [0.001, 0.2, 0.6, 0.9, 0.999]) {
      expect(tQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 9);
      expect(tQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 9);
      // and the general (incomplete beta) CDF inverts them
      expect(tCdf(tQuantile(p, 1), 1)).toBeCloseTo(p, 12);
      expect(tCdf(tQuantile(p, 2), 2)).toBeCloseTo(p, 12);
    }
  });

  it('inverts tCdf, is antisymmetric and decreases in df towards the normal', () => {
    for (const df of [1.5, 3, 7, 25.5, 200, 5000, 20000, 1e7]) {
      for (const p of [1e-8, 0.01, 0.3, 0.5, 0.7, 0.975, 0.999999]) {
        const q = tQuantile(p, df);
        expect(Math.abs(tCdf(q, df) - p) / Math.min(p, 1 - p), `df=${df} p=${p}`).toBeLessThan(1e-8);
      }
      // antisymmetry, on p whose complement 1 - p is exact in floating point
      for (const p of [2 ** -30, 2 ** -10, 0.25, 0.375]) {
        const q = tQuantile(p, df);
        expect(Math.abs(tQuantile(1 - p, df) + q)).toBeLessThanOrEqual(1e-12 * Math.abs(q));
      }
    }
    let prev = Infinity;
    for (const df of [1, 2, 3, 5, 10, 30, 100, 1e3, 1e4, 1e5, 1e6, Infinity]) {
      const q = tQuantile(0.975, df);
      expect(q).toBeLessThan(prev);
      prev = q;
    }
    expect(normalCdf(normalQuantile(1e-12))).toBeCloseTo(1e-12, 20);
  });

  it('is continuous across the Cornish-Fisher switch at df = 1e4', () => {
    for (const p of [0.975, 0.9999]) {
      expect(Math.abs(tQuantile(p, 1e4) - tQuantile(p, 1e4 + 1e-6))).toBeLessThan(1e-10);
    }
  });

  it('rejects p outside (0, 1) and df <= 0', () => {
    expect(() => tQuantile(0, 5)).toThrow(RangeError);
    expect(() => tQuantile(1, 5)).toThrow(RangeError);
    expect(() => tQuantile(NaN, 5)).toThrow(RangeError);
    expect(() => tQuantile(0.5, 0)).toThrow(RangeError);
  });
});

describe('meanCi95', () => {
  it('matches a hand-worked example', () => {
    // values 2,4,4,4,5,5,7,9: n = 8, mean = 40/8 = 5,
    // squared deviations 9+1+1+1+0+0+4+16 = 32, s^2 = 32/7, s/sqrt(n) = sqrt(4/7) = 0.7559289460,
    // t_{0.975,7} = 2.364624252, half-width = 2.364624252 * 0.7559289460 = 1.787488...
    const r = meanCi95([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(r.mean).toBe(5);
    expect(r.halfWidth).not.toBeNull();
    expect(Math.abs(r.halfWidth! - 2.364624252 * Math.sqrt(4 / 7))).toBeLessThan(1e-8);
    expect(r.halfWidth!).toBeCloseTo(1.78749, 5);
  });

  it('n = 2: half-width is t_{0.975,1} * |x1 - x2| / 2', () => {
    // mean 2, s = sqrt(2), s/sqrt(2) = 1
    const r = meanCi95([1, 3]);
    expect(r.mean).toBe(2);
    expect(r.halfWidth!).toBeCloseTo(12.70620474, 7);
  });

  it('returns null half-width for n < 2, and 0 for constant values with an exact mean', () => {
    expect(meanCi95([7])).toEqual({ mean: 7, halfWidth: null });
    const empty = meanCi95([]);
    expect(empty.halfWidth).toBeNull();
    expect(Number.isNaN(empty.mean)).toBe(true);
    // values whose mean is exact (whole numbers, as in a paired difference of identical runs)
    expect(meanCi95([0, 0, 0])).toEqual({ mean: 0, halfWidth: 0 });
    expect(meanCi95([7, 7, 7, 7])).toEqual({ mean: 7, halfWidth: 0 });
  });

  it('gives constant values whose mean rounds a half-width of rounding size, printed as 0', () => {
    // 0.1 + 0.1 + 0.1 rounds to 0.30000000000000004, so the mean is 0.10000000000000002 and each
    // deviation -1.4e-17: simple-statistics' two-pass variance keeps their squares (~3e-34),
    // where the former corrected two-pass formula cancelled them to 0. 5e-16 of the mean at most
    // over 39,000 constant samples (n = 2..40); reports print 4 decimals.
    const r = meanCi95([0.1, 0.1, 0.1]);
    expect(r.mean).toBeCloseTo(0.1, 15);
    expect(r.halfWidth!).toBeGreaterThanOrEqual(0);
    expect(r.halfWidth!).toBeLessThan(1e-15);
    expect(fmt(r.halfWidth)).toBe('0');
  });

  it('is numerically stable for large offsets', () => {
    const r = meanCi95([1e9 + 2, 1e9 + 4, 1e9 + 4, 1e9 + 4, 1e9 + 5, 1e9 + 5, 1e9 + 7, 1e9 + 9]);
    expect(r.mean).toBe(1e9 + 5);
    expect(r.halfWidth!).toBeCloseTo(2.364624252 * Math.sqrt(4 / 7), 6);
  });
});
