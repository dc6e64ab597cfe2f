import { Gamma } from '../engine/distributions.js';
import type { Rng } from '../engine/rng.js';
import type { TimeFrame } from '../scenario/horizon.js';
import { DAYS, MONTHS, type ArrivalsInput } from '../scenario/schema.js';

const HOUR = 3600;

/**
 * HourlyRates: a contact type's arrival rate (calls per second) for every local clock hour
 * (bucket h starts at frame.hourOriginSeconds + h hours) from the start of the warm-up to the
 * end of the counted period: the daily volume, times the day of
 * the week, month and special-day multipliers, times a gamma-distributed factor per day
 * (a special day may also bring its own hour-of-day shape),
 * (overdispersion: mean 1, the given coefficient of variation), split across the day's hours
 * by the hour-of-day profile (renormalised to sum to 1).
 *
 * @example rates for { calls_per_day: 24000 } with no profile: 1000 calls/hour every hour.
 */
export function hourlyRates(a: ArrivalsInput, frame: TimeFrame, dayFactorRng: Rng | null): Float64Array {
  const origin = frame.hourOriginSeconds;
  const hours = Math.ceil((frame.endSeconds - origin) / HOUR - 1e-9);
  const rates = new Float64Array(hours);
  const dailyVolume =
    a.calls_per_day ?? (a.calls_per_year !== undefined ? a.calls_per_year / 365 : (a.calls_per_hour ?? 0) * 24);
  const norm = (w: readonly number[]) => {
    const total = w.reduce((x, y) => x + y, 0);
    return w.map((v) => v / total);
  };
  const flat = new Array<number>(24).fill(1 / 24);
  const base = a.hour_of_day ? norm(a.hour_of_day) : flat;
  const byDay = DAYS.map((d) => (a.hour_of_day_on?.[d] ? norm(a.hour_of_day_on[d]!) : base));
  const cv = a.daily_variation_cv ?? 0;
  const dayFactor = cv > 0 && dayFactorRng ? new Gamma(1, cv) : null;
  let day = Number.NaN;
  let daily = 0;
  let shares = base;
  for (let h = 0; h < hours; h++) {
    const at = origin + h * HOUR;
    const d = frame.dayOf(at);
    if (d !== day) {
      day = d;
      const weekday = frame.weekdayOf(d);
      shares = byDay[weekday];
      let m = a.day_of_week?.[DAYS[weekday]] ?? 1;
      const month = frame.monthOfYear(d);
      if (month !== null) m *= a.month_of_year?.[MONTHS[month]] ?? 1;
      const keys = frame.dateKeys(d);
      const special = keys && a.special_days ? (a.special_days[keys.date] ?? a.special_days[keys.monthDay]) : undefined;
      if (typeof special === 'number') m *= special;
      else if (special !== undefined) {
        m *= special.multiplier;
        if (special.hour_of_day) shares = norm(special.hour_of_day);
      }
      if (dayFactor) m *= dayFactor.sample(dayFactorRng!);
      daily = dailyVolume * m;
    }
    const hourOfDay = Math.floor(((at - frame.dayStartSeconds(d)) / HOUR) + 1e-9) % 24;
    rates[h] = (daily * shares[hourOfDay]) / HOUR;
  }
  return rates;
}

/**
 * The next arrival of a Poisson process with piecewise-constant rates (one per hour from `originSeconds`)
 * after time `t`, by inversion of the cumulative rate; Infinity if none before `endSeconds`.
 * `unitExp` is a draw of an exponential with mean 1.
 */
export function nextArrival(rates: Float64Array, t: number, unitExp: number, endSeconds: number, originSeconds = 0): number {
  let remaining = unitExp;
  let h = Math.floor((t - originSeconds) / HOUR);
  let at = t;
  while (h < rates.length) {
    const segEnd = Math.min(originSeconds + (h + 1) * HOUR, endSeconds);
    const r = rates[h];
    if (r > 0) {
      const need = remaining / r;
      if (at + need < segEnd) return at + need;
      remaining -= r * (segEnd - at);
    }
    if (segEnd >= endSeconds) return Infinity;
    at = segEnd;
    h++;
  }
  return Infinity;
}
