/** The keys of a scenario a time frame reads: its horizon and reporting interval. */
export interface HorizonInput {
  horizon: { hours?: number; warmup_hours?: number; days?: number; warmup_days?: number; start_date?: string };
  reporting: { interval_minutes: number };
}

const HOUR = 3600;
const DAY = 86_400;
/** A reporting month when the scenario has no calendar: 30 days. */
export const MONTH_SECONDS = 30 * DAY;

/** The warm-up and counted period of a scenario, in seconds. */
export function horizonSeconds(s: Pick<HorizonInput, 'horizon'>): { warmupSeconds: number; countedSeconds: number } {
  const h = s.horizon;
  if (h.days !== undefined) return { warmupSeconds: (h.warmup_days ?? 0) * DAY, countedSeconds: h.days * DAY };
  return { warmupSeconds: (h.warmup_hours ?? 0) * HOUR, countedSeconds: (h.hours ?? 0) * HOUR };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * TimeFrame: how simulated seconds map to the clock, the calendar and report rows.
 *
 * The simulation clock starts (0) at the start of the warm-up; the counted period follows.
 * With `horizon.start_date`, the counted period starts at 00:00 local time on that date and
 * every instant has a real local date and time (daylight saving is not modelled: every day
 * has 24 hours). Without it, the counted period starts at 00:00 on a Monday, intervals are
 * labelled in seconds since the clock started and months are 30-day blocks.
 */
export class TimeFrame {
  readonly warmupSeconds: number;
  readonly countedSeconds: number;
  readonly intervalSeconds: number;
  readonly intervalCount: number;
  readonly monthCount: number;
  /** Local date-time of clock 0 as UTC milliseconds (null without a calendar). */
  private readonly epochMs: number | null;
  /** Clock seconds at which each reporting month after the first starts (calendar months). */
  private readonly monthStarts: Float64Array;
  /** The month `monthOf` found last. */
  private lastMonth = 0;
  private readonly firstMonth: number; // year*12 + month of the counted start

  constructor(s: HorizonInput) {
    const { warmupSeconds, countedSeconds } = horizonSeconds(s);
    this.warmupSeconds = warmupSeconds;
    this.countedSeconds = countedSeconds;
    this.intervalSeconds = s.reporting.interval_minutes * 60;
    this.intervalCount = Math.ceil(countedSeconds / this.intervalSeconds - 1e-9);
    const start = s.horizon.start_date;
    if (start) {
      const startMs = Date.parse(`${start}T00:00:00Z`);
      this.epochMs = startMs - warmupSeconds * 1000;
      const d = new Date(startMs);
      this.firstMonth = d.getUTCFullYear() * 12 + d.getUTCMonth();
      const last = new Date(startMs + (countedSeconds - 1e-3) * 1000);
      this.monthCount = last.getUTCFullYear() * 12 + last.getUTCMonth() - this.firstMonth + 1;
      this.monthStarts = Float64Array.from({ length: this.monthCount - 1 }, (_, i) => {
        const ym = this.firstMonth + i + 1;
        return (Date.UTC(Math.floor(ym / 12), ym % 12, 1) - this.epochMs!) / 1000;
      });
    } else {
      this.epochMs = null;
      this.firstMonth = 0;
      this.monthCount = Math.ceil(countedSeconds / MONTH_SECONDS - 1e-9);
      this.monthStarts = Float64Array.from({ length: this.monthCount - 1 }, (_, i) => warmupSeconds + (i + 1) * MONTH_SECONDS);
    }
  }


  /**
   * Where the hourly demand buckets start, in clock seconds (<= 0): local clock hours, which
   * begin at the counted period's 00:00, so a warm-up of 0.5 h puts the first bucket at -1800.
   */
  get hourOriginSeconds(): number {
    return this.warmupSeconds - Math.ceil(this.warmupSeconds / 3600 - 1e-9) * 3600;
  }

  /** End of the counted period (arrivals stop), in seconds since the clock started. */
  get endSeconds(): number {
    return this.warmupSeconds + this.countedSeconds;
  }

  /** Clock time (seconds) at which local day `day` starts; day 0 is the first counted day. */
  dayStartSeconds(day: number): number {
    return this.warmupSeconds + day * DAY;
  }

  /** The local day (0 = first counted day, negative in the warm-up) an instant falls in. */
  dayOf(atSeconds: number): number {
    return Math.floor((atSeconds - this.warmupSeconds) / DAY);
  }

  /** Day of the week of a day: 0 = Monday ... 6 = Sunday. */
  weekdayOf(day: number): number {
    if (this.epochMs === null) return ((day % 7) + 7) % 7;
    const d = new Date(this.epochMs + (this.warmupSeconds + day * DAY) * 1000);
    return (d.getUTCDay() + 6) % 7;
  }

  /** Month of the year of a day (0 = January); null without a calendar. */
  monthOfYear(day: number): number | null {
    if (this.epochMs === null) return null;
    return new Date(this.epochMs + (this.warmupSeconds + day * DAY) * 1000).getUTCMonth();
  }

  /** "MM-DD" and "YYYY-MM-DD" of a day; null without a calendar. */
  dateKeys(day: number): { monthDay: string; date: string } | null {
    if (this.epochMs === null) return null;
    const d = new Date(this.epochMs + (this.warmupSeconds + day * DAY) * 1000);
    const monthDay = `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    return { monthDay, date: `${d.getUTCFullYear()}-${monthDay}` };
  }

  /** Clock seconds of a local date-time "YYYY-MM-DDTHH:MM" (calendar scenarios only). */
  secondsAt(localDateTime: string): number | null {
    if (this.epochMs === null) return null;
    return (Date.parse(`${localDateTime}:00Z`) - this.epochMs) / 1000;
  }


  /** Reporting month of a counted instant. */
  monthOf(atSeconds: number): number {
    const starts = this.monthStarts;
    // calls come nearly in time order: most fall in the month of the one before
    let m = this.lastMonth;
    if ((m === 0 || atSeconds >= starts[m - 1]) && (m === starts.length || atSeconds < starts[m])) return m;
    m = 0;
    while (m < starts.length && atSeconds >= starts[m]) m++;
    this.lastMonth = m;
    return m;
  }

  /** `interval_start` of interval i: local ISO 8601 date-time with a calendar, else seconds since the clock started. */
  intervalLabel(i: number): string {
    const at = this.warmupSeconds + i * this.intervalSeconds;
    if (this.epochMs === null) return String(at);
    return new Date(this.epochMs + at * 1000).toISOString().slice(0, 19);
  }

  /** `month` label: YYYY-MM with a calendar, else month-1, month-2, ... */
  monthLabel(m: number): string {
    if (this.epochMs === null) return `month-${m + 1}`;
    const ym = this.firstMonth + m;
    return `${Math.floor(ym / 12)}-${pad((ym % 12) + 1)}`;
  }
}
