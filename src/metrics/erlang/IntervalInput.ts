import { assertFiniteNonNegative, assertPositiveFinite } from './argumentChecks.js';

/** One planning interval: calls per hour, mean handling/target/patience in seconds. Example: { callsPerHour: 200, meanHandlingSeconds: 180, handlers: 14, targetSeconds: 20 }. */
export interface IntervalInput {
  callsPerHour: number;
  meanHandlingSeconds: number;
  handlers: number; // integer >= 1
  targetSeconds: number; // answer target, e.g. 10
  meanPatienceSeconds?: number; // present => Erlang A (M/M/c+M); absent or Infinity => Erlang C (M/M/c)
}

/** Checks every field of an interval but the handler count (RangeError naming the field). */
export function validateIntervalInput(input: Omit<IntervalInput, 'handlers'>): void {
  assertFiniteNonNegative('callsPerHour', input.callsPerHour);
  assertPositiveFinite('meanHandlingSeconds', input.meanHandlingSeconds);
  if (Number.isNaN(input.targetSeconds) || input.targetSeconds < 0) {
    throw new RangeError(`targetSeconds must be >= 0 (got ${input.targetSeconds})`);
  }
  const p = input.meanPatienceSeconds;
  if (p !== undefined && (Number.isNaN(p) || p <= 0)) {
    throw new RangeError(`meanPatienceSeconds must be > 0 or Infinity (got ${p})`);
  }
}

/** Erlang A (M/M/c+M) when a finite mean patience is given, else Erlang C. */
export function isErlangA(input: Omit<IntervalInput, 'handlers'>): boolean {
  return input.meanPatienceSeconds !== undefined && Number.isFinite(input.meanPatienceSeconds);
}
