import type { Scenario } from '../scenario/load.js';
import type { AllowedShiftInput } from '../scenario/planningSchema.js';
import { DAYS } from '../scenario/schema.js';
import { HOURS_PER_WEEK } from './layeredShifts.js';

/** A shift a planner allows: one start time, its length, paid minutes, break and days. */
export interface ShiftTemplate {
  name: string;
  startMinutes: number;
  lengthMinutes: number;
  paidMinutes: number;
  breakMinutes: number;
  /** Weekdays it may start on (0 = Monday). */
  days: number[];
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
export const clockOf = hhmm;

/**
 * The shifts allowed for a staffed group: `planning.shifts` (each start time a template), or
 * else the group's own shifts (each on any day, paid for its whole length). Empty for a group
 * with constant staff and no planning.shifts.
 */
export function allowedShifts(scenario: Scenario, group: string): ShiftTemplate[] {
  const planned = scenario.planning?.shifts;
  if (planned) {
    return Object.entries(planned).flatMap(([name, s]: [string, AllowedShiftInput]) =>
      s.starts.map((start) => ({
        name: s.starts.length > 1 ? `${name}_${start.replace(':', '')}` : name,
        startMinutes: minutesOf(start),
        lengthMinutes: s.length_minutes,
        paidMinutes: s.paid_minutes ?? s.length_minutes,
        breakMinutes: s.break_minutes ?? 0,
        days: (s.days ?? DAYS).map((d) => DAYS.indexOf(d)),
      })),
    );
  }
  return Object.entries(scenario.handlers[group].shifts ?? {}).map(([name, s]) => {
    const start = minutesOf(s.start);
    let end = minutesOf(s.end);
    if (end <= start) end += 1440;
    return { name, startMinutes: start, lengthMinutes: end - start, paidMinutes: end - start, breakMinutes: s.break_minutes ?? 0, days: [0, 1, 2, 3, 4, 5, 6] };
  });
}

/**
 * Handlers on duty in each hour of the week per person rostered on a shift starting on
 * `weekday`: the share of the hour inside the shift, less the expected share on a break (the
 * model staggers breaks with their midpoints evenly over the middle half of the shift).
 */
export function shiftCover(t: ShiftTemplate, weekday: number): Float64Array {
  const cover = new Float64Array(HOURS_PER_WEEK);
  const L = t.lengthMinutes;
  const b = t.breakMinutes;
  for (let tau = 0; tau < L; tau++) {
    const mid = tau + 0.5;
    const overlap = b > 0 ? Math.max(0, Math.min(mid + b / 2, (3 * L) / 4) - Math.max(mid - b / 2, L / 4)) : 0;
    const onDuty = 1 - overlap / (L / 2);
    const minuteOfWeek = (weekday * 1440 + t.startMinutes + tau) % (HOURS_PER_WEEK * 60);
    cover[Math.floor(minuteOfWeek / 60)] += onDuty / 60;
  }
  return cover;
}

/**
 * Experienced-speed handlers per person present, from a group's training mix: each level's
 * share ÷ its handling multiplier, a coached trainee pairing with a person at a final level
 * (the pair one position at the trainee's multiplier). 1 without a mix.
 */
export function capacityPerPerson(scenario: Scenario, group: string): number {
  const mix = scenario.handlers[group].training_mix;
  const levels = scenario.training_levels ?? {};
  if (!mix) return 1;
  let coaching = 0;
  for (const [name, share] of Object.entries(mix)) if (levels[name]?.coached) coaching += share;
  let capacity = 0;
  for (const [name, share] of Object.entries(mix)) {
    const l = levels[name];
    if (!l) continue;
    const final = l.becomes === undefined && !l.coached;
    const free = final ? Math.max(0, share - coaching) : share;
    if (final) coaching = Math.max(0, coaching - share);
    capacity += free / l.handling_multiplier;
  }
  return capacity;
}

/** Paid hours a week of a group's roster as it is (constant staff: every hour of the week). */
export function rosteredHoursPerWeek(scenario: Scenario, group: string): number {
  const g = scenario.handlers[group];
  if (g.staff !== undefined) return g.staff * HOURS_PER_WEEK;
  let hours = 0;
  for (const s of Object.values(g.shifts ?? {})) {
    const start = minutesOf(s.start);
    let end = minutesOf(s.end);
    if (end <= start) end += 1440;
    hours += (s.staff * (s.days ?? DAYS).length * (end - start)) / 60;
  }
  return hours;
}
