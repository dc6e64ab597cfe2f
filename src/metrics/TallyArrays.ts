import { INTERVAL_FIELDS } from './IntervalField.js';
import { MONTH_FIELDS } from './MonthField.js';
import type { ReportShape } from './ReportShape.js';
import { TriageMatrix } from './TriageMatrix.js';

/** The flat arrays a tally counts into (one replication's, or the sum over replications). */
export interface TallyArrays {
  /** [contact][interval * INTERVAL_FIELDS + IntervalField.x] */
  intervals: Float64Array[];
  /** [contact][month * MONTH_FIELDS + MonthField.x] */
  months: Float64Array[];
  /** [group][interval] handler-seconds staffed */
  staffed: Float64Array[];
  /** [group][interval] handler-seconds busy */
  busy: Float64Array[];
  /** Answered calls laid out by TriageMatrix. */
  triage: Float64Array;
}

/** The per-interval, per-month, per-group and triage arrays of a tally, all zero. */
export function emptyTallyArrays(shape: ReportShape): TallyArrays {
  return {
    intervals: shape.contacts.map(() => new Float64Array(shape.intervalCount * INTERVAL_FIELDS)),
    months: shape.contacts.map(() => new Float64Array(shape.monthCount * MONTH_FIELDS)),
    staffed: shape.groups.map(() => new Float64Array(shape.intervalCount)),
    busy: shape.groups.map(() => new Float64Array(shape.intervalCount)),
    triage: new Float64Array(new TriageMatrix(shape).size),
  };
}
