/**
 * Two shortcuts taken to cut `validate`'s start-up give the answers of what they replaced:
 * `thousands` writes a whole number as toLocaleString('en-GB') does (the schema's messages are
 * built when the checker loads, and ICU's locale data cost ~15 ms of CPU to load); and
 * `uncoveredHours` finds the hours a shift touches by hour instead of minute by minute (the
 * minute loop was most of the checks' time on a roster with many shifts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockSeconds } from '../src/engine/clockSeconds.js';
import { uncoveredHours } from '../src/scenario/coverage.js';
import { DAYS, type ShiftInput } from '../src/scenario/schema.js';
import { thousands } from '../src/scenario/thousands.js';

describe('thousands', () => {
  it("writes whole numbers as toLocaleString('en-GB')", () => {
    for (const n of [0, 7, 999, 1000, 1001, 12_345, 100_000, 999_999, 1_000_000, 87_660, 876_000_000, 1e8, 1e9, -1234, Number.MAX_SAFE_INTEGER]) {
      expect(thousands(n), String(n)).toBe(n.toLocaleString('en-GB'));
    }
    fc.assert(fc.property(fc.integer({ min: -1e15, max: 1e15 }), (n) => thousands(n) === n.toLocaleString('en-GB')));
  });
});

/** The minute-by-minute definition the shortcut replaced: a shift covers the hour of each of its minutes. */
function coveredByMinutes(shifts: ShiftInput[]): number[] {
  const week = new Uint8Array(168);
  for (const s of shifts) {
    if (s.staff <= 0) continue;
    const start = clockSeconds(s.start);
    let end = clockSeconds(s.end);
    if (end <= start) end += 86_400;
    for (const d of (s.days ?? DAYS).map((x) => DAYS.indexOf(x))) {
      for (let t = start; t < end; t += 60) week[(d * 24 + Math.floor(t / 3600)) % 168] = 1;
    }
  }
  return [...week.keys()].filter((h) => !week[h]);
}

const clock = fc.tuple(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(h === 24 ? 0 : m).padStart(2, '0')}`);
const shift = fc.record({
  start: clock,
  end: clock,
  days: fc.option(fc.uniqueArray(fc.constantFrom(...DAYS), { minLength: 1 }), { nil: undefined }),
  staff: fc.integer({ min: 0, max: 3 }),
});

describe('uncoveredHours', () => {
  it('finds the hours of the week no shift touches, as the minute-by-minute count does', () => {
    fc.assert(
      fc.property(fc.array(shift, { minLength: 1, maxLength: 4 }), (shifts) => {
        const found = uncoveredHours(['c'], [{ answers: ['c'], shifts: Object.fromEntries(shifts.map((s, i) => [`s${i}`, s as ShiftInput])) }]);
        expect(found.get('c') ?? []).toEqual(coveredByMinutes(shifts as ShiftInput[]));
      }),
      { numRuns: 2000, seed: 20261201 },
    );
  });

  it('counts the hour of a shift that ends a few minutes into it (22:00-06:01 covers 06:00-07:00)', () => {
    const gaps = uncoveredHours(['c'], [{ answers: ['c'], shifts: { n: { start: '22:00', end: '06:01', days: ['mon'], staff: 1 } } }]).get('c')!;
    expect(gaps.includes(24 + 6)).toBe(false);
    expect(gaps.includes(24 + 7)).toBe(true);
    expect(gaps.includes(22) || gaps.includes(23)).toBe(false);
  });
});
