import type { CallRecord, HandlerIntervalRecord } from '../model/records.js';
import { WaitHistogram } from './WaitHistogram.js';

/** What the folds need to know about the run's shape (no engine, no model). */
export interface ReportShape {
  contacts: readonly { name: string; targetSeconds: number }[];
  groups: readonly { name: string; answers: readonly number[] }[];
  /** Training level names (CallRecord.handlerLevel indexes them). */
  levels: readonly string[];
  /** Grade names (CallRecord.trueGrade / assignedGrade index them). */
  grades: readonly string[];
  warmupSeconds: number;
  intervalSeconds: number;
  intervalCount: number;
  /** Length of the counted period (the last interval may be shorter than intervalSeconds). */
  countedSeconds: number;
  monthCount: number;
  /** Reporting month of a counted instant (seconds since the clock started). */
  monthOf(atSeconds: number): number;
}

/** Per-contact totals of one replication (counted calls only). */
export interface ContactTotals {
  offered: number;
  answered: number;
  abandoned: number;
  answeredWithinTarget: number;
  /** Sum of the answer times of answered calls, seconds. */
  answerSecondsSum: number;
  /** Answer times of answered calls. */
  waits: WaitHistogram;
}

/** Columns of the flat per-interval arrays, per contact: INTERVAL_FIELDS values per interval. */
export const INTERVAL_FIELDS = 6; // offered, answered, abandoned, withinTarget, answerSecondsSum, repeatOffered
/** Columns of the flat per-month arrays, per contact. */
export const MONTH_FIELDS = 7; // offered, answered, abandoned, lt10, 10to60, ge60, answerSecondsSum

/** The per-interval, per-month, per-group and triage arrays of a tally, all zero. */
export function emptyTallyArrays(shape: ReportShape): {
  intervals: Float64Array[];
  months: Float64Array[];
  staffed: Float64Array[];
  busy: Float64Array[];
  triage: Float64Array;
} {
  const g = shape.grades.length;
  return {
    intervals: shape.contacts.map(() => new Float64Array(shape.intervalCount * INTERVAL_FIELDS)),
    months: shape.contacts.map(() => new Float64Array(shape.monthCount * MONTH_FIELDS)),
    staffed: shape.groups.map(() => new Float64Array(shape.intervalCount)),
    busy: shape.groups.map(() => new Float64Array(shape.intervalCount)),
    triage: new Float64Array((shape.levels.length + 1) * g * g),
  };
}

/** Everything the reports need from one replication: mergeable and serialisable. */
export interface ReplicationResult {
  replication: number;
  seed: number;
  events: { arrivals: number; answers: number; serviceEnds: number; abandonments: number };
  calendarEvents: number;
  contacts: ContactTotals[];
  /** [contact][interval * INTERVAL_FIELDS + field] */
  intervals: Float64Array[];
  /** [contact][month * MONTH_FIELDS + field] */
  months: Float64Array[];
  /** [group] handler-seconds staffed and busy per interval */
  groups: { staffedSeconds: Float64Array; busySeconds: Float64Array }[];
  /** Answered calls by handler level (levels, then 'no level') x true grade x assigned grade, flat. */
  triage: Float64Array;
  /** Answered calls and busy seconds by 'group|shift|level' (counted calls). */
  staffing: Record<string, [answered: number, busySeconds: number]>;
}

/**
 * ReplicationTally: the fold of one replication's records into its ReplicationResult.
 * Calls are attributed to the interval and month in which they arrived; only calls that
 * arrived in the counted period count.
 *
 * @example
 *   const t = new ReplicationTally(shape, 0, seed);
 *   sim.calls$.subscribe((c) => t.call(c));
 *   sim.handlerIntervals$.subscribe((h) => t.handlerInterval(h));
 */
export class ReplicationTally {
  readonly contacts: ContactTotals[];
  readonly intervals: Float64Array[];
  readonly months: Float64Array[];
  readonly staffed: Float64Array[];
  readonly busy: Float64Array[];
  readonly triage: Float64Array;
  readonly staffing = new Map<string, [number, number]>();
  private readonly staffingCells = new Map<string, Map<string, [number, number][]>>();
  private readonly targets: Float64Array;

  constructor(
    private readonly shape: ReportShape,
    readonly replication: number,
    readonly seed: number,
  ) {
    this.contacts = shape.contacts.map(() => ({
      offered: 0,
      answered: 0,
      abandoned: 0,
      answeredWithinTarget: 0,
      answerSecondsSum: 0,
      waits: new WaitHistogram(),
    }));
    ({ intervals: this.intervals, months: this.months, staffed: this.staffed, busy: this.busy, triage: this.triage } = emptyTallyArrays(shape));
    this.targets = Float64Array.from(shape.contacts, (c) => c.targetSeconds);
  }

  /** Fold one ended call. */
  call(c: CallRecord): void {
    if (!c.counted) return;
    const k = c.contactIndex;
    const t = this.contacts[k];
    const shape = this.shape;
    const interval = Math.min(shape.intervalCount - 1, Math.floor((c.arrivedAt - shape.warmupSeconds) / shape.intervalSeconds));
    const iv = this.intervals[k];
    const ib = interval * INTERVAL_FIELDS;
    const mb = shape.monthOf(c.arrivedAt) * MONTH_FIELDS;
    const mv = this.months[k];
    t.offered++;
    iv[ib]++;
    if (c.source !== 'new') iv[ib + 5]++;
    mv[mb]++;
    if (c.outcome === 'answered') {
      if (c.trueGrade >= 0) {
        const g = this.shape.grades.length;
        const level = c.handlerLevel >= 0 ? c.handlerLevel : this.shape.levels.length;
        this.triage[(level * g + c.trueGrade) * g + c.assignedGrade]++;
      }
      const st = this.staffingOf(c.handlerGroup, c.shift, c.handlerLevel);
      st[0]++;
      st[1] += c.endedAt - c.answeredAt;
      const w = c.waitSeconds;
      t.answered++;
      t.answerSecondsSum += w;
      t.waits.add(w);
      iv[ib + 1]++;
      iv[ib + 4] += w;
      mv[mb + 1]++;
      mv[mb + (w < 10 ? 3 : w < 60 ? 4 : 5)]++;
      mv[mb + 6] += w;
      if (w <= this.targets[k]) {
        t.answeredWithinTarget++;
        iv[ib + 3]++;
      }
    } else {
      t.abandoned++;
      iv[ib + 2]++;
      mv[mb + 2]++;
    }
  }

  /** The [answered, busy seconds] cell of a group, shift and level (nested maps: no string building per call). */
  private staffingOf(group: string, shift: string, level: number): [number, number] {
    let byShift = this.staffingCells.get(group);
    if (byShift === undefined) this.staffingCells.set(group, (byShift = new Map()));
    let byLevel = byShift.get(shift);
    if (byLevel === undefined) byShift.set(shift, (byLevel = []));
    const i = level + 1;
    let cell = byLevel[i];
    if (cell === undefined) {
      cell = byLevel[i] = [0, 0];
      this.staffing.set(`${group}|${shift}|${level >= 0 ? this.shape.levels[level] : ''}`, cell);
    }
    return cell;
  }

  /** Fold one group's staffing over one interval. */
  handlerInterval(h: HandlerIntervalRecord): void {
    this.staffed[h.groupIndex][h.interval] += h.staffedSeconds;
    this.busy[h.groupIndex][h.interval] += h.busySeconds;
  }

  result(events: ReplicationResult['events'], calendarEvents: number): ReplicationResult {
    return {
      replication: this.replication,
      seed: this.seed,
      events,
      calendarEvents,
      contacts: this.contacts,
      intervals: this.intervals,
      months: this.months,
      groups: this.staffed.map((s, g) => ({ staffedSeconds: s, busySeconds: this.busy[g] })),
      triage: this.triage,
      staffing: Object.fromEntries([...this.staffing.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    };
  }
}
