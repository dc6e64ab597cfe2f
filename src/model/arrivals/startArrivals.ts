import type { Rng } from '../../engine/rng.js';
import type { ContactType } from '../ContactType.js';
import { arrive } from '../journey/arrive.js';
import type { Centre } from '../journey/Centre.js';
import { nextArrival } from './nextArrival.js';
import type { Origin } from './Origin.js';

/** When a stream's calls come: a constant rate, or an hourly rate table (calls per second). */
export type Rates =
  | { readonly perSecond: number }
  | { readonly hourly: Float64Array; readonly originSeconds: number };

/**
 * startArrivals: one Poisson stream of new callers of `type` (a contact type's own demand, or
 * a major incident's burst) from `fromSeconds` until `untilSeconds`. The gaps are drawn from the
 * stream's own generator, so they never depend on what happens to the calls; each caller is
 * numbered in the stream's `origin`, which keys every draw about them.
 *
 * The next arrival is kept on the calendar directly (the hot path: no Observable per arrival); with
 * `ownLane`, in a calendar lane of its own, outside the calendar's queue (the same order, no
 * insertion): for the few long streams, not for the many short bursts of major incidents.
 */
export function startArrivals(c: Centre, type: ContactType, origin: Origin, rng: Rng, rates: Rates, fromSeconds: number, untilSeconds: number, ownLane = false): void {
  const calendar = c.calendar;
  const lane = ownLane ? calendar.lane() : -1;
  const after =
    'perSecond' in rates
      ? (t: number, unitExp: number) => t + unitExp / rates.perSecond
      : (t: number, unitExp: number) => nextArrival(rates.hourly, t, unitExp, untilSeconds, rates.originSeconds);
  const step = (): void => {
    arrive(c, type, 'new', -1, origin, origin.callers++, 0);
    const at = after(calendar.now, -Math.log(1 - rng()));
    if (at < untilSeconds) {
      if (lane >= 0) calendar.scheduleLane(lane, at, step, null);
      else calendar.schedule(at, step, null);
    }
  };
  if (!('perSecond' in rates) || rates.perSecond > 0) {
    const first = after(fromSeconds, -Math.log(1 - rng()));
    if (first < untilSeconds) {
      if (lane >= 0) calendar.scheduleLane(lane, first, step, null);
      else calendar.schedule(first, step, null);
    }
  }
}
