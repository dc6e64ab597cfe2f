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
  /** Available for calls (on shift, not on a break). */
  onDuty = false;
  /** Answering a call now. */
  busy = false;
  /** Bumped each time the handler joins the idle line; older entries of it there are stale. */
  idleEpoch = 0;
  leaving: Leaving = Leaving.No;
  /** The shift is over: no return from a break. */
  shiftOver = false;

  /** Handling time multiplier (1 = as drawn for the contact type): the level's. */
  handlingMultiplier: number;

  constructor(
    readonly group: HandlerGroup,
    /** Training level (null: the group has no training mix); it changes in place for standing staff. */
    public level: Level | null,
    /** Shift name ('' for constant staff). */
    readonly shift: string,
    /** Break length, seconds, and when the shift ends. */
    readonly breakSeconds = 0,
    readonly shiftEndsAt = Infinity,
    /** The person answering (the trainee of a coached pair), and their coach; null in stories without people. */
    readonly person: Person | null = null,
    public coach: Person | null = null,
  ) {
    this.handlingMultiplier = level?.handlingMultiplier ?? 1;
  }

  /** Move to another level (standing staff moving up): the next call is handled at its speed. */
  setLevel(level: Level): void {
    this.level = level;
    this.handlingMultiplier = level.handlingMultiplier;
  }
}

