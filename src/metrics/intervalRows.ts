import { INTERVAL_FIELDS, IntervalField } from './IntervalField.js';
import { ratio } from './ratio.js';
import type { ReportShape } from './ReportShape.js';
import type { TallyArrays } from './TallyArrays.js';

/** One row of intervals.csv: counts are means per replication, percentages pooled ratios. */
export interface IntervalRow {
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
  abandonedShort: number;
  abandonedAfterWait: number;
}

/** intervals.csv rows from tallies summed over `replications` replications: per interval, then contact. */
export function intervalRows(shape: ReportShape, tallies: Pick<TallyArrays, 'intervals' | 'staffed' | 'busy'>, replications: number): IntervalRow[] {
  const out: IntervalRow[] = [];
  const n = replications;
  const secs = shape.intervalSeconds;
  const F = IntervalField;
  for (let i = 0; i < shape.intervalCount; i++) {
    // the last interval ends with the counted period, so it may be shorter
    const length = Math.min(secs, shape.countedSeconds - i * secs);
    for (let k = 0; k < shape.contacts.length; k++) {
      const v = tallies.intervals[k];
      const b = i * INTERVAL_FIELDS;
      let staffed = 0;
      let busy = 0;
      shape.groups.forEach((g, gi) => {
        if (g.answers.includes(k)) {
          staffed += tallies.staffed[gi][i];
          busy += tallies.busy[gi][i];
        }
      });
      out.push({
        interval: i,
        contact: shape.contacts[k].name,
        offered: v[b + F.offered] / n,
        answered: v[b + F.answered] / n,
        abandoned: v[b + F.abandoned] / n,
        serviceLevelPct: ratio(v[b + F.answeredWithinTarget], v[b + F.offered], 100),
        meanAnswerSeconds: ratio(v[b + F.answerSecondsSum], v[b + F.answered]),
        handlersStaffed: staffed / length / n,
        handlersBusy: busy / length / n,
        repeatOffered: v[b + F.repeatOffered] / n,
        answeredWithinTargetPct: ratio(v[b + F.answeredWithinTarget], v[b + F.answered], 100),
        abandonedPct: ratio(v[b + F.abandoned], v[b + F.offered], 100),
        abandonedShort: v[b + F.abandonedShort] / n,
        abandonedAfterWait: (v[b + F.abandoned] - v[b + F.abandonedShort]) / n,
      });
    }
  }
  return out;
}
