import { DAYS, type ShiftInput } from '../scenario/schema.js';

export const HOURS_PER_WEEK = 168;

/**
 * A staffing level for every hour of the week, written in the scenario's own form: a constant
 * `base` (the week's lowest level) and shifts that stack above it. Layer k (k = 1, 2, ...) is on
 * duty in the hours whose level exceeds base by at least k; each run of such hours becomes a
 * shift (runs longer than 24 hours are cut into days), and equal runs merge into one shift
 * with their count as `staff`.
 *
 * Stacking, rather than one shift per hour, keeps the same people on duty while the level
 * holds: a handler whose shift ends finishes the call in hand, so a new set of people every
 * hour would add the leavers' last calls to every hour's capacity. Here people leave only
 * where the level falls, as they do in a real roster.
 *
 * @example layeredShifts([2, 3, 3, 2, ...]) // { base: 2, shifts: { mon_01_2h: { start: '01:00', end: '03:00', days: ['mon'], staff: 1, break_minutes: 0 } } }
 */
export function layeredShifts(levels: ArrayLike<number>): { base: number; shifts: Record<string, ShiftInput> } {
  if (levels.length !== HOURS_PER_WEEK) throw new Error(`layeredShifts: expected ${HOURS_PER_WEEK} levels, got ${levels.length}`);
  let base = Infinity;
  let top = 0;
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    base = Math.min(base, levels[h]);
    top = Math.max(top, levels[h]);
  }
  const counts = new Map<string, { start: number; hours: number; staff: number }>();
  for (let k = 1; k <= top - base; k++) {
    const on = (h: number) => levels[((h % HOURS_PER_WEEK) + HOURS_PER_WEEK) % HOURS_PER_WEEK] - base >= k;
    for (let h = 0; h < HOURS_PER_WEEK; h++) {
      if (!on(h) || on(h - 1)) continue; // a run starts here (no layer is on all week: base is the minimum)
      let length = 1;
      while (on(h + length)) length++;
      for (let from = 0; from < length; from += 24) {
        const start = (h + from) % HOURS_PER_WEEK;
        const hours = Math.min(24, length - from);
        const key = `${start}+${hours}`;
        const c = counts.get(key);
        if (c) c.staff++;
        else counts.set(key, { start, hours, staff: 1 });
      }
    }
  }
  const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
  const shifts: Record<string, ShiftInput> = {};
  for (const { start, hours, staff } of [...counts.values()].sort((a, b) => a.start - b.start || a.hours - b.hours)) {
    const day = DAYS[Math.floor(start / 24)];
    shifts[`${day}_${hh(start).slice(0, 2)}_${hours}h`] = { start: hh(start), end: hh(start + hours), days: [day], staff, break_minutes: 0 };
  }
  return { base: Number.isFinite(base) ? base : 0, shifts };
}

/** The level each hour of the week that shifts (and a constant base) put on duty, breaks and absence aside. */
export function levelsOf(base: number, shifts: Record<string, ShiftInput>): Int32Array {
  const out = new Int32Array(HOURS_PER_WEEK).fill(base);
  for (const s of Object.values(shifts)) {
    const start = Number(s.start.slice(0, 2));
    let end = Number(s.end.slice(0, 2));
    if (end <= start) end += 24;
    for (const d of s.days ?? DAYS) {
      const day = DAYS.indexOf(d);
      for (let h = start; h < end; h++) out[(day * 24 + h) % HOURS_PER_WEEK] += s.staff;
    }
  }
  return out;
}
