import type { Call } from '../Call.js';
import { handOnLater, type Centre } from './Centre.js';
import { stopWaiting } from './stopWaiting.js';
import { retry } from './retry.js';

/**
 * renege: the caller's patience ends while still waiting (in the queue or on the BT leg): they
 * hang up, the call ends abandoned, and they may try again (`retry`). Only a waiting caller's
 * hang-up is ever pending: a queued call's is taken off the calendar when it is answered
 * (`takeOffHangUp`), and a call on the BT leg is never answered.
 */
export function renege(c: Centre, call: Call): void {
  const now = c.calendar.now;
  c.counts.abandonments++;
  stopWaiting(c, call);
  call.endedAt = now;
  call.outcome = 'abandoned';
  c.inSystem--;
  handOnLater(c, call);
  if (call.type.abandon !== null) retry(c, call);
}
