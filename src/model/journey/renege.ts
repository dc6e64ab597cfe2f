import type { Call } from '../Call.js';
import { handOnLater, type Centre } from './Centre.js';
import { stopWaiting } from './stopWaiting.js';
import { retry } from './retry.js';

/**
 * renege: the caller's patience ends while still waiting (in the queue or on the BT leg): they
 * hang up, the call ends abandoned, and they may try again (`retry`). A call answered while
 * queued has had this taken off the calendar (`takeOffHangUp`); a call no longer waiting is left
 * as it is all the same.
 */
export function renege(c: Centre, call: Call): void {
  if (!call.waiting) return;
  const now = c.calendar.now;
  c.counts.abandonments++;
  stopWaiting(c, call);
  call.endedAt = now;
  call.outcome = 'abandoned';
  c.inSystem--;
  handOnLater(c, call);
  if (call.type.abandon !== null) retry(c, call);
}
