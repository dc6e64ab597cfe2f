import { assertInteger, assertPositiveFinite, clamp01 } from './argumentChecks.js';
import { erlangAAnsweredTail, erlangACore } from './erlangACore.js';
import { validateIntervalInput } from './IntervalInput.js';
import { offeredLoadErlangs, SECONDS_PER_HOUR } from './offeredLoadErlangs.js';

/** Input of {@link erlangA}: IntervalInput with finite meanPatienceSeconds. Example: { callsPerHour: 270, meanHandlingSeconds: 60, handlers: 5, targetSeconds: 20, meanPatienceSeconds: 120 }. */
export interface ErlangAInput {
  callsPerHour: number;
  meanHandlingSeconds: number;
  handlers: number;
  targetSeconds: number;
  meanPatienceSeconds: number;
}

/** Exact Erlang A (M/M/c+M) measures: probabilities 0..1, times in seconds, lengths in calls. Example: erlangA(input).probAbandon. */
export interface ErlangAMeasures {
  offeredLoadErlangs: number;
  /** P(arriving call finds all handlers busy). */
  probWait: number;
  /** P(arriving call abandons). */
  probAbandon: number;
  /** P(arriving call is answered) = 1 - probAbandon. */
  probAnswered: number;
  /** P(answered and wait <= targetSeconds), over all offered calls. */
  probAnsweredWithinTarget: number;
  /** P(answered and wait > targetSeconds), over all offered calls. */
  probAnsweredAfterTarget: number;
  /** Mean wait of answered calls (ASA), seconds. */
  meanAnswerSeconds: number;
  /** Mean time in queue of abandoning calls, seconds (0 if probAbandon is 0). */
  meanAbandonSeconds: number;
  /** Mean time in queue over all offered calls, seconds. */
  meanWaitAllSeconds: number;
  /** Time-average number of calls queued. */
  meanQueueLength: number;
  /** Time-average number of busy handlers. */
  meanBusyHandlers: number;
}

/**
 * Exact Erlang A (M/M/c+M) measures for one interval (FCFS, exponential patience).
 * Example: erlangA({ callsPerHour: 270, meanHandlingSeconds: 60, handlers: 5, targetSeconds: 20, meanPatienceSeconds: 120 }).probAbandon ≈ 0.1099.
 */
export function erlangA(input: ErlangAInput): ErlangAMeasures {
  validateIntervalInput(input);
  assertInteger('handlers', input.handlers, 1);
  assertPositiveFinite('meanPatienceSeconds', input.meanPatienceSeconds);
  const c = input.handlers;
  const a = offeredLoadErlangs(input.callsPerHour, input.meanHandlingSeconds);
  if (input.callsPerHour === 0) {
    return {
      offeredLoadErlangs: 0,
      probWait: 0,
      probAbandon: 0,
      probAnswered: 1,
      probAnsweredWithinTarget: 1,
      probAnsweredAfterTarget: 0,
      meanAnswerSeconds: 0,
      meanAbandonSeconds: 0,
      meanWaitAllSeconds: 0,
      meanQueueLength: 0,
      meanBusyHandlers: 0,
    };
  }
  const lambda = input.callsPerHour / SECONDS_PER_HOUR;
  const mu = 1 / input.meanHandlingSeconds;
  const theta = 1 / input.meanPatienceSeconds;
  const core = erlangACore(c, lambda, mu, theta);
  const probAnswered = clamp01(core.probNoWait + core.probAnsweredAfterWait);
  const after = erlangAAnsweredTail(core, input.targetSeconds);
  const within = clamp01(core.probNoWait + Math.max(0, core.probAnsweredAfterWait - after));
  const abandonWaitProduct = Math.max(0, core.meanWaitAll - core.waitAnsweredProduct);
  return {
    offeredLoadErlangs: a,
    probWait: clamp01(core.probWait),
    probAbandon: clamp01(core.probAbandon),
    probAnswered,
    probAnsweredWithinTarget: within,
    probAnsweredAfterTarget: after,
    meanAnswerSeconds: probAnswered > 0 ? core.waitAnsweredProduct / probAnswered : 0,
    meanAbandonSeconds: core.probAbandon > 0 ? abandonWaitProduct / core.probAbandon : 0,
    meanWaitAllSeconds: core.meanWaitAll,
    meanQueueLength: core.meanQueueLength,
    meanBusyHandlers: Math.min(c, core.meanBusy),
  };
}
