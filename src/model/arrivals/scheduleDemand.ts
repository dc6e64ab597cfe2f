import type { RandomStreams } from '../../engine/rng.js';
import type { TimeFrame } from '../../engine/TimeFrame.js';
import type { ResolvedArrivals, Scenario } from '../../scenario/resolve.js';
import type { ContactType } from '../ContactType.js';
import type { Centre } from '../journey/Centre.js';
import { hourlyRates } from './hourlyRates.js';
import { Origin } from './Origin.js';
import { startArrivals, type Rates } from './startArrivals.js';

const YEAR = 365 * 86_400;

/** A constant rate: calls per hour, and nothing that shapes the hours, days or months. */
function constantRate(a: ResolvedArrivals): number | null {
  if (a.calls_per_hour === undefined || a.daily_variation_cv > 0 || a.special_days) return null;
  const flat = (xs: readonly number[]) => xs.every((x) => x === xs[0]);
  const days = Object.values(a.day_of_week);
  const shapes = Object.values(a.hour_of_day_on);
  if (!flat(a.hour_of_day) || !days.every((m) => m === 1) || !shapes.every((s) => flat(s))) return null;
  if (a.month_of_year && !Object.values(a.month_of_year).every((m) => m === 1)) return null;
  return a.calls_per_hour;
}

/**
 * scheduleDemand: every stream of new callers in the scenario, on one generator
 * (`startArrivals`): each contact type's own arrivals (a constant rate, or hourly rates shaped
 * by hour, weekday, month, special days and a random day factor), and each major incident's
 * extra calls, spread evenly over its length, at a set time or at random times (a Poisson
 * process over the whole run), each burst a stream of its own.
 */
export function scheduleDemand(c: Centre, scenario: Scenario, contacts: readonly ContactType[], frame: TimeFrame, streams: RandomStreams): void {
  const end = frame.endSeconds;
  const byName = new Map(contacts.map((t) => [t.name, t]));
  Object.values(scenario.contacts).forEach((input, i) => {
    const a = input.arrivals;
    if (!a) return;
    const type = contacts[i];
    const perHour = constantRate(a);
    const rates: Rates =
      perHour !== null
        ? { perSecond: perHour / 3600 }
        : { hourly: hourlyRates(a, frame, streams.stream(`daily-variation:${type.name}`)), originSeconds: frame.hourOriginSeconds };
    startArrivals(c, type, new Origin(type.name), streams.stream(`arrivals:${type.name}`), rates, 0, end, true);
  });
  scenario.major_incidents.forEach((m, i) => {
    const type = byName.get(m.contact)!;
    const lengthSeconds = m.over_minutes * 60;
    const burst = (startAt: number, name: string) =>
      startArrivals(c, type, new Origin(name), streams.stream(name), { perSecond: m.extra_calls / lengthSeconds }, Math.max(0, startAt), Math.min(startAt + lengthSeconds, end));
    if (m.per_year !== undefined) {
      const when = streams.stream(`incident:${i}:times`);
      const gap = () => -Math.log(1 - when()) / (m.per_year! / YEAR);
      for (let at = gap(), k = 0; at < end; at += gap(), k++) burst(at, `incident:${i}:${k}`);
    } else {
      burst(m.at !== undefined ? frame.secondsAt(m.at)! : frame.warmupSeconds + m.at_hours! * 3600, `incident:${i}`);
    }
  });
}
