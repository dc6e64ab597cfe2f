import type { Scenario } from './load.js';

const HOUR = 3600;
const DAY = 86_400;
/** A reporting month when the scenario has no calendar: 30 days. */
export const MONTH_SECONDS = 30 * DAY;

/** The warm-up and counted period of a scenario, in seconds. */
export function horizonSeconds(s: Pick<Scenario, 'horizon'>): { warmupSeconds: number; countedSeconds: number } {
  const h = s.horizon;
  if (h.days !== undefined) return { warmupSeconds: (h.warmup_days ?? 0) * DAY, countedSeconds: h.days * DAY };
  return { warmupSeconds: (h.warmup_hours ?? 0) * HOUR, countedSeconds: (h.hours ?? 0) * HOUR };
}

/**
 * TimeFrame: how simulated seconds map to report rows. The clock starts (0) at the start of
 * the warm-up; the counted period follows it. Reporting intervals and months are counted from
 * the start of the counted period.
 */
export class TimeFrame {
  readonly warmupSeconds: number;
  readonly countedSeconds: number;
  readonly intervalSeconds: number;
  readonly intervalCount: number;
  readonly monthCount: number;

  constructor(s: Scenario) {
    const { warmupSeconds, countedSeconds } = horizonSeconds(s);
    this.warmupSeconds = warmupSeconds;
    this.countedSeconds = countedSeconds;
    this.intervalSeconds = s.reporting.interval_minutes * 60;
    this.intervalCount = Math.ceil(countedSeconds / this.intervalSeconds - 1e-9);
    this.monthCount = Math.ceil(countedSeconds / MONTH_SECONDS - 1e-9);
  }

  /** End of the counted period (arrivals stop), in seconds since the clock started. */
  get endSeconds(): number {
    return this.warmupSeconds + this.countedSeconds;
  }

  /** Reporting interval of a counted instant. */
  intervalOf(atSeconds: number): number {
    return Math.min(this.intervalCount - 1, Math.floor((atSeconds - this.warmupSeconds) / this.intervalSeconds));
  }

  /** Reporting month of a counted instant. */
  monthOf(atSeconds: number): number {
    return Math.min(this.monthCount - 1, Math.floor((atSeconds - this.warmupSeconds) / MONTH_SECONDS));
  }

  /** `interval_start` of interval i: seconds since the clock started (warm-up included). */
  intervalLabel(i: number): string {
    return String(this.warmupSeconds + i * this.intervalSeconds);
  }

  /** `month` label of month m: month-1, month-2, ... */
  monthLabel(m: number): string {
    return `month-${m + 1}`;
  }
}
