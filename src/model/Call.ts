import type { CallRecord, Outcome } from './records.js';
import type { ContactType } from './ContactType.js';
import type { Handler } from './HandlerGroup.js';

/**
 * One call on its journey: arrive, wait (or hang up), be answered, be handled, end.
 * The model mutates it while it is in the system and emits it, as a `CallRecord`, once
 * it has ended; after that nothing changes it.
 */
export class Call implements CallRecord {
  answeredAt = NaN;
  endedAt = NaN;
  outcome: Outcome = 'abandoned';
  waitSeconds = NaN;
  handlerGroup = '';
  /** Still waiting in a queue (false once answered or abandoned: lazy removal from the queue). */
  waiting = true;
  /** The handler answering it, while it is being handled. */
  handler: Handler | null = null;

  constructor(
    readonly replication: number,
    readonly callId: number,
    readonly type: ContactType,
    /** When the call started (see CallRecord.arrivedAt). */
    readonly arrivedAt: number,
    /** When it joined the force's queue (after any BT connect leg). */
    readonly queuedAt: number,
    readonly counted: boolean,
    /** The handling time an experienced handler would need, in seconds, drawn at arrival. */
    readonly baseHandlingSeconds: number,
    /** How long the caller will wait in the queue before hanging up; Infinity if never. */
    readonly patienceSeconds: number,
  ) {}

  get contact(): string {
    return this.type.name;
  }

  get contactIndex(): number {
    return this.type.index;
  }
}
