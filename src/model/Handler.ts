import type { HandlerGroup } from './HandlerGroup.js';
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
 * spell of work (a shift, or the whole run for standing staff).
 */
export class Handler {
  // The fields a call's answer and release read come first, so that they share the object's
  // first cache line or two: Node's V8 keeps every field in 8 bytes (no pointer compression), and
  // with thousands of handlers the one a release frees has seldom been touched since it answered.
  /** Available for calls (on shift, not on a break). */
  onDuty = false;
  /** Answering a call now. */
  busy = false;
  /** Bumped each time the handler joins the idle line; older entries of it there are stale. */
  idleEpoch = 0;
  leaving: Leaving = Leaving.No;
  readonly group: HandlerGroup;
  /** Training level (null: the group has no training mix); it changes in place for standing staff. */
  level: Level | null;
  /** Shift name ('' for constant staff). */
  readonly shift: string;
  /** The shift is over: no return from a break. */
  shiftOver = false;
  /** Break length, seconds, and when the shift ends. */
  readonly breakSeconds: number;
  readonly shiftEndsAt: number;
  /** The person answering (the trainee of a coached pair), and their coach; null in stories without people. */
  readonly person: Person | null;
  coach: Person | null;

  constructor(group: HandlerGroup, level: Level | null, shift: string, breakSeconds = 0, shiftEndsAt = Infinity, person: Person | null = null, coach: Person | null = null) {
    this.group = group;
    this.level = level;
    this.shift = shift;
    this.breakSeconds = breakSeconds;
    this.shiftEndsAt = shiftEndsAt;
    this.person = person;
    this.coach = coach;
  }

  /**
   * Handling time multiplier (1 = as drawn for the contact type): the level's, read from it (a
   * double kept in the handler would be a number boxed on the heap of its own, one more cache
   * line for each answer).
   */
  get handlingMultiplier(): number {
    return this.level !== null ? this.level.handlingMultiplier : 1;
  }

  /** Move to another level (standing staff moving up): the next call is handled at its speed. */
  setLevel(level: Level): void {
    this.level = level;
  }
}
