import { Leaving, type Handler } from './Handler.js';
import type { HandlerGroup } from './HandlerGroup.js';
import type { Level } from './roster/Level.js';

/** Room for this many handlers at first; the typed arrays double when full. */
const INITIAL_HANDLERS = 64;

/**
 * HandlerTable: what a call's answer and release read and write of the handlers of one
 * replication, by handler number (`Handler.id`), in typed arrays and packed arrays side by side,
 * not in the handler objects.
 *
 * Why: with thousands of handlers, the handler a release frees has seldom been touched since it
 * answered, some thousands of calls before. A handler object spanned 12 fields of 8 bytes (Node's
 * V8 keeps no compressed pointers) and cache lines of its own; 5,000 of them did not stay in the
 * caches, and each release missed one. The state below is a few bytes a handler, dense: a
 * plain-JS loop given the model's handler objects cost 25-35% more a call with 5,000 handlers
 * than with 50, and 12-16% with the same state kept like this (README, Speed).
 *
 * The roster still speaks of `Handler` objects (shifts, breaks, levels, people); their
 * `onDuty`, `busy` and `leaving` read and write through to this table, and `setLevel` writes
 * through to it.
 *
 * A number is given when a handler is made and taken back when its spell is over for good
 * (`Handler.retire`: shift over, off duty, not busy, not leaving), to be given to a later
 * handler: so the table grows with the handlers there are at once, not with every shift of a
 * long run. A number given again starts a new idle epoch, so that any entry of the old holder
 * still in an idle line is stale.
 */
export class HandlerTable {
  /** Rows ever given a number (retired ones included): the table's size. */
  rows = 0;
  /** On shift and not on a break (1), or not (0). */
  onDuty = new Uint8Array(INITIAL_HANDLERS);
  /** Answering a call now (1), or not (0). */
  busy = new Uint8Array(INITIAL_HANDLERS);
  /** Why the handler will stop answering once the call in hand ends (`Leaving`). */
  leaving = new Uint8Array(INITIAL_HANDLERS);
  /**
   * Bumped each time the handler joins its group's idle line, and when its number is given
   * again: older entries in an idle line are stale (doubles: may pass 2^31).
   */
  idleEpoch = new Float64Array(INITIAL_HANDLERS);
  /**
   * Each handler's staffing key (`staffingKeyOf`), -1 until its first answer since it was given
   * its number (`add` writes the -1) or changed level.
   */
  staffingKey = new Int32Array(INITIAL_HANDLERS);
  /** Each handler's group, training level (null: the group has no training mix) and shift name. */
  readonly group: HandlerGroup[] = [];
  readonly level: (Level | null)[] = [];
  readonly shift: string[] = [];
  /**
   * The handlers due to leave (`leaving` not `No`), by number: the roster sends them off when
   * their call ends. Only these objects are held here.
   */
  private readonly leavers = new Map<number, Handler>();
  /** Retired numbers, to be given again (last retired, first given). */
  private retired = new Int32Array(INITIAL_HANDLERS);
  private retiredCount = 0;
  /** The staffing keys given so far, by group, level and shift. */
  private readonly staffingKeys = new Map<string, number>();

  /** A number for a new handler of `group`: off duty, free, not leaving. */
  add(group: HandlerGroup, level: Level | null, shift: string): number {
    let id: number;
    if (this.retiredCount > 0) {
      id = this.retired[--this.retiredCount];
      this.idleEpoch[id]++;
    } else {
      id = this.rows++;
      if (id === this.onDuty.length) this.grow();
    }
    this.group[id] = group;
    this.level[id] = level;
    this.shift[id] = shift;
    this.staffingKey[id] = -1;
    return id;
  }

  /** Handler number `id` moves to training level `level`. */
  setLevel(id: number, level: Level): void {
    this.level[id] = level;
    this.staffingKey[id] = -1;
  }

  /**
   * Handler `h`'s staffing key: a number for its group, training level and shift together, the
   * same for every handler of the replication who shares all three, given in order of first
   * use. A call carries it (`CallRecord.staffingKey`) so that the tally finds the cell of who
   * answered by number: found by the three names, it cost two Map lookups for most answered
   * calls (the handlers of a year's baseline answer under 54 such keys, one call after another
   * seldom under the same one).
   */
  staffingKeyOf(h: number): number {
    const known = this.staffingKey[h];
    if (known >= 0) return known;
    const level = this.level[h];
    const name = `${this.group[h].index}|${level === null ? -1 : level.index}|${this.shift[h]}`;
    let key = this.staffingKeys.get(name);
    if (key === undefined) this.staffingKeys.set(name, (key = this.staffingKeys.size));
    this.staffingKey[h] = key;
    return key;
  }

  /**
   * Handler number `id`'s spell is over for good (off duty, not busy, not leaving): its number
   * may be given again. Called once a handler, through `Handler.retire`.
   */
  retire(id: number): void {
    if (this.onDuty[id] !== 0 || this.busy[id] !== 0 || this.leaving[id] !== Leaving.No) {
      throw new Error(`HandlerTable.retire: handler ${id} is still on duty, busy or leaving`);
    }
    this.retired[this.retiredCount++] = id;
  }

  /** Handler `h` will stop answering once the call in hand ends, for reason `why` (or not: `Leaving.No`). */
  setLeaving(h: Handler, why: Leaving): void {
    this.leaving[h.id] = why;
    if (why === Leaving.No) this.leavers.delete(h.id);
    else this.leavers.set(h.id, h);
  }

  /** Handler number `id` if it is due to leave (its `leaving` is not `No`), else undefined. */
  leaver(id: number): Handler | undefined {
    return this.leavers.get(id);
  }

  /** Twice the room in the typed arrays, each row kept. */
  private grow(): void {
    const n = 2 * this.onDuty.length;
    const onDuty = new Uint8Array(n);
    const busy = new Uint8Array(n);
    const leaving = new Uint8Array(n);
    const idleEpoch = new Float64Array(n);
    const staffingKey = new Int32Array(n);
    const retired = new Int32Array(n);
    onDuty.set(this.onDuty);
    busy.set(this.busy);
    leaving.set(this.leaving);
    idleEpoch.set(this.idleEpoch);
    staffingKey.set(this.staffingKey);
    retired.set(this.retired);
    this.onDuty = onDuty;
    this.busy = busy;
    this.leaving = leaving;
    this.idleEpoch = idleEpoch;
    this.staffingKey = staffingKey;
    this.retired = retired;
  }
}
