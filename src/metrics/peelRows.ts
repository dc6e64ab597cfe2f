import { MONTH_FIELDS, MonthField as F } from './MonthField.js';
import type { ReportShape } from './ReportShape.js';
import { ratioOfSums } from './confidence.js';

/** One row of peel.csv: a month (-1: the whole period) and contact type, with half-widths. */
export interface PeelRow {
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
  abandonedPctCi95: number | null;
  answeredLt10sPctCi95: number | null;
  answered10To60sPctCi95: number | null;
  answeredGe60sPctCi95: number | null;
  meanAnswerSecondsCi95: number | null;
  /** Abandoned on the BT leg or within the short-abandon threshold; the rest, after a wait (means per replication). */
  abandonedShort: number;
  abandonedAfterWait: number;
  abandonedAfterWaitPct: number;
  abandonedAfterWaitPctCi95: number | null;
}

/**
 * peel.csv rows: per month and contact type, the Home Office bands as shares of answered
 * calls, then one row per contact type for the whole period (month -1). Counts are means per
 * replication; each share pools the replications' calls, and its half-width is that of a ratio
 * of sums over replications (delta method, at `confidence`).
 *
 * @param months each replication's per-contact month arrays ([replication][contact][month * MONTH_FIELDS + field])
 */
export function peelRows(shape: ReportShape, months: readonly (readonly Float64Array[])[], confidence = 0.95): PeelRow[] {
  const out: PeelRow[] = [];
  const n = months.length;
  const count = shape.monthCount;
  for (let m = 0; m <= count; m++) {
    const [from, to] = m === count ? [0, count] : [m, m + 1];
    for (let k = 0; k < shape.contacts.length; k++) {
      const per = months.map((rm) => {
        const f = new Float64Array(MONTH_FIELDS);
        for (let mm = from; mm < to; mm++) for (let j = 0; j < MONTH_FIELDS; j++) f[j] += rm[k][mm * MONTH_FIELDS + j];
        return f;
      });
      const field = (j: number) => per.map((f) => f[j]);
      const total = (j: number) => field(j).reduce((a, b) => a + b, 0);
      const share = (j: number, den: number, scale = 100) => ratioOfSums(field(j), field(den), scale, confidence);
      const abandoned = share(F.abandoned, F.offered);
      const afterWait = ratioOfSums(
        per.map((f) => f[F.abandoned] - f[F.abandonedShort]),
        field(F.offered),
        100,
        confidence,
      );
      const lt10 = share(F.answeredLt10s, F.answered);
      const mid = share(F.answered10To60s, F.answered);
      const ge60 = share(F.answeredGe60s, F.answered);
      const asa = share(F.answerSecondsSum, F.answered, 1);
      out.push({
        month: m === count ? -1 : m,
        contact: shape.contacts[k].name,
        offered: total(F.offered) / n,
        answered: total(F.answered) / n,
        abandoned: total(F.abandoned) / n,
        abandonedPct: abandoned.value,
        answeredLt10sPct: lt10.value,
        answered10To60sPct: mid.value,
        answeredGe60sPct: ge60.value,
        meanAnswerSeconds: asa.value,
        abandonedPctCi95: abandoned.halfWidth,
        answeredLt10sPctCi95: lt10.halfWidth,
        answered10To60sPctCi95: mid.halfWidth,
        answeredGe60sPctCi95: ge60.halfWidth,
        meanAnswerSecondsCi95: asa.halfWidth,
        abandonedShort: total(F.abandonedShort) / n,
        abandonedAfterWait: (total(F.abandoned) - total(F.abandonedShort)) / n,
        abandonedAfterWaitPct: afterWait.value,
        abandonedAfterWaitPctCi95: afterWait.halfWidth,
      });
    }
  }
  return out;
}
