import type { Handler } from '../Handler.js';
import type { HandlerGroup } from '../HandlerGroup.js';
import { Leaving } from '../Handler.js';
import type { Centre } from '../journey/Centre.js';

/** A handler starts (or resumes) a spell on duty, and takes the next call if one waits. */
export function comeOnDuty(c: Centre, h: Handler): void {
  const group = h.group;
  group.integrate(c.calendar.now);
  group.staffed++;
  h.onDuty = true;
  c.on.handlerFree(h.id);
}

/** A handler stops answering now (shift over, or a break). */
export function goOff(c: Centre, h: Handler): void {
  const group = h.group;
  group.integrate(c.calendar.now);
  group.staffed--;
  h.onDuty = false;
}

/**
 * A handler's spell ends (shift end, or a standing position closed): at once if free (its number
 * given back), else after the call in hand (`Roster.leave`). A break held for a quiet moment
 * lapses with it.
 */
export function endSpell(c: Centre, h: Handler): void {
  if (h.retired) return;
  h.shiftOver = true;
  if (h.busy) {
    h.leaving = Leaving.ShiftEnd;
    return;
  }
  if (h.onDuty) goOff(c, h);
  if (h.leaving !== Leaving.No) h.leaving = Leaving.No;
  h.retire();
}

/** Calls waiting now in the queues of the contact types group `g` answers (the supervisor's wallboard). */
export function waitingFor(g: HandlerGroup): number {
  let n = 0;
  for (let i = 0; i < g.contacts.length; i++) n += g.contacts[i].waiting;
  return n;
}

/**
 * BreakRule: a supervisor holds a break due while more than `overQueue` calls wait for the group;
 * the handler goes the next time they are free with the queue at or under it, and no later than
 * `latestSeconds` after the planned start (nor so late the break would outrun the shift).
 */
export interface BreakRule {
  readonly overQueue: number;
  readonly latestSeconds: number;
}

/**
 * A break falls due now (its planned start) for handler `h`, on duty: it starts at once (after
 * the call in hand), or, under `rule` with the queue long, is held: the handler keeps answering,
 * and is told to go (after the call in hand) at the latest start. `goOnBreak` sends an idle
 * handler off now; returns when the latest start is, or null if the break was not held.
 */
export function breakDue(c: Centre, h: Handler, rule: BreakRule | null, goOnBreak: (h: Handler) => void): number | null {
  const now = c.calendar.now;
  if (rule !== null && waitingFor(h.group) > rule.overQueue) {
    const latest = Math.min(now + rule.latestSeconds, h.shiftEndsAt - h.breakSeconds);
    if (latest > now) {
      h.leaving = Leaving.BreakWhenQuiet;
      return latest;
    }
  }
  if (h.busy) h.leaving = Leaving.Break;
  else goOnBreak(h);
  return null;
}

