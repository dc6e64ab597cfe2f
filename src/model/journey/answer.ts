import { Tie } from '../../engine/Calendar.js';
import type { Call } from '../Call.js';
import type { Handler } from '../Handler.js';
import type { Centre } from './Centre.js';
import { stopWaiting } from './stopWaiting.js';
import { grade } from './grade.js';
import { hold } from './refs.js';

/**
 * answer: handler `h` answers the call now: the answer time is counted from the call's start
 * (BT's connection), the handler grades it (`grade`), and handling ends after the caller's base
 * handling time times the handler's multiplier (`release`). A call being answered is never
 * abandoned: its pending hang-up finds it no longer waiting.
 */
export function answer(c: Centre, call: Call, h: Handler): void {
  const now = c.calendar.now;
  c.counts.answers++;
  stopWaiting(c, call);
  call.answeredAt = now;
  call.handler = h;
  call.handlerGroup = h.group.name;
  call.shift = h.shift;
  const level = h.level;
  if (level !== null) call.handlerLevel = level.index;
  if (call.trueGrade >= 0) call.assignedGrade = call.redirected ? call.trueGrade : grade(call, level);
  const group = h.group;
  group.integrate(now);
  group.busy++;
  h.busy = true;
  hold(call);
  c.calendar.schedule(now + call.baseHandlingSeconds * h.handlingMultiplier, c.on.handlingEnds, call, Tie.Release);
}
