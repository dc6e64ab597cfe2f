import { runReference, type ReferenceCase } from './referenceLoop.js';
import { measure, pct, type Measured } from './measure.js';

/** Calls an hour per handler in the heavy case (3,800 an hour for 50 handlers). */
const CALLS_PER_HANDLER_HOUR = 76;

/** The most calls an hour the scenario limits allow (README: limits). */
const MAX_CALLS_PER_HOUR = 100_000;

/**
 * The Erlang-A heavy case with `handlers` handlers at the same load per handler (50: 3,800
 * calls an hour; handling 45 s, patience 60 s, target 10 s), long enough for about `calls` calls.
 * Where the rate would pass the scenario limit (5,000 handlers: 380,000 an hour), the same
 * system runs on a slower clock: rate divided and every time (handling, patience, target)
 * multiplied by the same whole factor, which leaves every call's fate, and the work per call,
 * as they were.
 */
export function heavyCase(calls: number, handlers: number): ReferenceCase {
  const slower = Math.ceil((CALLS_PER_HANDLER_HOUR * handlers) / MAX_CALLS_PER_HOUR);
  const callsPerHour = (CALLS_PER_HANDLER_HOUR * handlers) / slower;
  return {
    name: '999',
    callsPerHour,
    handlers,
    meanHandlingSeconds: 45 * slower,
    meanPatienceSeconds: 60 * slower,
    targetSeconds: 10 * slower,
    warmupHours: 0,
    hours: calls / callsPerHour,
  };
}

/** The heavy case run by the plain-JS reference loop, seed 1, replication 0. */
export function referenceHeavy(calls: number, handlers: number): Promise<Measured> {
  const c = heavyCase(calls, handlers);
  return measure(() => {
    const r = runReference(c, 1, 0);
    const e = r.events;
    return {
      calls: e.arrivals,
      modelEvents: e.arrivals + e.answers + e.serviceEnds + e.abandonments,
      withinTargetPct: pct(r.answeredWithinTarget, r.offered),
      abandonedPct: pct(r.abandoned, r.offered),
    };
  });
}
