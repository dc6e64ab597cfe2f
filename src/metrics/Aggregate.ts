import { gradingRows, trueIGradedLower, type GradingRow } from './gradingRows.js';
import { intervalRows, type IntervalRow } from './intervalRows.js';
import { peelRows, type PeelRow } from './peelRows.js';
import { pooled } from './pooled.js';
import { ratio } from './ratio.js';
import { replicationFigures, type ReplicationFigures } from './replicationFigures.js';
import type { ReplicationResult } from './ReplicationResult.js';
import type { ReportShape } from './ReportShape.js';
import { emptyTallyArrays } from './TallyArrays.js';
import { triageRows, type TriageRow } from './triageRows.js';
import { WaitHistogram } from './WaitHistogram.js';

/** Figures pooled over replications for one contact type. */
export interface ContactSummary {
  contact: string;
  replications: number;
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevelPct: number;
  serviceLevelPctCi95: number | null;
  answeredWithinTargetPct: number;
  /** Half-width of the Home Office measure's interval (at the aggregate's confidence level). */
  answeredWithinTargetPctCi95: number | null;
  abandonedPct: number;
  abandonedPctCi95: number | null;
  meanAnswerSeconds: number;
  meanAnswerSecondsCi95: number | null;
  p50AnswerSeconds: number;
  p90AnswerSeconds: number;
  p95AnswerSeconds: number;
  targetSeconds: number;
  /** Abandoned on the BT leg or within the short-abandon threshold of reaching the force, mean per replication. */
  abandonedShort: number;
  /** The rest of the abandoned: hung up after waiting at the force, mean per replication. */
  abandonedAfterWait: number;
  abandonedAfterWaitPct: number;
  abandonedAfterWaitPctCi95: number | null;
}

/**
 * Aggregate: results of many replications folded into the report figures. Results must be
 * added in replication order (sums of floating-point numbers depend on order), which is what
 * makes reports byte-identical whatever the number of workers or shards.
 */
export class Aggregate {
  readonly figures: ReplicationFigures[][] = [];
  readonly waits: WaitHistogram[];
  readonly intervals: Float64Array[];
  readonly months: Float64Array[];
  readonly staffed: Float64Array[];
  readonly busy: Float64Array[];
  readonly triage: Float64Array;
  readonly staffing = new Map<string, [number, number]>();
  /** Per replication: [true I calls answered, of those graded lower]. */
  readonly gradingPerReplication: [number, number][] = [];
  readonly events = { arrivals: 0, answers: 0, serviceEnds: 0, abandonments: 0 };
  calendarEvents = 0;
  count = 0;
  /** Each replication's per-month arrays (small), for the months' confidence intervals. */
  readonly monthsPerReplication: Float64Array[][] = [];

  /** `confidence`: the level of every interval this aggregate reports (0.95: the `_ci95` columns). */
  constructor(
    readonly shape: ReportShape,
    readonly confidence = 0.95,
  ) {
    this.waits = shape.contacts.map(() => new WaitHistogram());
    ({ intervals: this.intervals, months: this.months, staffed: this.staffed, busy: this.busy, triage: this.triage } = emptyTallyArrays(shape));
  }

  add(r: ReplicationResult): void {
    this.count++;
    this.figures.push(replicationFigures(this.shape, r));
    this.monthsPerReplication.push(r.months);
    this.shape.contacts.forEach((_, k) => {
      this.waits[k].merge(r.contacts[k].waits);
      addInto(this.intervals[k], r.intervals[k]);
      addInto(this.months[k], r.months[k]);
    });
    this.shape.groups.forEach((_, g) => {
      addInto(this.staffed[g], r.groups[g].staffedSeconds);
      addInto(this.busy[g], r.groups[g].busySeconds);
    });
    addInto(this.triage, r.triage);
    for (const [key, [answered, busy]] of Object.entries(r.staffing)) {
      const st = this.staffing.get(key);
      if (st) {
        st[0] += answered;
        st[1] += busy;
      } else this.staffing.set(key, [answered, busy]);
    }
    this.gradingPerReplication.push(trueIGradedLower(this.shape, r.triage));
    this.events.arrivals += r.events.arrivals;
    this.events.answers += r.events.answers;
    this.events.serviceEnds += r.events.serviceEnds;
    this.events.abandonments += r.events.abandonments;
    this.calendarEvents += r.calendarEvents;
  }

  /** summary.csv: one row per contact type. */
  summary(): ContactSummary[] {
    return this.shape.contacts.map((c, k) => {
      const per = this.figures.map((f) => f[k]);
      const sl = pooled(per.map((f) => f.serviceLevelPct), this.confidence);
      const ho = pooled(per.map((f) => f.answeredWithinTargetPct), this.confidence);
      const ab = pooled(per.map((f) => f.abandonedPct), this.confidence);
      const asa = pooled(per.map((f) => f.meanAnswerSeconds), this.confidence);
      const abw = pooled(per.map((f) => f.abandonedAfterWaitPct), this.confidence);
      const mean = (pick: (f: ReplicationFigures) => number) => pooled(per.map(pick)).mean;
      return {
        contact: c.name,
        replications: per.length,
        offered: mean((f) => f.offered),
        answered: mean((f) => f.answered),
        abandoned: mean((f) => f.abandoned),
        serviceLevelPct: sl.mean,
        serviceLevelPctCi95: sl.halfWidth,
        answeredWithinTargetPct: ho.mean,
        answeredWithinTargetPctCi95: ho.halfWidth,
        abandonedPct: ab.mean,
        abandonedPctCi95: ab.halfWidth,
        meanAnswerSeconds: asa.mean,
        meanAnswerSecondsCi95: asa.halfWidth,
        p50AnswerSeconds: this.waits[k].quantile(0.5),
        p90AnswerSeconds: this.waits[k].quantile(0.9),
        p95AnswerSeconds: this.waits[k].quantile(0.95),
        targetSeconds: c.targetSeconds,
        abandonedShort: mean((f) => f.abandonedShort),
        abandonedAfterWait: mean((f) => f.abandonedAfterWait),
        abandonedAfterWaitPct: abw.mean,
        abandonedAfterWaitPctCi95: abw.halfWidth,
      };
    });
  }

  /** handlers.csv: one row per group (hours summed over the counted period, mean per replication). */
  handlerRows(): { group: string; staffedHours: number; busyHours: number; occupancyPct: number }[] {
    return this.shape.groups.map((g, i) => {
      const staffed = this.staffed[i].reduce((s, x) => s + x, 0) / 3600 / this.count;
      const busy = this.busy[i].reduce((s, x) => s + x, 0) / 3600 / this.count;
      return { group: g.name, staffedHours: staffed, busyHours: busy, occupancyPct: ratio(busy, staffed, 100) };
    });
  }

  /** intervals.csv rows: per interval and contact, means per replication and pooled ratios. */
  intervalRows(): IntervalRow[] {
    return intervalRows(this.shape, this, this.count);
  }

  /** Share of answered true-I calls graded lower, per replication (NaN where none). */
  iGradedLowerPct(): number[] {
    return this.gradingPerReplication.map(([n, lower]) => ratio(lower, n, 100));
  }

  /** triage.csv rows: answered calls by handler level, true grade and assigned grade (mean per replication). */
  triageRows(): TriageRow[] {
    return triageRows(this.shape, this.triage, this.count);
  }

  /** grading.csv rows: per handler level and for all, how often grades were wrong, and true I calls graded lower. */
  gradingRows(): GradingRow[] {
    return gradingRows(this.shape, this.triage, this.count, pooled(this.iGradedLowerPct(), this.confidence));
  }

  /** staffing.csv rows: answered calls and busy hours by group, shift and training level (mean per replication). */
  staffingRows(): { group: string; shift: string; level: string; answered: number; busyHours: number; meanHandlingSeconds: number }[] {
    return [...this.staffing.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, [answered, busy]]) => {
        const [group, shift, level] = key.split('|');
        return { group, shift, level, answered: answered / this.count, busyHours: busy / 3600 / this.count, meanHandlingSeconds: ratio(busy, answered) };
      });
  }

  /** peel.csv rows: per month and contact type, then the whole period (month -1); see peelRows. */
  peelRows(): PeelRow[] {
    return peelRows(this.shape, this.monthsPerReplication, this.confidence);
  }
}

function addInto(target: Float64Array, source: ArrayLike<number>): void {
  for (let i = 0; i < target.length; i++) target[i] += source[i];
}
