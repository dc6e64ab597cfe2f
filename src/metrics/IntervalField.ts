/**
 * The fields a tally keeps per interval and contact type, as offsets into the contact's flat
 * per-interval array: the value of field f in interval i is at i * INTERVAL_FIELDS + f.
 * Calls count in the interval in which they arrived.
 *
 * @example intervals[k][i * INTERVAL_FIELDS + IntervalField.answered] // calls answered
 */
export const IntervalField = {
  offered: 0,
  answered: 1,
  abandoned: 2,
  answeredWithinTarget: 3,
  /** Sum of the answer times of answered calls, seconds. */
  answerSecondsSum: 4,
  /** Offered calls that were redials, switches or call-backs (source other than 'new'). */
  repeatOffered: 5,
  /** Abandoned calls whose callers hung up on the BT leg or within the short-abandon threshold of reaching the force. */
  abandonedShort: 6,
} as const;

/** Values per interval in the per-interval arrays. */
export const INTERVAL_FIELDS = Object.keys(IntervalField).length;
