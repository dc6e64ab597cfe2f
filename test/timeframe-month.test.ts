/**
 * TimeFrame.monthOf remembers the month it found last (calls come nearly in time order); the
 * answer must not depend on what was asked before: times asked in any order give the month a
 * fresh frame gives, at and around every month boundary.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimeFrame } from '../src/engine/TimeFrame.js';

const horizon = { horizon: { start_date: '2021-10-01', days: 400, warmup_days: 2 }, reporting: { interval_minutes: 15 } };
const DAY = 86_400;

describe('TimeFrame.monthOf', () => {
  it('gives the same month whatever was asked before', () => {
    const fresh = (t: number) => new TimeFrame(horizon).monthOf(t);
    // the boundaries (the first second of each month) and the seconds either side of them
    const boundaries = Array.from({ length: 15 }, (_, m) => (Date.UTC(2021, 9 + m, 1) - Date.UTC(2021, 8, 29)) / 1000);
    const times = fc.oneof(
      fc.double({ min: 0, max: 402 * DAY, noNaN: true }),
      fc.tuple(fc.constantFrom(...boundaries), fc.constantFrom(-1e-6, 0, 1e-6)).map(([b, d]) => b + d),
    );
    expect(fresh(boundaries[1])).toBe(1);
    expect(fresh(boundaries[1] - 1e-6)).toBe(0);
    fc.assert(
      fc.property(fc.array(times, { minLength: 1, maxLength: 40 }), (ts) => {
        const frame = new TimeFrame(horizon);
        expect(ts.map((t) => frame.monthOf(t))).toEqual(ts.map(fresh));
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});
