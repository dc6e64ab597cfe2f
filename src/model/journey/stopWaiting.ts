import type { Call } from '../Call.js';
import type { Centre } from './Centre.js';

/** stopWaiting: the call stops waiting (answered, or its caller hangs up), and leaves the waiting count if it was queued. */
export function stopWaiting(c: Centre, call: Call): void {
  call.waiting = false;
  if (call.inQueue) {
    call.inQueue = false;
    c.waiting--;
    call.type.waiting--;
  }
}
