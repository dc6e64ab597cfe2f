import type { CallRecord, CallSource, Outcome } from './records.js';
import type { ContactType } from './ContactType.js';
import type { Origin } from './arrivals/Origin.js';

/**
 * Call: one call on its journey: arrive (BT connects it), reach the force's queue, wait (or hang
 * up), be answered and graded, be handled, end. Everything random about the caller is drawn when
 * it arrives (see `arrive`) and kept here, except what they do after hanging up, which `retry`
 * draws then; the model fills in what happens to it while it is in the system and emits it, as
 * a `CallRecord`, once it has ended. After that nothing changes it, unless the run recycles its
 * calls (`Centre.recycle`): then, once nothing names it any more (`refs`), it is reset for a later
 * caller, and a consumer must read it while it is handed on.
 *
 * Its eight times and draws (doubles) live side by side in a shared Float64Array, 8 slots (64
 * bytes) a call, not in the object: V8 would box each double field in a heap number of its own,
 * scattered over the heap, so a call would span a dozen scattered cache lines instead of a few
 * adjacent ones (its object, and its 64 bytes of doubles). With thousands of calls in hand at
 * once (5,000 handlers) those misses were most of the extra cost per call. The accessors below
 * read and write them; the answer time and the time it reached the queue are worked out from
 * them (the same doubles as the sums the model once stored, which were 16 bytes more a call).
 * So a call's own fields hold none of its times: copy a record field by field (`{ ...call }`,
 * `structuredClone` or `toEqual` between two calls see none of them).
 */
const STRIDE = 8;
/** Calls per chunk of doubles: a chunk is 64 KiB and lives as long as any call in it. */
const CHUNK_CALLS = 1024;
let chunk = new Float64Array(STRIDE * CHUNK_CALLS);
let chunkUsed = 0;

// the doubles' places within a call's 8 (the first four are what release and the tally read)
const ARRIVED_AT = 0;
const ANSWERED_AT = 1;
const ENDED_AT = 2;
const BT_LEG_SECONDS = 3;
const BASE_HANDLING_SECONDS = 4;
const PATIENCE_SECONDS = 5;
const MISGRADE_U = 6;
const UNDER_GRADE_U = 7;

// The fields' initial values below are what `reset` writes again for a reused call: declared
// with a value of their own type (never a bare declaration, which TypeScript's class fields
// would start as undefined, making V8 keep them untyped).
export class Call implements CallRecord {
  // The fields a release reads and writes come first (its doubles, the handler, the outcome, the
  // references, and `waiting`, which a lapsed hang-up or a queue's lazy removal reads): Node's V8
  // keeps every field in 8 bytes (no pointer compression), a call's object spans some four
  // cache lines, and with thousands of handlers the call a release ends has seldom been touched
  // since it was answered; together they fall in one line or two.
  /** The chunk holding this call's doubles, and where they start in it. */
  private readonly doubles: Float64Array;
  private readonly base: number;
  /**
   * What still names the call: its pending calendar events, its queue entries, pending retries,
   * and 1 from arrival until it has ended and been handed on (`journey/refs.ts`).
   */
  refs = 1;
  /** Still waiting (false once answered or abandoned: lazy removal from the queue). */
  waiting = true;
  /** The number of the handler answering it (`HandlerTable`), while it is being handled; -1 else. */
  handlerId = -1;
  outcome: Outcome = 'abandoned';
  type: ContactType;
  /** In its contact type's queue, waiting for a handler (not on the BT leg, not answered). */
  inQueue = false;
  replication = 0;
  callId = 0;
  counted = false;
  source: CallSource = 'new';
  redialOf = 0;
  /** The arrival stream the caller first came from, their number in it, and this attempt. */
  from: Origin;
  serial = 0;
  attempt = 0;
  handlerGroup = '';
  assignedGrade = -1;
  handlerLevel = -1;
  shift = '';
  staffingKey = -1;
  // the caller's draws, made on arrival (see `arrive`)
  trueGrade = -1;
  /** Recognised as having no policing purpose and redirected (graded 'none' without error). */
  redirected = false;
  /**
   * The calendar's slot of its pending hang-up while queued (`enqueue`), taken off if it is
   * answered first; -1 else. (Last: a field before the others would move them.)
   */
  patienceSlot = -1;

  constructor(replication: number, callId: number, type: ContactType, arrivedAt: number, counted: boolean, source: CallSource, redialOf: number, from: Origin, serial: number, attempt: number) {
    if (chunkUsed === CHUNK_CALLS) {
      chunk = new Float64Array(STRIDE * CHUNK_CALLS);
      chunkUsed = 0;
    }
    this.doubles = chunk;
    this.base = STRIDE * chunkUsed++;
    this.type = type;
    this.from = from;
    this.reset(replication, callId, type, arrivedAt, counted, source, redialOf, from, serial, attempt);
  }

  /** Make this a new call: every field as the constructor leaves it. */
  reset(replication: number, callId: number, type: ContactType, arrivedAt: number, counted: boolean, source: CallSource, redialOf: number, from: Origin, serial: number, attempt: number): this {
    this.replication = replication;
    this.callId = callId;
    this.type = type;
    this.counted = counted;
    this.source = source;
    this.redialOf = redialOf;
    this.from = from;
    this.serial = serial;
    this.attempt = attempt;
    this.outcome = 'abandoned';
    this.handlerGroup = '';
    this.assignedGrade = -1;
    this.handlerLevel = -1;
    this.shift = '';
    this.staffingKey = -1;
    this.waiting = true;
    this.inQueue = false;
    this.patienceSlot = -1;
    this.handlerId = -1;
    this.trueGrade = -1;
    this.redirected = false;
    this.refs = 1;
    const d = this.doubles;
    const b = this.base;
    d[b + ARRIVED_AT] = arrivedAt;
    d[b + ANSWERED_AT] = NaN;
    d[b + ENDED_AT] = NaN;
    d[b + BT_LEG_SECONDS] = 0;
    d[b + BASE_HANDLING_SECONDS] = 0;
    d[b + PATIENCE_SECONDS] = Infinity;
    d[b + MISGRADE_U] = 1;
    d[b + UNDER_GRADE_U] = 1;
    return this;
  }

  /** When the call started (see CallRecord.arrivedAt). */
  get arrivedAt(): number {
    return this.doubles[this.base + ARRIVED_AT];
  }
  get answeredAt(): number {
    return this.doubles[this.base + ANSWERED_AT];
  }
  set answeredAt(v: number) {
    this.doubles[this.base + ANSWERED_AT] = v;
  }
  get endedAt(): number {
    return this.doubles[this.base + ENDED_AT];
  }
  set endedAt(v: number) {
    this.doubles[this.base + ENDED_AT] = v;
  }
  /** Answer time (answeredAt - arrivedAt), or time to hang up (endedAt - arrivedAt); NaN until either. */
  get waitSeconds(): number {
    const d = this.doubles;
    const b = this.base;
    const answeredAt = d[b + ANSWERED_AT];
    return (answeredAt === answeredAt ? answeredAt : d[b + ENDED_AT]) - d[b + ARRIVED_AT];
  }
  /** When it reached the force's queue (after any BT connect leg). */
  get queuedAt(): number {
    return this.doubles[this.base + ARRIVED_AT] + this.doubles[this.base + BT_LEG_SECONDS];
  }
  get btLegSeconds(): number {
    return this.doubles[this.base + BT_LEG_SECONDS];
  }
  set btLegSeconds(v: number) {
    this.doubles[this.base + BT_LEG_SECONDS] = v;
  }
  get baseHandlingSeconds(): number {
    return this.doubles[this.base + BASE_HANDLING_SECONDS];
  }
  set baseHandlingSeconds(v: number) {
    this.doubles[this.base + BASE_HANDLING_SECONDS] = v;
  }
  /** How long the caller will wait, from arrivedAt, before hanging up; Infinity if never. */
  get patienceSeconds(): number {
    return this.doubles[this.base + PATIENCE_SECONDS];
  }
  set patienceSeconds(v: number) {
    this.doubles[this.base + PATIENCE_SECONDS] = v;
  }
  /** Uniforms that decide a misgrade (below the level's probability) and its direction (below the under-grade share). */
  get misgradeU(): number {
    return this.doubles[this.base + MISGRADE_U];
  }
  set misgradeU(v: number) {
    this.doubles[this.base + MISGRADE_U] = v;
  }
  get underGradeU(): number {
    return this.doubles[this.base + UNDER_GRADE_U];
  }
  set underGradeU(v: number) {
    this.doubles[this.base + UNDER_GRADE_U] = v;
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
