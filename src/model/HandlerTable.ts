import { Leaving, type Handler } from './Handler.js';
import type { HandlerGroup } from './HandlerGroup.js';
import type { Level } from './roster/Level.js';

/**
 * HandlerTable: what a call's answer and release read and write of the handlers of one
 * replication, by handler number (`Handler.id`), in typed arrays and packed arrays side by side,
 * not in the handler objects. A handler's number is given when it is made and never reused.
 *
 * Why: with thousands of handlers, the handler a release frees has seldom been touched since it
 * answered, some thousands of calls before. A handler object spans 12 fields of 8 bytes (Node's
 * V8 keeps no compressed pointers) and its own cache lines; 5,000 of them did not stay in the
 * caches, and each release missed one. The state below is a few bytes a handler, dense: a
 * plain-JS loop given the model's handler objects cost 25-35% more a call with 5,000 handlers
 * than with 50, and 12-16% with the same state kept like this (README, Speed).
 *
 * The roster still speaks of `Handler` objects (shifts, breaks, levels, people); their
 * `onDuty`, `busy`, `leaving` and `level` read and write through to this table.
 */
export class HandlerTable {
  /** Handlers numbered so far (the next handler's number). */
  count = 0;
  /** On shift and not on a break (1), or not (0). */
  onDuty = new Uint8Array(INITIAL);
  /** Answering a call now (1), or not (0). */
  busy = new Uint8Array(INITIAL);
  /** Why the handler will stop answering once the call in hand ends (`Leaving`). */
  leaving = new Uint8Array(INITIAL);
  /** Bumped each time the handler joins its group's idle line; older entries there are stale (doubles: may pass 2^31). */
  idleEpoch = new Float64Array(INITIAL);
  /** Each handler's group, training level (null: the group has no training mix) and shift name. */
  readonly group: HandlerGroup[] = [];
  readonly level: (Level | null)[] = [];
  readonly shift: string[] = [];
  /**
   * The handlers due to leave (`leaving` not `No`), by number: the roster sends them off when
   * their call ends. Only these are held here, so a handler whose spell is over is not kept.
   */
  private readonly leavers = new Map<number, Handler>();

  /** Number handler `h` of `group`: its state starts off duty, free, not leaving. */
  add(h: Handler, group: HandlerGroup, level: Level | null, shift: string): number {
    const id = this.count;
    if (id === this.onDuty.length) this.grow();
    this.count++;
    this.group.push(group);
    this.level.push(level);
    this.shift.push(shift);
    return id;
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

  /** Twice the room in the typed arrays. */
  private grow(): void {
    const n = 2 * this.onDuty.length;
    const widen = <T extends Uint8Array | Float64Array>(a: T, b: T): T => (b.set(a), b);
    this.onDuty = widen(this.onDuty, new Uint8Array(n));
    this.busy = widen(this.busy, new Uint8Array(n));
    this.leaving = widen(this.leaving, new Uint8Array(n));
    this.idleEpoch = widen(this.idleEpoch, new Float64Array(n));
  }
}

const INITIAL = 64;
