import type { HandlerGroup } from './HandlerGroup.js';
import type { HandlerTable } from './HandlerTable.js';
import type { Level } from './roster/Level.js';
import type { Person } from './roster/Person.js';

/** Why a handler will stop answering once the call in hand ends. */
export const enum Leaving {
  No = 0,
  Break = 1,
  ShiftEnd = 2,
  /** A break held while the queue is long: taken the next time the handler is free and the queue is short (roster/duty.ts). */
  BreakWhenQuiet = 3,
}

/**
 * Handler: one answering position, a handler or a coached trainee with their coach, for one
 * spell of work (a shift, or the whole run for standing staff). What a call's answer and release
 * read and write of it (on duty, busy, leaving, level; and its group and shift, kept here too)
 * lives in its replication's `HandlerTable` by its number, `id`; the journey names a handler by
 * that number alone. Once its spell is over for good (`retire`) the number may belong to a later
 * handler: the object then reads as off duty, free and not leaving, and refuses any change to
 * that state or its level.
 */
export class Handler {
  /** Its number in its replication's `HandlerTable` (`group.table`), where its answering state lives (until it retires). */
  readonly id: number;
  readonly group: HandlerGroup;
  /** Shift name ('' for constant staff). */
  readonly shift: string;
  /** The shift is over: no return from a break. */
  shiftOver = false;
  /** The spell is over and the number given back (`retire`). */
  retired = false;
  /** Break length, seconds, and when the shift ends. */
  readonly breakSeconds: number;
  readonly shiftEndsAt: number;
  /** The person answering (the trainee of a coached pair), and their coach; null in stories without people. */
  readonly person: Person | null;
  coach: Person | null;

  constructor(group: HandlerGroup, level: Level | null, shift: string, breakSeconds = 0, shiftEndsAt = Infinity, person: Person | null = null, coach: Person | null = null) {
    this.group = group;
    this.shift = shift;
    this.breakSeconds = breakSeconds;
    this.shiftEndsAt = shiftEndsAt;
    this.person = person;
    this.coach = coach;
    this.id = group.table.add(group, level, shift);
  }

  /** Available for calls (on shift, not on a break). */
  get onDuty(): boolean {
    return !this.retired && this.table.onDuty[this.id] === 1;
  }
  set onDuty(v: boolean) {
    this.table.onDuty[this.mine()] = v ? 1 : 0;
  }

  /** Answering a call now. */
  get busy(): boolean {
    return !this.retired && this.table.busy[this.id] === 1;
  }
  set busy(v: boolean) {
    this.table.busy[this.mine()] = v ? 1 : 0;
  }

  /** Why the handler will stop answering once the call in hand ends (`No`: it will not). */
  get leaving(): Leaving {
    return this.retired ? Leaving.No : (this.table.leaving[this.id] as Leaving);
  }
  set leaving(v: Leaving) {
    this.mine();
    this.table.setLeaving(this, v);
  }

  /** Move to another training level (standing staff moving up): the next call is handled at its speed. */
  setLevel(level: Level): void {
    this.table.setLevel(this.mine(), level);
  }

  /** The spell is over for good (off duty, not busy, not leaving): give the number back. */
  retire(): void {
    if (this.retired) return;
    this.table.retire(this.id);
    this.retired = true;
  }

  private get table(): HandlerTable {
    return this.group.table;
  }

  /** This handler's number, while it is still its own. */
  private mine(): number {
    if (this.retired) throw new Error(`Handler ${this.id} (${this.group.name}, shift '${this.shift}'): changed after its spell was over`);
    return this.id;
  }
}
