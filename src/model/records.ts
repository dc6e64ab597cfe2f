/**
 * The flat records the model emits; metrics and reports depend on these types only.
 * Points on the clock are `...At` (seconds since the simulation started, warm-up included),
 * durations are `...Seconds`.
 */

/** How a call ended. */
export type Outcome = 'answered' | 'abandoned';

/** Where a call came from: a first attempt, a redial after hanging up, a caller who switched contact type, or a call-back task. */
export type CallSource = 'new' | 'redial' | 'switched' | 'call_back';

/** One call (or online contact, or call-back task), emitted once when it ends. */
export interface CallRecord {
  readonly replication: number;
  /** Unique within a replication, in order of arrival. */
  readonly callId: number;
  /** Contact type name, e.g. '999'. */
  readonly contact: string;
  /** Index of the contact type in the scenario's order. */
  readonly contactIndex: number;
  /** When the call started, for 999 calls BT's connection to the force (the Home Office clock start). */
  readonly arrivedAt: number;
  /** When a handler answered it; NaN if abandoned. */
  readonly answeredAt: number;
  /** When handling ended or the caller hung up. */
  readonly endedAt: number;
  readonly outcome: Outcome;
  /** Answer time: answeredAt - arrivedAt, or time to hang-up for abandoned calls. */
  readonly waitSeconds: number;
  /** The group that answered it; '' if abandoned. */
  readonly handlerGroup: string;
  /** True if it arrived in the counted period (after the warm-up, before the horizon's end). */
  readonly counted: boolean;
  readonly source: CallSource;
  /** The call this one follows (redial, switch or call-back); -1 for a first attempt. */
  readonly redialOf: number;
  /**
   * Who is calling, the same in every scenario run from the same seed (common random numbers):
   * the arrival stream the caller first came from ('999', 'incident-0-3', ...), the caller's
   * number in it (from 0), and which attempt this is (0 the first; each redial, switch or
   * call-back adds 1). Every random draw about the call is keyed by these three and a purpose.
   */
  readonly origin: string;
  readonly serial: number;
  readonly attempt: number;
  /** The caller's draws: handling time at multiplier 1 (after any redirect), patience (Infinity: never hangs up) and BT leg, seconds. */
  readonly baseHandlingSeconds: number;
  readonly patienceSeconds: number;
  readonly btLegSeconds: number;
  /** True grade index (into GRADES), -1 if the contact type has no grades. */
  readonly trueGrade: number;
  /** Grade the handler assigned, -1 if not answered or no grades. */
  readonly assignedGrade: number;
  /** Training level index of the answering handler, -1 if none or not answered. */
  readonly handlerLevel: number;
  /** Shift of the answering handler ('' for constant staff or not answered). */
  readonly shift: string;
  /**
   * The answering handler's group, training level and shift as one number, given within the
   * replication in order of first use; -1 if not answered. A record made by hand may leave it
   * out: the tally then finds who answered by the three names. A record that carries it must
   * carry the names it was given for (a copy of a call with its names changed must drop it),
   * and a tally takes records of one replication only: it finds the cell by the number alone.
   */
  readonly staffingKey?: number;
}

/** Time-averaged staffing of one handler group over one reporting interval of the counted period. */
export interface HandlerIntervalRecord {
  readonly replication: number;
  /** Index of the interval within the counted period (0 = the first interval after warm-up). */
  readonly interval: number;
  readonly groupIndex: number;
  /** Handler-seconds on duty during the interval. */
  readonly staffedSeconds: number;
  /** Handler-seconds busy with calls during the interval. */
  readonly busySeconds: number;
}
