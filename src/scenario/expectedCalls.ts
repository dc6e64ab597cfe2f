import { horizonSeconds } from '../engine/TimeFrame.js';
import type { Scenario } from './resolve.js';

const HOUR = 3600;
const YEAR_HOURS = 365 * 24;

/**
 * About how many new contacts one replication simulates: each contact type's base rate over
 * the warm-up and the counted period (weekday, month and special-day multipliers taken at
 * their largest, so it errs high), and the incidents' extra calls. Redials and call-backs are
 * not counted. For saying up front what a run will cost, not for any result.
 */
export function expectedCallsPerReplication(s: Scenario): number {
  const { warmupSeconds, countedSeconds } = horizonSeconds(s);
  const hours = (warmupSeconds + countedSeconds) / HOUR;
  let calls = 0;
  for (const c of Object.values(s.contacts)) {
    const a = c.arrivals;
    if (!a) continue;
    const perHour = a.calls_per_hour ?? (a.calls_per_day !== undefined ? a.calls_per_day / 24 : (a.calls_per_year ?? 0) / YEAR_HOURS);
    const specials = Object.values(a.special_days ?? {}).map((d) => (typeof d === 'number' ? d : d.multiplier));
    const peak = Math.max(1, ...Object.values(a.day_of_week)) * Math.max(1, ...Object.values(a.month_of_year ?? {})) * Math.max(1, ...specials);
    calls += perHour * peak * hours;
  }
  for (const m of s.major_incidents) calls += m.extra_calls * (m.per_year !== undefined ? (m.per_year * hours) / YEAR_HOURS : 1);
  return calls;
}
