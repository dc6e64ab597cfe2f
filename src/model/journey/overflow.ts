import type { Call } from '../Call.js';
import { answer } from './answer.js';
import { takeOffHangUp } from './refs.js';
import type { Centre } from './Centre.js';

/**
 * overflow: the call has waited long enough for an overflow group (another force taking calls
 * that have waited its threshold): a free handler of the first such group whose threshold it
 * has reached takes it; its queue entry becomes stale and is skipped lazily.
 */
export function overflow(c: Centre, call: Call): void {
  if (!call.waiting) return;
  const waited = c.calendar.now - call.queuedAt;
  const groups = call.type.overflowGroups;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (waited + 1e-9 < g.takesCallsWaitingSeconds) continue;
    const h = g.popIdle();
    if (h >= 0) {
      takeOffHangUp(c, call);
      answer(c, call, h);
      return;
    }
  }
}
