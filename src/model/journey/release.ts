import type { Call } from '../Call.js';
import { handOnLater, type Centre } from './Centre.js';

/**
 * release: handling ends; the call has ended (answered) and is handed on, and its handler is
 * free again (`on.handlerFree`: next call, break, shift end or the idle line). The handler is
 * named by its number: its state is read from `c.handlers`, never from its object.
 */
export function release(c: Centre, call: Call): void {
  const now = c.calendar.now;
  c.counts.serviceEnds++;
  const h = call.handlerId;
  call.handlerId = -1;
  call.endedAt = now;
  call.outcome = 'answered';
  const handlers = c.handlers;
  const group = handlers.group[h];
  group.integrate(now);
  group.busy--;
  handlers.busy[h] = 0;
  c.inSystem--;
  handOnLater(c, call);
  c.on.handlerFree(h);
}
