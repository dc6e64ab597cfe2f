import { horizonSeconds } from '../engine/TimeFrame.js';
import type { Problem } from './Problem.js';
import { LIMITS, type ScenarioInput } from './schema.js';

/**
 * Values that are well formed but would be silently ignored, or cost more than the limits
 * allow: special days that are not on any calendar ("02-30", "13-01"), dated incidents whose
 * calls would all fall outside the simulated time, and more reporting intervals than memory
 * sensibly holds.
 */
export function rangeChecks(s: ScenarioInput): Problem[] {
  const problems: Problem[] = [];
  const { warmupSeconds, countedSeconds } = horizonSeconds(s);
  const intervals = Math.ceil(countedSeconds / ((s.reporting?.interval_minutes ?? 60) * 60) - 1e-9);
  if (intervals > LIMITS.intervals) {
    problems.push({
      path: s.reporting ? 'reporting.interval_minutes' : 'horizon',
      message: `gives ${intervals.toLocaleString('en-GB')} reporting intervals; expected at most ${LIMITS.intervals.toLocaleString('en-GB')} (a longer interval_minutes or a shorter horizon)`,
    });
  }
  // staffing.csv's tally keys a cell by 'group|shift|level': a '|' in a name would split it wrongly
  const named: [path: string, name: string][] = [
    ...Object.entries(s.handlers).flatMap(([g, h]) => [[`handlers.${g}`, g] as [string, string], ...Object.keys(h.shifts ?? {}).map((sh) => [`handlers.${g}.shifts.${sh}`, sh] as [string, string])]),
    ...Object.keys(s.training_levels ?? {}).map((l) => [`training_levels.${l}`, l] as [string, string]),
  ];
  for (const [at, name] of named) {
    if (name.includes('|')) problems.push({ path: at, message: "a name may not contain '|' (staffing.csv's group, shift and level are kept apart by it); expected another name" });
  }
  for (const [name, c] of Object.entries(s.contacts)) {
    for (const day of Object.keys(c.arrivals?.special_days ?? {})) {
      if (!onCalendar(day)) problems.push({ path: `contacts.${name}.arrivals.special_days.${day}`, message: 'not a day of the calendar; expected "MM-DD" (01-01 to 12-31) or a real date "YYYY-MM-DD"' });
    }
  }
  const end = warmupSeconds + countedSeconds;
  (s.major_incidents ?? []).forEach((m, i) => {
    const at = `major_incidents.${i}`;
    let start: number;
    if (m.at !== undefined) {
      const ms = Date.parse(`${m.at}:00Z`);
      if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 16) !== m.at) {
        problems.push({ path: `${at}.at`, message: `'${m.at}' is not a real local date-time; expected "YYYY-MM-DDTHH:MM" with a real date and a time from 00:00 to 23:59` });
        return;
      }
      if (s.horizon.start_date === undefined) return; // (modelChecks: needs a calendar)
      start = (ms - Date.parse(`${s.horizon.start_date}T00:00:00Z`)) / 1000 + warmupSeconds;
    } else if (m.at_hours !== undefined) {
      start = warmupSeconds + m.at_hours * 3600;
    } else {
      return;
    }
    if (start >= end || start + m.over_minutes * 60 <= 0) {
      const key = m.at !== undefined ? 'at' : 'at_hours';
      problems.push({ path: `${at}.${key}`, message: 'the incident lies outside the simulated time (warm-up and counted period), so it would never happen; expected a time within the horizon' });
    }
  });
  return problems;
}

/** "MM-DD" of some year (02-29 included), or a real "YYYY-MM-DD". */
function onCalendar(day: string): boolean {
  const date = day.length === 5 ? `2000-${day}` : day; // 2000 is a leap year
  const ms = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date;
}
