import type { WaitHistogram } from './WaitHistogram.js';

/** Per-contact totals of one replication (counted calls only). */
export interface ContactTotals {
  offered: number;
  answered: number;
  abandoned: number;
  /** Of the abandoned, those who hung up on the BT leg or within the short-abandon threshold of reaching the force. */
  abandonedShort: number;
  answeredWithinTarget: number;
  /** Sum of the answer times of answered calls, seconds. */
  answerSecondsSum: number;
  /** Answer times of answered calls. */
  waits: WaitHistogram;
}

/** Everything the reports need from one replication: mergeable and serialisable. */
export interface ReplicationResult {
  replication: number;
  seed: number;
  events: { arrivals: number; answers: number; serviceEnds: number; abandonments: number };
  calendarEvents: number;
  contacts: ContactTotals[];
  /** [contact][interval * INTERVAL_FIELDS + IntervalField.x] */
  intervals: Float64Array[];
  /** [contact][month * MONTH_FIELDS + MonthField.x] */
  months: Float64Array[];
  /** [group] handler-seconds staffed and busy per interval */
  groups: { staffedSeconds: Float64Array; busySeconds: Float64Array }[];
  /** Answered calls laid out by TriageMatrix (handler level x true grade x assigned grade). */
  triage: Float64Array;
  /** Answered calls and busy seconds by 'group|shift|level' (counted calls). */
  staffing: Record<string, [answered: number, busySeconds: number]>;
}
