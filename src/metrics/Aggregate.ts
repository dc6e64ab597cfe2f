import { emptyTallyArrays, INTERVAL_FIELDS, MONTH_FIELDS, type ReplicationResult, type ReportShape } from './ReplicationTally.js';
import { WaitHistogram } from './WaitHistogram.js';
import { meanCi95 } from './stats.js';

/** The per-replication figures behind summary.csv (one per contact type). */
export interface ReplicationFigures {
  replication: number;
  seed: number;
  contact: string;
  offered: number;
  answered: number;
  abandoned: number;
  /** 100 × answered within target ÷ offered */
  serviceLevelPct: number;
  /** 100 × answered within target ÷ answered */
  answeredWithinTargetPct: number;
  /** 100 × abandoned ÷ offered */
  abandonedPct: number;
  /** Mean answer time of answered calls (ASA), seconds */
  meanAnswerSeconds: number;
}

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
  abandonedPct: number;
  abandonedPctCi95: number | null;
  meanAnswerSeconds: number;
  meanAnswerSecondsCi95: number | null;
  p50AnswerSeconds: number;
  p90AnswerSeconds: number;
  p95AnswerSeconds: number;
  targetSeconds: number;
}

const ratio = (num: number, den: number, scale = 1): number => (den > 0 ? (scale * num) / den : NaN);

/** The figures of one replication, per contact type. */
export function replicationFigures(shape: ReportShape, r: ReplicationResult): ReplicationFigures[] {
  return shape.contacts.map((c, k) => {
    const t = r.contacts[k];
    return {
      replication: r.replication,
      seed: r.seed,
      contact: c.name,
      offered: t.offered,
      answered: t.answered,
      abandoned: t.abandoned,
      serviceLevelPct: ratio(t.answeredWithinTarget, t.offered, 100),
      answeredWithinTargetPct: ratio(t.answeredWithinTarget, t.answered, 100),
      abandonedPct: ratio(t.abandoned, t.offered, 100),
      meanAnswerSeconds: ratio(t.answerSecondsSum, t.answered),
    };
  });
}

/** Mean and 95% half-width over the replications that have a value (NaN values skipped). */
function pooled(values: number[]): { mean: number; halfWidth: number | null } {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { mean: NaN, halfWidth: null };
  return meanCi95(finite);
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

  constructor(readonly shape: ReportShape) {
    this.waits = shape.contacts.map(() => new WaitHistogram());
    ({ intervals: this.intervals, months: this.months, staffed: this.staffed, busy: this.busy, triage: this.triage } = emptyTallyArrays(shape));
  }

  add(r: ReplicationResult): void {
    this.count++;
    this.figures.push(replicationFigures(this.shape, r));
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
    this.gradingPerReplication.push(trueILower(this.shape, r.triage));
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
      const sl = pooled(per.map((f) => f.serviceLevelPct));
      const ab = pooled(per.map((f) => f.abandonedPct));
      const asa = pooled(per.map((f) => f.meanAnswerSeconds));
      const mean = (pick: (f: ReplicationFigures) => number) => pooled(per.map(pick)).mean;
      return {
        contact: c.name,
        replications: per.length,
        offered: mean((f) => f.offered),
        answered: mean((f) => f.answered),
        abandoned: mean((f) => f.abandoned),
        serviceLevelPct: sl.mean,
        serviceLevelPctCi95: sl.halfWidth,
        answeredWithinTargetPct: mean((f) => f.answeredWithinTargetPct),
        abandonedPct: ab.mean,
        abandonedPctCi95: ab.halfWidth,
        meanAnswerSeconds: asa.mean,
        meanAnswerSecondsCi95: asa.halfWidth,
        p50AnswerSeconds: this.waits[k].quantile(0.5),
        p90AnswerSeconds: this.waits[k].quantile(0.9),
        p95AnswerSeconds: this.waits[k].quantile(0.95),
        targetSeconds: c.targetSeconds,
      };
    });
  }

  /** handlers.csv: one row per group (hours summed over the counted period, mean per replication). */
  handlerRows(): { group: string; staffedHours: number; busyHours: number; occupancyPct: number }[] {
    return this.shape.groups.map((g, i) => {
      const staffed = sum(this.staffed[i]) / 3600 / this.count;
      const busy = sum(this.busy[i]) / 3600 / this.count;
      return { group: g.name, staffedHours: staffed, busyHours: busy, occupancyPct: ratio(busy, staffed, 100) };
    });
  }

  /** intervals.csv rows: per interval and contact, means per replication and pooled ratios. */
  intervalRows(): {
    interval: number;
    contact: string;
    offered: number;
    answered: number;
    abandoned: number;
    serviceLevelPct: number;
    meanAnswerSeconds: number;
    handlersStaffed: number;
    handlersBusy: number;
    repeatOffered: number;
    answeredWithinTargetPct: number;
    abandonedPct: number;
  }[] {
    const out = [];
    const n = this.count;
    const secs = this.shape.intervalSeconds;
    for (let i = 0; i < this.shape.intervalCount; i++) {
      // the last interval ends with the counted period, so it may be shorter
      const length = Math.min(secs, this.shape.countedSeconds - i * secs);
      for (let k = 0; k < this.shape.contacts.length; k++) {
        const v = this.intervals[k];
        const b = i * INTERVAL_FIELDS;
        let staffed = 0;
        let busy = 0;
        this.shape.groups.forEach((g, gi) => {
          if (g.answers.includes(k)) {
            staffed += this.staffed[gi][i];
            busy += this.busy[gi][i];
          }
        });
        out.push({
          interval: i,
          contact: this.shape.contacts[k].name,
          offered: v[b] / n,
          answered: v[b + 1] / n,
          abandoned: v[b + 2] / n,
          serviceLevelPct: ratio(v[b + 3], v[b], 100),
          meanAnswerSeconds: ratio(v[b + 4], v[b + 1]),
          handlersStaffed: staffed / length / n,
          handlersBusy: busy / length / n,
          repeatOffered: v[b + 5] / n,
          answeredWithinTargetPct: ratio(v[b + 3], v[b + 1], 100),
          abandonedPct: ratio(v[b + 2], v[b], 100),
        });
      }
    }
    return out;
  }

  /** Share of answered true-I calls graded lower, per replication (NaN where none). */
  iGradedLowerPct(): number[] {
    return this.gradingPerReplication.map(([n, lower]) => ratio(lower, n, 100));
  }

  /** Level names for report rows: the scenario's levels, then '' for handlers without one. */
  private levelName(level: number): string {
    return level < this.shape.levels.length ? this.shape.levels[level] : '';
  }

  /** triage.csv rows: answered calls by handler level, true grade and assigned grade (mean per replication). */
  triageRows(): { level: string; trueGrade: string; assignedGrade: string; calls: number; shareOfTrueGradePct: number }[] {
    const g = this.shape.grades.length;
    const out = [];
    for (let level = 0; level <= this.shape.levels.length; level++) {
      let any = 0;
      for (let i = 0; i < g * g; i++) any += this.triage[level * g * g + i];
      if (any === 0) continue;
      for (let t = 0; t < g; t++) {
        let rowTotal = 0;
        for (let a = 0; a < g; a++) rowTotal += this.triage[(level * g + t) * g + a];
        for (let a = 0; a < g; a++) {
          const n = this.triage[(level * g + t) * g + a];
          out.push({
            level: this.levelName(level),
            trueGrade: this.shape.grades[t],
            assignedGrade: this.shape.grades[a],
            calls: n / this.count,
            shareOfTrueGradePct: ratio(n, rowTotal, 100),
          });
        }
      }
    }
    return out;
  }

  /** grading.csv rows: per handler level and for all, how often grades were wrong, and true I calls graded lower. */
  gradingRows(): { level: string; gradedCalls: number; misgradedPct: number; underGradedPct: number; overGradedPct: number; trueICalls: number; trueIGradedLowerPct: number; trueIGradedLowerPctCi95: number | null }[] {
    const g = this.shape.grades.length;
    const row = (levels: number[], name: string, ci: { mean: number; halfWidth: number | null } | null) => {
      let total = 0, under = 0, over = 0, trueI = 0, iLower = 0;
      for (const level of levels) {
        for (let t = 0; t < g; t++) {
          for (let a = 0; a < g; a++) {
            const n = this.triage[(level * g + t) * g + a];
            total += n;
            if (a > t) under += n;
            if (a < t) over += n;
            if (t === 0) {
              trueI += n;
              if (a > 0) iLower += n;
            }
          }
        }
      }
      return {
        level: name,
        gradedCalls: total / this.count,
        misgradedPct: ratio(under + over, total, 100),
        underGradedPct: ratio(under, total, 100),
        overGradedPct: ratio(over, total, 100),
        trueICalls: trueI / this.count,
        trueIGradedLowerPct: ci ? ci.mean : ratio(iLower, trueI, 100),
        trueIGradedLowerPctCi95: ci ? ci.halfWidth : null,
        total,
      };
    };
    const levels = Array.from({ length: this.shape.levels.length + 1 }, (_, i) => i);
    const rows = levels.map((l) => row([l], this.levelName(l) || 'no level', null)).filter((r) => r.total > 0);
    if (rows.length === 0) return [];
    return [...rows, row(levels, 'all', pooled(this.iGradedLowerPct()))].map(({ total: _total, ...r }) => r);
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

  /** peel.csv rows: per month and contact, the Home Office bands as shares of answered calls. */
  peelRows(): {
    month: number;
    contact: string;
    offered: number;
    answered: number;
    abandoned: number;
    abandonedPct: number;
    answeredLt10sPct: number;
    answered10To60sPct: number;
    answeredGe60sPct: number;
    meanAnswerSeconds: number;
  }[] {
    const out = [];
    const n = this.count;
    for (let m = 0; m < this.shape.monthCount; m++) {
      for (let k = 0; k < this.shape.contacts.length; k++) {
        const v = this.months[k];
        const b = m * MONTH_FIELDS;
        out.push({
          month: m,
          contact: this.shape.contacts[k].name,
          offered: v[b] / n,
          answered: v[b + 1] / n,
          abandoned: v[b + 2] / n,
          abandonedPct: ratio(v[b + 2], v[b], 100),
          answeredLt10sPct: ratio(v[b + 3], v[b + 1], 100),
          answered10To60sPct: ratio(v[b + 4], v[b + 1], 100),
          answeredGe60sPct: ratio(v[b + 5], v[b + 1], 100),
          meanAnswerSeconds: ratio(v[b + 6], v[b + 1]),
        });
      }
    }
    return out;
  }
}

/** [true I calls answered, of those graded lower], all handler levels. */
function trueILower(shape: ReportShape, triage: ArrayLike<number>): [number, number] {
  const g = shape.grades.length;
  let trueI = 0;
  let lower = 0;
  for (let level = 0; level <= shape.levels.length; level++) {
    for (let a = 0; a < g; a++) {
      const n = triage[(level * g + 0) * g + a];
      trueI += n;
      if (a > 0) lower += n;
    }
  }
  return [trueI, lower];
}

function addInto(target: Float64Array, source: ArrayLike<number>): void {
  for (let i = 0; i < target.length; i++) target[i] += source[i];
}

function sum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}
