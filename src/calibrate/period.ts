import { horizonSeconds, MONTH_SECONDS } from '../engine/TimeFrame.js';
import type { Scenario } from '../scenario/load.js';

/**
 * A target's period, as the targets file writes it, and where it lies in a scenario's run.
 *
 * Forms: `YYYY-MM` (a calendar month), `YYYY-MM..YYYY-MM` (months, both included),
 * `YYYY-MM-DD` (a day), `YYYY-MM-DD..YYYY-MM-DD` (days, both included), `month-N` or
 * `month-N..month-M` (peel.csv's 30-day months of a scenario without a calendar), and `all`
 * (the whole counted period). A period must lie whole inside the counted period.
 */
export type PeriodSpec =
  | { kind: 'all' }
  | { kind: 'months'; from: number; to: number } // year*12 + month (0-based), both included
  | { kind: 'days'; fromMs: number; toMs: number } // UTC ms of the first and last day's 00:00
  | { kind: 'blocks'; from: number; to: number }; // 0-based 30-day months, both included

const DAY_MS = 86_400_000;
const ym = (text: string) => Number(text.slice(0, 4)) * 12 + Number(text.slice(5, 7)) - 1;
const realDate = (d: string) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

export const PERIOD_FORMS = 'YYYY-MM, YYYY-MM..YYYY-MM, YYYY-MM-DD, YYYY-MM-DD..YYYY-MM-DD, month-N, month-N..month-M or all';

/** Parse a period; a string is the problem (what was expected). */
export function parsePeriod(text: string): PeriodSpec | string {
  const t = text.trim();
  if (t === 'all') return { kind: 'all' };
  const [a, b = a, ...rest] = t.split('..');
  if (rest.length > 0) return `expected a period: ${PERIOD_FORMS}`;
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(a) && /^\d{4}-(0[1-9]|1[0-2])$/.test(b)) {
    return ym(a) <= ym(b) ? { kind: 'months', from: ym(a), to: ym(b) } : `${t}: the first month comes after the last`;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(a) && /^\d{4}-\d{2}-\d{2}$/.test(b)) {
    if (!realDate(a) || !realDate(b)) return `${t}: not a real calendar date`;
    const fromMs = Date.parse(`${a}T00:00:00Z`);
    const toMs = Date.parse(`${b}T00:00:00Z`);
    return fromMs <= toMs ? { kind: 'days', fromMs, toMs } : `${t}: the first day comes after the last`;
  }
  const block = /^month-([1-9]\d*)$/;
  if (block.test(a) && block.test(b)) {
    const from = Number(block.exec(a)![1]) - 1;
    const to = Number(block.exec(b)![1]) - 1;
    return from <= to ? { kind: 'blocks', from, to } : `${t}: the first month comes after the last`;
  }
  return `expected a period: ${PERIOD_FORMS}`;
}

/** Where a period lies in a run: counted seconds from the start of the counted period. */
export interface PeriodSpan {
  fromSeconds: number;
  toSeconds: number;
  /** The reporting months it covers whole, [from, to) (null for days: months are too coarse). */
  months: [number, number] | null;
}

const fmtDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The span of a period in a scenario's counted period, or the problem: the period needs a
 * calendar the scenario lacks (or the other way round), or is not inside the counted period.
 */
export function periodSpan(spec: PeriodSpec, scenario: Pick<Scenario, 'horizon'>): PeriodSpan | string {
  const { countedSeconds } = horizonSeconds(scenario);
  const start = scenario.horizon.start_date;
  const counted = start
    ? `the counted period runs ${start} to ${fmtDay(Date.parse(`${start}T00:00:00Z`) + countedSeconds * 1000 - 1)}`
    : `the counted period is ${(countedSeconds / 86_400).toFixed(2).replace(/\.?0+$/, '')} days (30-day months month-1 to month-${Math.ceil(countedSeconds / MONTH_SECONDS - 1e-9)})`;
  if (spec.kind === 'all') return { fromSeconds: 0, toSeconds: countedSeconds, months: [0, monthCount(scenario, countedSeconds)] };
  if (spec.kind === 'blocks') {
    if (start) return `a scenario with horizon.start_date reports calendar months: expected YYYY-MM or YYYY-MM-DD, not month-N`;
    const fromSeconds = spec.from * MONTH_SECONDS;
    const toSeconds = (spec.to + 1) * MONTH_SECONDS;
    if (toSeconds > countedSeconds + 1e-6) return `not inside the horizon: ${counted}; expected a period the counted period covers whole`;
    return { fromSeconds, toSeconds, months: [spec.from, spec.to + 1] };
  }
  if (!start) return `a calendar period needs horizon.start_date in the scenario; without one, expected month-N, month-N..month-M or all`;
  const startMs = Date.parse(`${start}T00:00:00Z`);
  const [fromMs, toMs] =
    spec.kind === 'months'
      ? [Date.UTC(Math.floor(spec.from / 12), spec.from % 12, 1), Date.UTC(Math.floor((spec.to + 1) / 12), (spec.to + 1) % 12, 1)]
      : [spec.fromMs, spec.toMs + DAY_MS];
  const fromSeconds = (fromMs - startMs) / 1000;
  const toSeconds = (toMs - startMs) / 1000;
  if (fromSeconds < 0 || toSeconds > countedSeconds + 1e-6) return `not inside the horizon: ${counted}; expected a period the counted period covers whole`;
  if (spec.kind === 'days') return { fromSeconds, toSeconds, months: null };
  const first = new Date(startMs);
  const firstMonth = first.getUTCFullYear() * 12 + first.getUTCMonth();
  return { fromSeconds, toSeconds, months: [spec.from - firstMonth, spec.to + 1 - firstMonth] };
}

function monthCount(scenario: Pick<Scenario, 'horizon'>, countedSeconds: number): number {
  const start = scenario.horizon.start_date;
  if (!start) return Math.ceil(countedSeconds / MONTH_SECONDS - 1e-9);
  const startMs = Date.parse(`${start}T00:00:00Z`);
  const a = new Date(startMs);
  const b = new Date(startMs + (countedSeconds - 1e-3) * 1000);
  return b.getUTCFullYear() * 12 + b.getUTCMonth() - (a.getUTCFullYear() * 12 + a.getUTCMonth()) + 1;
}
