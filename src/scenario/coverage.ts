import { clockSeconds } from '../engine/clockSeconds.js';
import { DAYS, type ShiftInput } from './schema.js';

const DAY = 86_400;

/** Hours of a typical week (0 = Monday 00:00) in which each contact type has nobody rostered to answer it. */
export function uncoveredHours(
  contactNames: readonly string[],
  groups: readonly { answers: readonly string[]; staff?: number; shifts?: Record<string, ShiftInput> }[],
): Map<string, number[]> {
  const covered = new Map<string, Uint8Array>(contactNames.map((c) => [c, new Uint8Array(168)]));
  for (const g of groups) {
    const week = new Uint8Array(168);
    if (g.staff !== undefined) {
      if (g.staff > 0) week.fill(1);
    } else {
      for (const s of Object.values(g.shifts ?? {})) {
        if (s.staff <= 0) continue;
        const start = clockSeconds(s.start);
        let end = clockSeconds(s.end);
        if (end <= start) end += DAY;
        // the hours of the minutes start, start + 60 s, ... before end: every hour from the first's to the last's
        const lastMinute = start + 60 * (Math.ceil((end - start) / 60) - 1);
        const [fromHour, toHour] = [Math.floor(start / 3600), Math.floor(lastMinute / 3600)];
        for (const d of (s.days ?? DAYS).map((x) => DAYS.indexOf(x))) {
          for (let h = fromHour; h <= toHour; h++) week[(d * 24 + h) % 168] = 1;
        }
      }
    }
    for (const c of g.answers) {
      const cov = covered.get(c);
      if (cov) for (let h = 0; h < 168; h++) cov[h] |= week[h];
    }
  }
  const out = new Map<string, number[]>();
  for (const [c, cov] of covered) {
    const gaps: number[] = [];
    cov.forEach((v, h) => v || gaps.push(h));
    if (gaps.length) out.set(c, gaps);
  }
  return out;
}

/** "mon 03:00-05:00, tue 03:00-04:00" for a list of hours of the week. */
export function describeHours(hours: number[]): string {
  const spans: string[] = [];
  let i = 0;
  while (i < hours.length) {
    let j = i;
    while (j + 1 < hours.length && hours[j + 1] === hours[j] + 1 && Math.floor(hours[j + 1] / 24) === Math.floor(hours[i] / 24)) j++;
    const day = DAYS[Math.floor(hours[i] / 24)];
    const from = hours[i] % 24;
    const to = (hours[j] % 24) + 1;
    spans.push(`${day} ${String(from).padStart(2, '0')}:00-${String(to).padStart(2, '0')}:00`);
    i = j + 1;
  }
  return spans.join(', ');
}
