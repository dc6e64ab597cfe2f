import { assertInteger } from './argumentChecks.js';
import { isErlangA, validateIntervalInput, type IntervalInput } from './IntervalInput.js';
import { erlangAFigures, erlangCFigures } from './intervalFigures.js';
import { offeredLoadErlangs, SECONDS_PER_HOUR } from './offeredLoadErlangs.js';

/** Calls waiting on average past which a handler count below the load is not summed (see below). */
const SKIP_WAITING = 100_000;

/**
 * Fewest handlers (>= 1) whose serviceLevelPct reaches targetServiceLevelPct (0..100) and, for
 * Erlang C, is stable. Searches upward; throws RangeError past `maxHandlers`
 * (default 2 * ceil(load) + 1000).
 * Example: fewestHandlers({ callsPerHour: 200, meanHandlingSeconds: 180, targetSeconds: 20 }, 80) === 14.
 */
export function fewestHandlers(
  input: Omit<IntervalInput, 'handlers'>,
  targetServiceLevelPct: number,
  maxHandlers?: number,
): number {
  validateIntervalInput(input);
  if (!Number.isFinite(targetServiceLevelPct) || targetServiceLevelPct < 0 || targetServiceLevelPct > 100) {
    throw new RangeError(`targetServiceLevelPct must be within 0..100 (got ${targetServiceLevelPct})`);
  }
  const a = offeredLoadErlangs(input.callsPerHour, input.meanHandlingSeconds);
  const cap = maxHandlers ?? 2 * Math.ceil(a) + 1000;
  assertInteger('maxHandlers', cap, 1);

  if (isErlangA(input)) {
    // P(answered within target) <= P(answered) = (mean busy) mu / lambda <= c / a, so no c below
    // a * target / 100 can qualify: start there.
    const start = Math.max(1, Math.floor((a * targetServiceLevelPct) / 100));
    const patience = input.meanPatienceSeconds as number;
    const [lambda, mu] = [input.callsPerHour / SECONDS_PER_HOUR, 1 / input.meanHandlingSeconds];
    for (let c = start; c <= cap; c++) {
      // Below the load the queue settles only as callers hang up, near (lambda - c mu) x patience
      // calls waiting. Past SKIP_WAITING (patience so long that almost nobody hangs up: the
      // interval is Erlang C, which never settles with more load than handlers) a call waits
      // behind that many: taken to miss the target, unsummed (summing costs a step per call
      // waiting). Conservative: a count wrongly skipped only makes the answer larger, never smaller.
      if (c < a && (lambda - c * mu) * patience > SKIP_WAITING) continue;
      const f = erlangAFigures({ ...input, handlers: c, meanPatienceSeconds: patience });
      if (f.serviceLevelPct >= targetServiceLevelPct) return c;
    }
  } else {
    const mu = 1 / input.meanHandlingSeconds;
    const lambda = input.callsPerHour / SECONDS_PER_HOUR;
    // Same Erlang B recursion as erlangB(), carried along c.
    let b = 1;
    for (let c = 1; c <= cap; c++) {
      if (a === 0) {
        b = 0;
      } else {
        const ab = a * b;
        b = ab / (c + ab);
      }
      if (a >= c) continue;
      const f = erlangCFigures(c, a, b, mu, lambda, input.targetSeconds);
      if (f.serviceLevelPct >= targetServiceLevelPct) return c;
    }
  }
  throw new RangeError(
    `no handler count up to ${cap} reaches a service level of ${targetServiceLevelPct}% ` +
      `(load ${a.toFixed(3)} Erlangs)`,
  );
}
