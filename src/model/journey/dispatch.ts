import type { Call } from '../Call.js';
import { answer } from './answer.js';
import { takeOffHangUp } from './refs.js';
import type { Centre } from './Centre.js';

/**
 * dispatch: handler number `h`, on duty and free, takes the waiting call of the best priority among
 * the contact types its group answers, first come first served within a priority (of the calls
 * that have waited the group's overflow threshold, if it has one); with none waiting, it joins
 * its group's idle line.
 */
export function dispatch(c: Centre, h: number): void {
  const group = c.handlers.group[h];
  const contacts = group.contacts;
  const now = c.calendar.now;
  const minWait = group.takesCallsWaitingSeconds;
  let best: Call | undefined;
  let bestPriority = Infinity;
  for (let i = 0; i < contacts.length; i++) {
    const type = contacts[i];
    if (type.priority > bestPriority) break;
    const head = type.queue.head();
    if (head !== undefined && (best === undefined || head.queuedAt < best.queuedAt) && now - head.queuedAt + 1e-9 >= minWait) {
      best = head;
      bestPriority = type.priority;
    }
  }
  if (best !== undefined) {
    best.type.queue.shift();
    takeOffHangUp(c, best);
    answer(c, best, h);
  } else {
    group.pushIdle(h);
  }
}
