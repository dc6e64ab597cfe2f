import type { CallRecord, CallSource, Outcome } from './records.js';
import type { ContactType } from './ContactType.js';
import type { Handler } from './Handler.js';
import type { Origin } from './arrivals/Origin.js';

/**
 * Call: one call on its journey: arrive (BT connects it), reach the force's queue, wait (or hang
 * up), be answered and graded, be handled, end. Everything random about the caller is drawn when
 * it arrives (see `arrive`) and kept here; the model fills in what happens to it while it is in
 * the system and emits it, as a `CallRecord`, once it has ended. After that nothing changes it,
 * unless the run recycles its calls (`Centre.recycle`): then, once nothing names it any more
 * (`refs`), it is reset for a later caller, and a consumer must read it while it is handed on.
 *
 * Every number field starts as a number (never `undefined`), and `reset` writes every field in
 * the same order: V8 then keeps the doubles in mutable boxes written in place, so a recycled call
 * costs no allocation at all (a new one costs about 450 bytes, a dozen of them boxes).
 */
export class Call implements CallRecord {
  replication = 0;
  callId = 0;
  type: ContactType;
  /** When the call started (see CallRecord.arrivedAt). */
  arrivedAt = 0.5;
  counted = false;
  source: CallSource = 'new';
  redialOf = 0;
  /** The arrival stream the caller first came from, their number in it, and this attempt. */
  from: Origin;
  serial = 0;
  attempt = 0;
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
  queuedAt = 0.5;
  // the caller's draws, made on arrival (see `arrive`)
  trueGrade = -1;
  /** Recognised as having no policing purpose and redirected (graded 'none' without error). */
  redirected = false;
  baseHandlingSeconds = 0.5;
  /** How long the caller will wait, from arrivedAt, before hanging up; Infinity if never. */
  patienceSeconds = Infinity;
  btLegSeconds = 0.5;
  /** Uniforms that decide a misgrade (below the level's probability) and its direction (below the under-grade share). */
  misgradeU = 0.5;
  underGradeU = 0.5;
  /** Uniforms that decide, after a hang-up, redial or switch (cumulative probabilities) and, failing both, a call-back. */
  retryU = 0.5;
  callBackU = 0.5;
  /**
   * What still names the call: its pending calendar events, its queue entries, pending retries,
   * and 1 from arrival until it has ended and been handed on (`journey/refs.ts`).
   */
  refs = 1;

  constructor(replication: number, callId: number, type: ContactType, arrivedAt: number, counted: boolean, source: CallSource, redialOf: number, from: Origin, serial: number, attempt: number) {
    this.type = type;
    this.from = from;
    this.reset(replication, callId, type, arrivedAt, counted, source, redialOf, from, serial, attempt);
  }

  /** Make this a new call: every field as the constructor leaves it. */
  reset(replication: number, callId: number, type: ContactType, arrivedAt: number, counted: boolean, source: CallSource, redialOf: number, from: Origin, serial: number, attempt: number): this {
    this.replication = replication;
    this.callId = callId;
    this.type = type;
    this.arrivedAt = arrivedAt;
    this.counted = counted;
    this.source = source;
    this.redialOf = redialOf;
    this.from = from;
    this.serial = serial;
    this.attempt = attempt;
    this.answeredAt = NaN;
    this.endedAt = NaN;
    this.outcome = 'abandoned';
    this.waitSeconds = NaN;
    this.handlerGroup = '';
    this.assignedGrade = -1;
    this.handlerLevel = -1;
    this.shift = '';
    this.waiting = true;
    this.inQueue = false;
    this.handler = null;
    this.queuedAt = arrivedAt;
    this.trueGrade = -1;
    this.redirected = false;
    this.baseHandlingSeconds = 0;
    this.patienceSeconds = Infinity;
    this.btLegSeconds = 0;
    this.misgradeU = 1;
    this.underGradeU = 1;
    this.retryU = 1;
    this.callBackU = 1;
    this.refs = 1;
    return this;
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
