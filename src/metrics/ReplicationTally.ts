import type { CallRecord, HandlerIntervalRecord } from '../model/records.js';
import { INTERVAL_FIELDS, IntervalField } from './IntervalField.js';
import { MONTH_FIELDS, MonthField } from './MonthField.js';
import type { ContactTotals, ReplicationResult } from './ReplicationResult.js';
import type { ReportShape } from './ReportShape.js';
import { emptyTallyArrays } from './TallyArrays.js';
import { TriageMatrix } from './TriageMatrix.js';
import { WaitHistogram } from './WaitHistogram.js';

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
  private readonly triageMatrix: TriageMatrix;
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
      abandonedShort: 0,
      answeredWithinTarget: 0,
      answerSecondsSum: 0,
      waits: new WaitHistogram(),
    }));
    ({ intervals: this.intervals, months: this.months, staffed: this.staffed, busy: this.busy, triage: this.triage } = emptyTallyArrays(shape));
    this.targets = Float64Array.from(shape.contacts, (c) => c.targetSeconds);
    this.triageMatrix = new TriageMatrix(shape);
  }

  /** Fold a batch of ended calls (those not counted are skipped). */
  calls(batch: readonly CallRecord[]): void {
    for (let i = 0; i < batch.length; i++) this.call(batch[i]);
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
    iv[ib + IntervalField.offered]++;
    if (c.source !== 'new') iv[ib + IntervalField.repeatOffered]++;
    mv[mb + MonthField.offered]++;
    if (c.outcome === 'answered') {
      if (c.trueGrade >= 0) {
        const m = this.triageMatrix;
        this.triage[m.index(c.handlerLevel >= 0 ? c.handlerLevel : m.noLevel, c.trueGrade, c.assignedGrade)]++;
      }
      const key = c.staffingKey;
      const st = key !== undefined && key >= 0 ? (this.byKey[key] ?? this.keyCell(key, c)) : this.findStaffing(c.handlerGroup, c.shift, c.handlerLevel);
      st[0]++;
      st[1] += c.endedAt - c.answeredAt;
      const w = c.waitSeconds;
      t.answered++;
      t.answerSecondsSum += w;
      t.waits.add(w);
      iv[ib + IntervalField.answered]++;
      iv[ib + IntervalField.answerSecondsSum] += w;
      mv[mb + MonthField.answered]++;
      mv[mb + (w < 10 ? MonthField.answeredLt10s : w < 60 ? MonthField.answered10To60s : MonthField.answeredGe60s)]++;
      mv[mb + MonthField.answerSecondsSum] += w;
      if (w <= this.targets[k]) {
        t.answeredWithinTarget++;
        iv[ib + IntervalField.answeredWithinTarget]++;
      }
    } else {
      t.abandoned++;
      iv[ib + IntervalField.abandoned]++;
      mv[mb + MonthField.abandoned]++;
      // short abandon: hung up on the BT leg (time at the force < 0) or within the threshold of reaching it
      if (c.waitSeconds - c.btLegSeconds < shape.shortAbandonSeconds) {
        t.abandonedShort++;
        iv[ib + IntervalField.abandonedShort]++;
        mv[mb + MonthField.abandonedShort]++;
      }
    }
  }

  // the cells by staffing key (`CallRecord.staffingKey`), each found once by its names
  private readonly byKey: ([number, number] | undefined)[] = [];

  private keyCell(key: number, c: CallRecord): [number, number] {
    return (this.byKey[key] = this.findStaffing(c.handlerGroup, c.shift, c.handlerLevel));
  }

  /**
   * The [answered, busy seconds] cell of a group, shift and level (nested maps: no string
   * building per call): once a key for the model's records, every time for records made by hand.
   */
  private findStaffing(group: string, shift: string, level: number): [number, number] {
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
