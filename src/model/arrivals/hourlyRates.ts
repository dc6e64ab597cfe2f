import { Gamma } from '../../engine/distributions.js';
import type { Rng } from '../../engine/rng.js';
import type { TimeFrame } from '../../engine/TimeFrame.js';
import { DAYS, MONTHS } from '../../scenario/schema.js';
import type { ResolvedArrivals } from '../../scenario/resolve.js';

const HOUR = 3600;

/**
 * HourlyRates: a contact type's arrival rate (calls per second) for every local clock hour
 * (bucket h starts at frame.hourOriginSeconds + h hours) from the start of the warm-up to the
 * end of the counted period: the daily volume, times the day of
 * the week, month and special-day multipliers and the trend, times a gamma-distributed factor per day
 * (a special day may also bring its own hour-of-day shape),
 * (overdispersion: mean 1, the given coefficient of variation), split across the day's hours
 * by the hour-of-day profile (renormalised to sum to 1).
 *
 * @example rates for { calls_per_day: 24000 } with no profile: 1000 calls/hour every hour.
 */
export function hourlyRates(a: ResolvedArrivals, frame: TimeFrame, dayFactorRng: Rng): Float64Array {
  const origin = frame.hourOriginSeconds;
  const hours = Math.ceil((frame.endSeconds - origin) / HOUR - 1e-9);
  const rates = new Float64Array(hours);
  const dailyVolume = dailyCalls(a);
  const norm = (w: readonly number[]) => {
    const total = w.reduce((x, y) => x + y, 0);
    return w.map((v) => v / total);
  };
  const byDay = DAYS.map((d) => norm(a.hour_of_day_on[d]));
  const cv = a.daily_variation_cv;
  const dayFactor = cv > 0 ? new Gamma(1, cv) : null;
  let day = Number.NaN;
  let daily = 0;
  let shares = byDay[0];
  for (let h = 0; h < hours; h++) {
    const at = origin + h * HOUR;
    const d = frame.dayOf(at);
    if (d !== day) {
      day = d;
      const weekday = frame.weekdayOf(d);
      shares = byDay[weekday];
      let m = a.day_of_week[DAYS[weekday]];
      const month = frame.monthOfYear(d);
      if (month !== null && a.month_of_year) m *= a.month_of_year[MONTHS[month]];
      const keys = frame.dateKeys(d);
      const special = keys && a.special_days ? (a.special_days[keys.date] ?? a.special_days[keys.monthDay]) : undefined;
      if (typeof special === 'number') m *= special;
      else if (special !== undefined) {
        m *= special.multiplier;
        if (special.hour_of_day) shares = norm(special.hour_of_day);
      }
      if (a.trend && keys) m *= trendFactor(a.trend, keys.date);
      if (dayFactor) m *= dayFactor.sample(dayFactorRng);
      daily = dailyVolume * m;
    }
    const hourOfDay = Math.floor(((at - frame.dayStartSeconds(d)) / HOUR) + 1e-9) % 24;
    rates[h] = (daily * shares[hourOfDay]) / HOUR;
  }
  return rates;
}

/** (1 + pct_per_year/100) to the power of the years (of 365 days) from the reference date to `date`. */
export function trendFactor(trend: NonNullable<ResolvedArrivals['trend']>, date: string): number {
  const years = (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${trend.reference_date}T00:00:00Z`)) / (365 * 86_400_000);
  return Math.pow(1 + trend.pct_per_year / 100, years);
}

/** The daily volume the file gives, whichever unit it uses. */
function dailyCalls(a: ResolvedArrivals): number {
  if (a.calls_per_day !== undefined) return a.calls_per_day;
  if (a.calls_per_year !== undefined) return a.calls_per_year / 365;
  return a.calls_per_hour! * 24;
}

