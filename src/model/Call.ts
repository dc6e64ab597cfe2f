import type { CallRecord, CallSource, Outcome } from './records.js';
import type { ContactType } from './ContactType.js';
import type { Handler } from './Handler.js';
import type { Origin } from './arrivals/Origin.js';

/**
 * Call: one call on its journey: arrive (BT connects it), reach the force's queue, wait (or hang
 * up), be answered and graded, be handled, end. Everything random about the caller is drawn when
 * it arrives (see `arrive`) and kept here; the model fills in what happens to it while it is in
 * the system and emits it, as a `CallRecord`, once it has ended. After that nothing changes it.
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
  /** In its contact type's queue, waiting for a handler (not on the BT leg, not answered). */
  inQueue = false;
  /** The handler answering it, while it is being handled. */
  handler: Handler | null = null;
  /** When it joined the force's queue (after any BT connect leg). */
  queuedAt: number;
  // the caller's draws, made on arrival (see `arrive`)
  trueGrade = -1;
  /** Recognised as having no policing purpose and redirected (graded 'none' without error). */
  redirected = false;
  baseHandlingSeconds = 0;
  /** How long the caller will wait, from arrivedAt, before hanging up; Infinity if never. */
  patienceSeconds = Infinity;
  btLegSeconds = 0;
  /** Uniforms that decide a misgrade (below the level's probability) and its direction (below the under-grade share). */
  misgradeU = 1;
  underGradeU = 1;
  /** Uniforms that decide, after a hang-up, redial or switch (cumulative probabilities) and, failing both, a call-back. */
  retryU = 1;
  callBackU = 1;

  constructor(
    readonly replication: number,
    readonly callId: number,
    readonly type: ContactType,
    /** When the call started (see CallRecord.arrivedAt). */
    readonly arrivedAt: number,
    readonly counted: boolean,
    readonly source: CallSource,
    readonly redialOf: number,
    /** The arrival stream the caller first came from, their number in it, and this attempt. */
    readonly from: Origin,
    readonly serial: number,
    readonly attempt: number,
  ) {
    this.queuedAt = arrivedAt;
  }

  get contact(): string {
    return this.type.name;
  }

  get contactIndex(): number {
    return this.type.index;
  }

  get origin(): string {
    return this.from.name;
  }
}
