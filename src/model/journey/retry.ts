import type { Call } from '../Call.js';
import { arrive } from './arrive.js';
import type { Centre, Retry } from './Centre.js';
import { drop, hold } from './refs.js';

/**
 * retry: a caller who hung up redials, switches to another contact type (each after a delay, if
 * that is still within the counted period) or, doing neither, may be called back at once (a task
 * of the call-back type). The choice is the caller's: the first uniform of their `retry` purpose
 * picks a redial or a switch, the second a call-back, and the delay is keyed by the caller too.
 * They are drawn now, when the caller hangs up, not on arrival with the caller's other draws:
 * keyed, they are the same whenever drawn, and the calls that are answered (most of them) carry
 * two doubles fewer. The next attempt is the same caller (origin and serial) with the attempt
 * number one higher, so its draws are its own whatever happened to anyone else.
 */
export function retry(c: Centre, call: Call): void {
  const b = call.type.abandon!;
  const retryRng = c.keyed.at(call.from.key, call.serial, call.attempt, call.type.purposes.retry);
  const u = retryRng();
  let acc = 0;
  for (const choice of b.choices) {
    acc += choice.probability;
    if (u < acc) {
      const rng = c.keyed.at(call.from.key, call.serial, call.attempt, call.type.purposes.retryDelay);
      const at = c.calendar.now + choice.delay.sample(rng);
      if (at < c.endSeconds) {
        hold(call);
        c.calendar.schedule(at, c.on.retry, { call, to: choice.to, source: choice.source } satisfies Retry);
      }
      return;
    }
  }
  if (b.callBack !== null && retryRng() < b.callBack.probability) {
    arrive(c, b.callBack.to, 'call_back', call.callId, call.from, call.serial, call.attempt + 1);
  }
}

/** The repeat contact of a retry, when its time comes. */
export function arriveAgain(c: Centre, r: Retry): void {
  arrive(c, r.to, r.source, r.call.callId, r.call.from, r.call.serial, r.call.attempt + 1);
  drop(c, r.call);
}
