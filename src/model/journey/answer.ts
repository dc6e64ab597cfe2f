import { Tie } from '../../engine/Calendar.js';
import type { Call } from '../Call.js';
import type { Centre } from './Centre.js';
import { stopWaiting } from './stopWaiting.js';
import { grade } from './grade.js';
import { hold } from './refs.js';

/**
 * answer: handler number `h` answers the call now: the answer time is counted from the call's start
 * (BT's connection), the handler grades it (`grade`), and handling ends after the caller's base
 * handling time times the handler's multiplier (`release`). A call being answered is never
 * abandoned: a queued call's pending hang-up is taken off the calendar first (`takeOffHangUp`).
 */
export function answer(c: Centre, call: Call, h: number): void {
  const now = c.calendar.now;
  const handlers = c.handlers;
  c.counts.answers++;
  stopWaiting(c, call);
  call.answeredAt = now;
  call.handlerId = h;
  const group = handlers.group[h];
  call.handlerGroup = group.name;
  call.shift = handlers.shift[h];
  call.staffingKey = handlers.staffingKeyOf(h);
  const level = handlers.level[h];
  if (level !== null) call.handlerLevel = level.index;
  if (call.trueGrade >= 0) call.assignedGrade = call.redirected ? call.trueGrade : grade(call, level);
  group.integrate(now);
  group.busy++;
  handlers.busy[h] = 1;
  hold(call);
  const multiplier = level !== null ? level.handlingMultiplier : 1;
  c.calendar.schedule(now + call.baseHandlingSeconds * multiplier, c.on.handlingEnds, call, Tie.Release);
}
