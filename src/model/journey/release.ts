import type { Call } from '../Call.js';
import { handOnLater, type Centre } from './Centre.js';

/**
 * release: handling ends; the call has ended (answered) and is handed on, and its handler is
 * free again (`on.handlerFree`: next call, break, shift end or the idle line).
 */
export function release(c: Centre, call: Call): void {
  const now = c.calendar.now;
  c.counts.serviceEnds++;
  const h = call.handler!;
  call.handler = null;
  call.endedAt = now;
  call.outcome = 'answered';
  const group = h.group;
  group.integrate(now);
  group.busy--;
  h.busy = false;
  c.inSystem--;
  handOnLater(c, call);
  c.on.handlerFree(h);
}
