import type { CallRecord, CallSource, Outcome } from './records.js';
import type { ContactType } from './ContactType.js';
import type { Handler } from './HandlerGroup.js';

/**
 * One call on its journey: arrive (BT connects it), reach the force's queue, wait (or hang
 * up), be answered and graded, be handled, end. The model mutates it while it is in the
 * system and emits it, as a `CallRecord`, once it has ended; after that nothing changes it.
 */
export class Call implements CallRecord {
  answeredAt = NaN;
  endedAt = NaN;
  outcome: Outcome = 'abandoned';
  waitSeconds = NaN;
  handlerGroup = '';
  assignedGrade = -1;
  handlerLevel = -1;
  shift = '';
  /** Still waiting (false once answered or abandoned: lazy removal from the queue). */
  waiting = true;
  /** The handler answering it, while it is being handled. */
  handler: Handler | null = null;
  /** When it joined the force's queue (after any BT connect leg). */
  queuedAt: number;

  constructor(
    readonly replication: number,
    readonly callId: number,
    readonly type: ContactType,
    /** When the call started (see CallRecord.arrivedAt). */
    readonly arrivedAt: number,
    readonly counted: boolean,
    /** The handling time a handler with multiplier 1 would need, seconds, drawn at arrival. */
    readonly baseHandlingSeconds: number,
    /** How long the caller will wait, from arrivedAt, before hanging up; Infinity if never. */
    readonly patienceSeconds: number,
    readonly source: CallSource,
    readonly redialOf: number,
    readonly trueGrade: number,
    /** Recognised as having no policing purpose and redirected (graded 'none' without error). */
    readonly redirected: boolean,
  ) {
    this.queuedAt = arrivedAt;
  }

  get contact(): string {
    return this.type.name;
  }

  get contactIndex(): number {
    return this.type.index;
  }
}
