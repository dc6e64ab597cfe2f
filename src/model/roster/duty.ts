import type { Handler } from '../Handler.js';
import { Leaving } from '../Handler.js';
import type { Centre } from '../journey/Centre.js';

/** A handler starts (or resumes) a spell on duty, and takes the next call if one waits. */
export function comeOnDuty(c: Centre, h: Handler): void {
  const group = h.group;
  group.integrate(c.calendar.now);
  group.staffed++;
  h.onDuty = true;
  c.on.handlerFree(h);
}

/** A handler stops answering now (shift over, or a break). */
export function goOff(c: Centre, h: Handler): void {
  const group = h.group;
  group.integrate(c.calendar.now);
  group.staffed--;
  h.onDuty = false;
}

/** A handler's spell ends (shift end, or a standing position closed): at once if free, else after the call in hand. */
export function endSpell(c: Centre, h: Handler): void {
  h.shiftOver = true;
  if (h.busy) h.leaving = Leaving.ShiftEnd;
  else if (h.onDuty) goOff(c, h);
}
