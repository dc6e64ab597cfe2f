import type { Call } from '../Call.js';
import type { Centre } from './Centre.js';

/**
 * A call's references (`Call.refs`): what still names it. Each pending calendar event about it
 * (the BT leg's end or hang-up, patience, overflow thresholds, handling), each entry of it in a
 * queue, each pending retry of its caller, and one from arrival until it has ended and been
 * handed on. `hold` when one is made; `drop` when it is gone. With `Centre.recycle` a call no
 * longer named goes back to the pool, and `arrive` reuses it for the next caller: the reference loop's
 * pooled slots, for objects.
 */
export function hold(call: Call): void {
  call.refs++;
}

export function drop(c: Centre, call: Call): void {
  if (--call.refs === 0 && c.recycle) c.pool.push(call);
}

/**
 * A queued call is being answered (`dispatch`, `overflow`): its pending hang-up would find it no
 * longer waiting, so it is taken off the calendar, and the reference it held goes. (A call
 * answered as it reaches the force has none pending; one on the BT leg is never answered.)
 */
export function takeOffHangUp(c: Centre, call: Call): void {
  if (call.patienceSlot >= 0) {
    c.calendar.remove(call.patienceSlot);
    call.patienceSlot = -1;
    drop(c, call);
  }
}
