/** What the folds need to know about the run's shape (no engine, no model). */
export interface ReportShape {
  contacts: readonly { name: string; targetSeconds: number }[];
  groups: readonly { name: string; answers: readonly number[] }[];
  /** Training level names (CallRecord.handlerLevel indexes them). */
  levels: readonly string[];
  /** Grade names (CallRecord.trueGrade / assignedGrade index them). */
  grades: readonly string[];
  warmupSeconds: number;
  intervalSeconds: number;
  intervalCount: number;
  /** Length of the counted period (the last interval may be shorter than intervalSeconds). */
  countedSeconds: number;
  monthCount: number;
  /** An abandoned call is short if its caller hung up on the BT leg or within this long of reaching the force. */
  shortAbandonSeconds: number;
  /** Reporting month of a counted instant (seconds since the clock started). */
  monthOf(atSeconds: number): number;
}
