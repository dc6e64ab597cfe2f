import { assertFiniteNonNegative, assertInteger, assertPositiveFinite } from './argumentChecks.js';
import { erlangC } from './erlangC.js';
import { offeredLoadErlangs } from './offeredLoadErlangs.js';

/**
 * Cobham (1954) mean queue waits (seconds) per class for M/M/c with non-preemptive priorities and
 * identical exponential handling; classes[0] is the best. Waits are Infinity for classes whose
 * cumulative load reaches the handlers. overallMeanWaitSeconds is the call-weighted mean.
 * Example: priorityMeanWaits({ callsPerHour: [0.2, 0.6, 1.2], meanHandlingSeconds: 1200, handlers: 1 }).meanWaitSeconds[0] ≈ 857 (0.238 h).
 */
export function priorityMeanWaits(input: {
  callsPerHour: number[];
  meanHandlingSeconds: number;
  handlers: number;
}): { meanWaitSeconds: number[]; overallMeanWaitSeconds: number } {
  const { callsPerHour, meanHandlingSeconds, handlers } = input;
  if (!Array.isArray(callsPerHour) || callsPerHour.length === 0) {
    throw new RangeError('callsPerHour must be a non-empty array');
  }
  callsPerHour.forEach((x, i) => assertFiniteNonNegative(`callsPerHour[${i}]`, x));
  assertPositiveFinite('meanHandlingSeconds', meanHandlingSeconds);
  assertInteger('handlers', handlers, 1);
  const c = handlers;
  const mu = 1 / meanHandlingSeconds;
  const loads = callsPerHour.map((x) => offeredLoadErlangs(x, meanHandlingSeconds));
  const totalLoad = loads.reduce((s, x) => s + x, 0);
  // W0 = P(all busy) * mean time to the next completion when all busy = C(c, a) / (c mu).
  const w0 = erlangC(c, totalLoad) / (c * mu);
  const waits: number[] = [];
  let cum = 0;
  for (const load of loads) {
    const before = cum / c;
    cum += load;
    const after = cum / c;
    waits.push(after < 1 ? w0 / ((1 - before) * (1 - after)) : Infinity);
  }
  const totalRate = callsPerHour.reduce((s, x) => s + x, 0);
  let overall = 0;
  if (totalRate > 0) {
    for (let i = 0; i < waits.length; i++) {
      if (callsPerHour[i]! > 0) overall += (callsPerHour[i]! * waits[i]!) / totalRate;
    }
  }
  return { meanWaitSeconds: waits, overallMeanWaitSeconds: overall };
}
