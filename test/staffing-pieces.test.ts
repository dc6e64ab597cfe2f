/**
 * The pieces of `staff` (issue 8, parts 3 and 4), each against an answer worked by hand: the
 * weekly staffing pattern in the scenario's own shift form, the integer cover programme on a
 * tiny problem with a known optimum, a shift's cover with its staggered break, the capacity of
 * a training mix, the cost of an FTE-year, and the Erlang A step of the iterative staffing
 * algorithm.
 */
import { describe, expect, it } from 'vitest';
import { layeredShifts, levelsOf } from '../src/staffing/layeredShifts.js';
import { solveCover } from '../src/staffing/coverMip.js';
import { capacityPerPerson, shiftCover } from '../src/staffing/shiftTemplates.js';
import { fteCost } from '../src/staffing/fteCost.js';
import { effectiveLoad, fewestFor, modelMetric } from '../src/staffing/erlangStep.js';
import { erlangA } from '../src/metrics/erlang.js';
import { loadScenario, parseOverride } from '../src/scenario/load.js';
import type { StaffTarget } from '../src/staffing/StaffTarget.js';

describe('a weekly staffing pattern as layered shifts', () => {
  it('puts exactly the level on duty every hour, the lowest level as a constant base', () => {
    let x = 7;
    const rand = () => (x = (x * 48271) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 20; trial++) {
      const levels = Array.from({ length: 168 }, (_, h) => 5 + Math.round(10 * Math.sin(h / 5) ** 2 + 4 * rand()));
      const { base, shifts } = layeredShifts(levels);
      expect(base).toBe(Math.min(...levels));
      expect(Array.from(levelsOf(base, shifts))).toEqual(levels);
      for (const s of Object.values(shifts)) expect(s.break_minutes).toBe(0);
    }
  });

  it('keeps a long run as whole days (24-hour shifts) and the same people while the level holds', () => {
    const levels = new Array(168).fill(2);
    for (let h = 10; h < 10 + 60; h++) levels[h] = 3; // one extra person for 60 hours from mon 10:00
    const { base, shifts } = layeredShifts(levels);
    expect(base).toBe(2);
    expect(shifts).toEqual({
      mon_10_24h: { start: '10:00', end: '10:00', days: ['mon'], staff: 1, break_minutes: 0 },
      tue_10_24h: { start: '10:00', end: '10:00', days: ['tue'], staff: 1, break_minutes: 0 },
      wed_10_12h: { start: '10:00', end: '22:00', days: ['wed'], staff: 1, break_minutes: 0 },
    });
  });

  it('wraps a run over Sunday midnight into Monday', () => {
    const levels = new Array(168).fill(0);
    levels[166] = levels[167] = levels[0] = 1;
    expect(layeredShifts(levels).shifts).toEqual({ sun_22_3h: { start: '22:00', end: '01:00', days: ['sun'], staff: 1, break_minutes: 0 } });
  });
});

describe('the integer cover programme (HiGHS)', () => {
  it('finds the known optimum of a tiny cover problem, where rounding the LP up would cost more', async () => {
    // rows need 2, 3, 1; a covers rows 0-1 (cost 2), b rows 1-2 (2), c row 0 (1), d all three (4).
    // Row 1 alone needs a + b + d >= 3 at cost >= 6; a = 2, b = 1 covers everything at 6.
    const cols = [
      { name: 'a', cost: 2, covers: [[0, 1], [1, 1]] as [number, number][] },
      { name: 'b', cost: 2, covers: [[1, 1], [2, 1]] as [number, number][] },
      { name: 'c', cost: 1, covers: [[0, 1]] as [number, number][] },
      { name: 'd', cost: 4, covers: [[0, 1], [1, 1], [2, 1]] as [number, number][] },
    ];
    const tiny = await solveCover(cols, [2, 3, 1]);
    expect(tiny).toMatchObject({ counts: [2, 1, 0, 0], cost: 6, optimal: true });
    expect(tiny.gap).toBeCloseTo(0, 9); // the linear relaxation's optimum is 6 too
    // fractional cover: each person gives 0.76 of a handler, so 3 handlers need 4 people (3.04)
    const frac = await solveCover([{ name: 'x', cost: 8, covers: [[0, 0.76]] }], [3]);
    expect(frac.counts).toEqual([4]);
    expect(frac.gap).toBeCloseTo((32 - (8 * 3) / 0.76) / 32, 9); // LP: 3.947 people
    // the 8-hour shift and its staggered twin: 3 hours needing 1, 2, 1 at 4 positions each
    const twin = await solveCover(
      [
        { name: 'early', cost: 2, covers: [[0, 1], [1, 1]] },
        { name: 'late', cost: 2, covers: [[1, 1], [2, 1]] },
      ],
      [1, 2, 1],
    );
    expect(twin).toMatchObject({ counts: [1, 1], cost: 4, optimal: true });
  });
});

describe('shifts, training mix and cost', () => {
  it("a shift's cover: whole hours outside the break window, the 45-minute break spread over the middle half", () => {
    const t = { name: 'early', startMinutes: 7 * 60, lengthMinutes: 480, paidMinutes: 480, breakMinutes: 45, days: [0] };
    const c = shiftCover(t, 0);
    expect(c.reduce((a, b) => a + b, 0)).toBeCloseTo(8 - 0.75, 9);
    expect(c[7]).toBeCloseTo(1, 9); // 07:00-08:00: before the middle half (09:00-13:00)
    expect(c[14]).toBeCloseTo(1, 9);
    expect(c[10]).toBeCloseTo(1 - 45 / 240, 9); // 10:00-11:00: breaks centred evenly over 4 hours
    expect(c[6] + c[15]).toBe(0);
    // a night shift started on Sunday ends on Monday morning
    const night = shiftCover({ ...t, startMinutes: 22 * 60, lengthMinutes: 540 }, 6);
    expect(night[166]).toBeCloseTo(1, 9); // 22:00-23:00 (the break window opens at 23:52:30)
    expect(night[167]).toBeLessThan(1);
    expect(night[6]).toBeCloseTo(1, 9);
    expect(night[7]).toBe(0);
  });

  it("a training mix in experienced handlers per person (a coached trainee and coach are one position at half speed)", () => {
    const s = loadScenario('scenarios/metcc-2022-baseline.yaml', [parseOverride('handlers.emergency.training_mix={trainee: 0.05, new: 0.15, developing: 0.1, experienced: 0.7}')]).scenario;
    expect(capacityPerPerson(s, 'emergency')).toBeCloseTo(0.05 / 2 + 0.15 / 1.3 + 0.1 / 1.15 + (0.7 - 0.05), 12);
    expect(capacityPerPerson(loadScenario('scenarios/erlang-a-check.yaml').scenario, 'all')).toBe(1);
  });

  it("the baseline's FTE-year: Band E midpoint + 20% shift allowance + London weighting, + 30% on-costs = about £44k", () => {
    const s = loadScenario('scenarios/metcc-2022-baseline.yaml').scenario;
    const lines = fteCost(s.planning!.costs!);
    expect(lines.map((l) => l.item)).toEqual(['pay', 'allowance: shift', 'allowance: location', 'on-costs', 'total']);
    expect(lines.at(-1)!.poundsPerFteYear).toBeCloseTo((26568 * 1.2 + 2148) * 1.3, 6);
    expect(lines.every((l) => l.item === 'total' || l.source.length > 0)).toBe(true);
  });
});

describe('the Erlang A step of the ISA', () => {
  const t: StaffTarget = { contact: 'x', kind: 'within', pct: 80, withinSeconds: 20 };
  const m = { meanHandlingSeconds: 180, meanPatienceSeconds: 120, queueAllowanceSeconds: 20 };

  it('modelMetric is the Home Office measure of Erlang A', () => {
    const a = erlangA({ callsPerHour: 600, meanHandlingSeconds: 180, handlers: 31, targetSeconds: 20, meanPatienceSeconds: 120 });
    expect(modelMetric(t, m, 31, 30)).toBeCloseTo((100 * a.probAnsweredWithinTarget) / a.probAnswered, 9);
  });

  it('effectiveLoad inverts it; fewestFor is the fewest handlers meeting the target', () => {
    for (const load of [5, 30, 80]) {
      for (const c of [Math.ceil(load) + 1, Math.ceil(load * 1.2)]) {
        const measured = modelMetric(t, m, c, load);
        expect(effectiveLoad(t, m, c, measured)!).toBeCloseTo(load, 4);
      }
      const n = fewestFor(t, m, load);
      expect(modelMetric(t, m, n, load)).toBeGreaterThanOrEqual(80);
      expect(modelMetric(t, m, n - 1, load)).toBeLessThan(80);
    }
    expect(effectiveLoad(t, m, 10, 100)).toBeNull(); // nothing waited: any small load fits
  });
});
