/**
 * Calendar lanes (an arrival stream's next arrival held outside the queue) change nothing in the
 * order of events: the same program of events, run once with every event in the queue and once
 * with its streams in lanes, runs the same events in the same order at the same times,
 * simultaneous events and cancellations included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Calendar, Tie } from '../src/engine/Calendar.js';

/** Event times on a coarse grid, so that many events are simultaneous. */
const tick = (u: number) => Math.floor(u * 4) / 2;

/**
 * Streams that each reschedule themselves (as arrivals do), each firing event also scheduling
 * other events (as a call's steps are) at every tie rank, some of them cancelled; with
 * `lanes`, each stream in a lane of its own. Returns the log of events run.
 */
function program(draws: number[], streams: number, lanes: boolean): string[] {
  const cal = new Calendar(4);
  const log: string[] = [];
  let d = 0;
  const next = () => draws[d++ % draws.length];
  const other = (name: string) => log.push(`${name}@${cal.now}`);
  for (let s = 0; s < streams; s++) {
    const lane = lanes ? cal.lane() : -1;
    let left = 6;
    const fire = (): void => {
      log.push(`stream ${s}@${cal.now}`);
      for (let k = 0; k < 2; k++) {
        const id = cal.scheduleCancellable(cal.now + tick(next()), other, `after ${s}.${left}.${k}`, [Tie.Roster, Tie.Release, Tie.Default][Math.floor(next() * 3)] as Tie);
        if (next() < 0.2) cal.cancel(id);
      }
      if (--left > 0) {
        const at = cal.now + tick(next());
        if (lane >= 0) cal.scheduleLane(lane, at, fire, null);
        else cal.schedule(at, fire, null);
      }
    };
    const first = tick(next());
    if (lane >= 0) cal.scheduleLane(lane, first, fire, null);
    else cal.schedule(first, fire, null);
    cal.schedule(tick(next()), other, `start ${s}`);
  }
  cal.run();
  expect(cal.size).toBe(0);
  return log;
}

describe('Calendar lanes', () => {
  it('run the same events in the same order as the queue alone', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 0.9999, noNaN: true }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 5 }), (draws, streams) => {
        const queue = program(draws, streams, false);
        expect(program(draws, streams, true)).toEqual(queue);
      }),
      { seed: 12, numRuns: 300 },
    );
  });

  it('peek, size and run(until) see a lane entry', () => {
    const cal = new Calendar();
    const log: number[] = [];
    const lane = cal.lane();
    cal.scheduleLane(lane, 5, (x: number) => log.push(x), 1);
    cal.schedule(7, (x: number) => log.push(x), 2);
    expect([cal.size, cal.peekTime()]).toEqual([2, 5]);
    cal.run(6);
    expect([log, cal.now, cal.size, cal.peekTime()]).toEqual([[1], 6, 1, 7]);
    expect(() => cal.scheduleLane(lane, 3, () => undefined, null)).toThrow(/before now/);
    cal.scheduleLane(lane, 9, (x: number) => log.push(x), 3);
    expect(() => cal.scheduleLane(lane, 10, () => undefined, null)).toThrow(/already has an event pending/);
    cal.run();
    expect(log).toEqual([1, 2, 3]);
  });
});
