import { MONTH_FIELDS, MonthField } from './MonthField.js';
import { ratio } from './ratio.js';
import type { ReportShape } from './ReportShape.js';

/** One row of peel.csv: the Home Office answer-time bands as shares of answered calls. */
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
}

/** peel.csv rows from per-month tallies summed over `replications` replications: per month, then contact. */
export function peelRows(shape: ReportShape, months: readonly Float64Array[], replications: number): PeelRow[] {
  const out: PeelRow[] = [];
  const n = replications;
  const F = MonthField;
  for (let m = 0; m < shape.monthCount; m++) {
    for (let k = 0; k < shape.contacts.length; k++) {
      const v = months[k];
      const b = m * MONTH_FIELDS;
      out.push({
        month: m,
        contact: shape.contacts[k].name,
        offered: v[b + F.offered] / n,
        answered: v[b + F.answered] / n,
        abandoned: v[b + F.abandoned] / n,
        abandonedPct: ratio(v[b + F.abandoned], v[b + F.offered], 100),
        answeredLt10sPct: ratio(v[b + F.answeredLt10s], v[b + F.answered], 100),
        answered10To60sPct: ratio(v[b + F.answered10To60s], v[b + F.answered], 100),
        answeredGe60sPct: ratio(v[b + F.answeredGe60s], v[b + F.answered], 100),
        meanAnswerSeconds: ratio(v[b + F.answerSecondsSum], v[b + F.answered]),
      });
    }
  }
  return out;
}
