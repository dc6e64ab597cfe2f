/**
 * The pieces of `uncertainty` that need no simulation: the Latin hypercube, the ranges'
 * quantiles, the Gauss–Newton re-fit on cases whose answer is known, and the band's quantiles.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { latinHypercube } from '../src/uncertainty/latinHypercube.js';
import { rangeQuantile } from '../src/uncertainty/rangeQuantile.js';
import { gaussNewtonStep } from '../src/uncertainty/gaussNewton.js';
import { erlangA } from '../src/metrics/erlang/erlangA.js';
import { bandRows } from '../src/uncertainty/band.js';
import type { StudyPoint } from '../src/uncertainty/runUncertainty.js';

describe('latinHypercube', () => {
  it('puts exactly one point in each of the N strata of every dimension', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1e9 }), (n, d, seed) => {
        const pts = latinHypercube(n, d, seed);
        expect(pts).toHaveLength(n);
        for (let j = 0; j < d; j++) {
          const strata = pts.map((p) => Math.floor(p[j] * n)).sort((a, b) => a - b);
          expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
          for (const p of pts) expect(p[j] >= 0 && p[j] < 1).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('is reproducible from its seed, and another seed gives other points', () => {
    expect(latinHypercube(12, 5, 42)).toEqual(latinHypercube(12, 5, 42));
    expect(latinHypercube(12, 5, 43)).not.toEqual(latinHypercube(12, 5, 42));
  });

  it('pairs the strata independently across dimensions (not the same permutation every time)', () => {
    const pts = latinHypercube(50, 2, 7);
    const same = pts.filter((p) => Math.floor(p[0] * 50) === Math.floor(p[1] * 50)).length;
    // a shared permutation would give 50; independent ones about 1 (Poisson): 10 is far in the tail
    expect(same).toBeLessThan(10);
  });
});

describe('rangeQuantile', () => {
  const tri = { low: 1, central: 3, high: 5, distribution: 'triangular' as const };
  it('spans low..high, with the triangular mode at its CDF value (c - a) / (b - a)', () => {
    expect(rangeQuantile(tri, 0)).toBe(1);
    expect(rangeQuantile(tri, 1)).toBe(5);
    expect(rangeQuantile(tri, 0.5)).toBeCloseTo(3, 12);
    const skew = { low: 0, central: 1, high: 4, distribution: 'triangular' as const };
    expect(rangeQuantile(skew, 0.25)).toBeCloseTo(1, 12);
    // CDF of the triangular at x <= c: (x - a)^2 / ((b - a)(c - a)); at x = 0.5: 0.25 / 4 = 0.0625
    expect(rangeQuantile(skew, 0.0625)).toBeCloseTo(0.5, 12);
  });
  it('is linear for the uniform', () => {
    expect(rangeQuantile({ ...tri, distribution: 'uniform' }, 0.25)).toBe(2);
  });
});

describe('gaussNewtonStep: the re-fit', () => {
  it('recovers the knobs exactly in one step when the figures are linear in knobs and assumption', () => {
    // f(θ, a) = M θ + c a; calibrated at θ0 with a0 = 0; a moves to 1: the fit is restored at θ* = θ0 - M^-1 c
    const M = [[2, 1], [0.5, 3]];
    const c = [4, -3];
    const theta0 = [10, 20];
    const f = (t: number[], a: number) => M.map((row, i) => row[0] * t[0] + row[1] * t[1] + c[i] * a);
    const moved = f(theta0, 1).map((v, i) => v - f(theta0, 0)[i]);
    const theta = gaussNewtonStep({ jacobian: M, moved, used: [true, true], weights: [1, 1], scales: [1, 1], knobs: theta0, low: [0, 0], high: [100, 100] });
    // M^-1 c: det 5.5; M^-1 = [[3, -1], [-0.5, 2]] / 5.5; M^-1 c = [15, -8] / 5.5
    expect(theta[0]).toBeCloseTo(10 - 15 / 5.5, 10);
    expect(theta[1]).toBeCloseTo(20 + 8 / 5.5, 10);
    expect(f(theta, 1)[0]).toBeCloseTo(f(theta0, 0)[0], 9);
  });

  it('keeps the knobs inside their bounds, and leaves a knob that moves no fitted figure alone', () => {
    const theta = gaussNewtonStep({ jacobian: [[1, 0]], moved: [50], used: [true], weights: [1], scales: [1], knobs: [10, 7], low: [0, 0], high: [100, 100] });
    expect(theta).toEqual([0, 7]);
  });

  it('recovers the patience that restores an M/M/c+M abandonment after the handling time moved (exact Erlang A)', () => {
    // 101: 30 calls an hour, 3 handlers; the calibrated patience 300 s at handling 420 s gives y0
    const abandon = (patience: number, handling: number) =>
      100 * erlangA({ callsPerHour: 30, meanHandlingSeconds: handling, handlers: 3, targetSeconds: 60, meanPatienceSeconds: patience }).probAbandon;
    const theta0 = 300;
    const y0 = abandon(theta0, 420);
    // the known answer: the patience at which handling 450 s gives y0 again (abandonment falls with patience: bisection)
    let [lo, hi] = [60, 5000];
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (abandon(mid, 450) > y0) lo = mid;
      else hi = mid;
    }
    const truth = (lo + hi) / 2;
    expect(truth - theta0).toBeGreaterThan(50); // a real move to recover
    const h = 0.02 * (1200 - 60); // calibrate's Jacobian step
    const J = [[(abandon(theta0 + h, 420) - abandon(theta0 - h, 420)) / (2 * h)]];
    const input = { jacobian: J, used: [true], weights: [1], scales: [2], low: [60], high: [1200] };
    let theta = [theta0];
    const errors: number[] = [];
    for (let step = 0; step < 6; step++) {
      theta = gaussNewtonStep({ ...input, moved: [abandon(theta[0], 450) - y0], knobs: theta });
      errors.push(Math.abs(theta[0] - truth));
    }
    // the first step goes more than half of the way (here about 70%: the abandonment is far from linear in
    // the patience over 300-570 s); each further chord step with the calibrated point's Jacobian shrinks the
    // error by a steady factor (about 0.47 here: linear convergence), so six reach the answer within 1%
    expect(errors[0]).toBeLessThan(0.5 * (truth - theta0));
    for (let s = 1; s < errors.length; s++) expect(errors[s]).toBeLessThan(0.6 * errors[s - 1]);
    expect(errors[5]).toBeLessThan(0.01 * truth);
  });
});

describe('bandRows', () => {
  it('gives the median and the 80% and 95% bands by linear interpolation (R type 7)', () => {
    const point = (e: number): StudyPoint => ({ values: [], knobs: [], targetsBefore: [], targetsAfter: [], objectiveAfter: NaN, baseline: [50], variant: [50 + e], effect: [e], effectCi95: [null] });
    const samples = Array.from({ length: 11 }, (_, i) => point(i)); // effects 0..10
    const rows = bandRows({ outputs: [{ id: 'x', label: 'x', contact: '999', metric: 'answered_within_target_pct' }], central: point(5), samples });
    const effect = rows.find((r) => r.role === 'effect')!;
    expect([effect.median, effect.p10, effect.p90, effect.p2_5, effect.p97_5]).toEqual([5, 1, 9, 0.25, 9.75]);
    expect(rows.find((r) => r.role === 'baseline')!.median).toBe(50);
  });
});

describe('overridesAt: an assumption moved in each scenario', () => {
  it("as: value moves each key by (x - central) from its own value, so a variant's change of the key is kept; as: factor scales it", async () => {
    const { loadScenario } = await import('../src/scenario/load.js');
    const { overridesAt } = await import('../src/uncertainty/Assumption.js');
    const base = loadScenario('test/fixtures/unc-base.yaml');
    const variant = loadScenario('test/fixtures/unc-base.yaml', [{ keyPath: 'contacts.999.handling.exponential.mean_seconds', value: 280 }]);
    const a = {
      name: 'h', paths: ['contacts.999.handling.exponential.mean_seconds'], as: 'value' as const, low: 240, central: 300, high: 360,
      distribution: 'triangular' as const, appliesTo: 'both' as const, source: '', declaredIn: 'x',
    };
    expect(overridesAt(a, 360, base)).toEqual([{ keyPath: 'contacts.999.handling.exponential.mean_seconds', value: 360 }]);
    expect(overridesAt(a, 360, variant)).toEqual([{ keyPath: 'contacts.999.handling.exponential.mean_seconds', value: 340 }]);
    expect(overridesAt({ ...a, as: 'factor', low: 0.5, central: 1, high: 2 }, 2, variant)[0].value).toBe(560);
  });

  it("moves a calibrated knob's also: paths with it: in the baseline all to the knob's value (as calibrate does), in a variant each from its own value", async () => {
    const { loadScenario } = await import('../src/scenario/load.js');
    const { Refit } = await import('../src/uncertainty/Refit.js');
    const file = 'test/fixtures/unc-base.yaml';
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/unc-also-`);
    const child = `${dir}/child.yaml`;
    writeFileSync(child, `extends: ${JSON.stringify(`${process.cwd()}/${file}`)}\nname: child\ncontacts:\n  "999":\n    patience: { exponential: { mean_seconds: 250 } }\ncalibration:\n  knobs:\n    - { path: contacts.101.patience.exponential.mean_seconds, also: [contacts.999.patience.exponential.mean_seconds], low: 60, high: 1200 }\n`);
    const loaded = loadScenario(child);
    const refit = await Refit.of(loaded, [], 'test/fixtures/unc-targets.csv');
    expect(refit.theta0).toEqual([300]);
    expect(refit.overrides([300], loaded)).toEqual([]);
    expect(refit.overrides([340])).toEqual([
      { keyPath: 'contacts.101.patience.exponential.mean_seconds', value: 340 },
      { keyPath: 'contacts.999.patience.exponential.mean_seconds', value: 340 },
    ]);
    expect(refit.overrides([340], loaded)).toEqual([
      { keyPath: 'contacts.101.patience.exponential.mean_seconds', value: 340 },
      { keyPath: 'contacts.999.patience.exponential.mean_seconds', value: 290 },
    ]);
  });
});
