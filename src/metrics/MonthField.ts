/**
 * The fields a tally keeps per reporting month and contact type (the Home Office answer-time
 * bands of peel.csv), as offsets into the contact's flat per-month array: the value of field f
 * in month m is at m * MONTH_FIELDS + f. Calls count in the month in which they arrived.
 *
 * @example months[k][m * MONTH_FIELDS + MonthField.answeredLt10s] // answered in under 10 s
 */
export const MonthField = {
  offered: 0,
  answered: 1,
  abandoned: 2,
  /** Answered in under 10 seconds. */
  answeredLt10s: 3,
  /** Answered in 10 to 60 seconds (60 excluded). */
  answered10To60s: 4,
  /** Answered in 60 seconds or more. */
  answeredGe60s: 5,
  /** Sum of the answer times of answered calls, seconds. */
  answerSecondsSum: 6,
  /** Abandoned on the BT leg or within the short-abandon threshold of reaching the force. */
  abandonedShort: 7,
} as const;

/** Values per month in the per-month arrays. */
export const MONTH_FIELDS = Object.keys(MonthField).length;
