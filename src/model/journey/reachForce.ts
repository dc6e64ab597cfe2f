import type { Call } from '../Call.js';
import { answer } from './answer.js';
import type { Centre } from './Centre.js';
import { hold } from './refs.js';

/**
 * reachForce: the call reaches the force. The first group that answers its type at once and has
 * a free handler (longest idle first) answers it; else it joins its type's queue (`enqueue`).
 */
export function reachForce(c: Centre, call: Call): void {
  const groups = call.type.groups;
  for (let i = 0; i < groups.length; i++) {
    const h = groups[i].popIdle();
    if (h >= 0) {
      answer(c, call, h);
      return;
    }
  }
  enqueue(c, call);
}

/**
 * enqueue: the call waits, first come first served within its type. Its caller hangs up when
 * patience ends (`renege`), unless answered first (`dispatch` and `overflow` then take the
 * hang-up off the calendar: `takeOffHangUp`); an overflow group may take it once it has waited
 * that group's threshold (`overflow`).
 */
export function enqueue(c: Centre, call: Call): void {
  const type = call.type;
  type.queue.push(call);
  hold(call);
  call.inQueue = true;
  c.waiting++;
  type.waiting++;
  if (call.patienceSeconds !== Infinity) {
    hold(call);
    call.patienceSlot = c.calendar.scheduleRemovable(call.arrivedAt + call.patienceSeconds, c.on.patienceEnds, call);
  }
  const thresholds = type.overflowThresholds;
  for (let i = 0; i < thresholds.length; i++) {
    hold(call);
    c.calendar.schedule(call.queuedAt + thresholds[i], c.on.overflowDue, call);
  }
}
