import { assertFiniteNonNegative, assertPositiveFinite } from './argumentChecks.js';

export const SECONDS_PER_HOUR = 3600;

/**
 * Offered load in Erlangs from calls per hour and mean handling time in seconds.
 * Example: offeredLoadErlangs(720, 240) === 48.
 */
export function offeredLoadErlangs(callsPerHour: number, meanHandlingSeconds: number): number {
  assertFiniteNonNegative('callsPerHour', callsPerHour);
  assertPositiveFinite('meanHandlingSeconds', meanHandlingSeconds);
  return (callsPerHour * meanHandlingSeconds) / SECONDS_PER_HOUR;
}
