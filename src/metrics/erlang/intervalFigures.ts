import { assertInteger, clamp01 } from './argumentChecks.js';
import { erlangA, type ErlangAInput } from './erlangA.js';
import { erlangB } from './erlangB.js';
import { erlangCFromB } from './erlangC.js';
import { isErlangA, validateIntervalInput, type IntervalInput } from './IntervalInput.js';
import { offeredLoadErlangs, SECONDS_PER_HOUR } from './offeredLoadErlangs.js';

/** Planner figures for one interval: probabilities 0..1, percentages 0..100, times in seconds. Example: intervalFigures(input).serviceLevelPct. */
export interface IntervalFigures {
  model: 'erlang-c' | 'erlang-a';
  offeredLoadErlangs: number;
  probWait: number; // P(an arriving call has to wait), 0..1
  serviceLevelPct: number; // 100 * P(answered within target) over ALL offered calls (abandoned count as failures)
  answeredWithinTargetPct: number; // 100 * P(wait <= target | answered)
  meanAnswerSeconds: number; // mean wait of ANSWERED calls (ASA)
  meanWaitAllSeconds: number; // mean time in queue over all offered calls (answered and abandoned)
  abandonedPct: number; // 100 * P(abandon); 0 for Erlang C
  occupancyPct: number; // 100 * busy handlers / handlers
  stable: boolean; // false for Erlang C with load >= handlers (then waits are Infinity)
}

/** Erlang C figures given c, load a and the Erlang B value for (c, a). */
export function erlangCFigures(
  c: number,
  a: number,
  b: number,
  muPerSecond: number,
  lambdaPerSecond: number,
  targetSeconds: number,
): IntervalFigures {
  if (a >= c) {
    return {
      model: 'erlang-c',
      offeredLoadErlangs: a,
      probWait: 1,
      serviceLevelPct: 0,
      answeredWithinTargetPct: 0,
      meanAnswerSeconds: Infinity,
      meanWaitAllSeconds: Infinity,
      abandonedPct: 0,
      occupancyPct: 100,
      stable: false,
    };
  }
  const pw = a === 0 ? 0 : erlangCFromB(c, a, b);
  const drainPerSecond = c * muPerSecond - lambdaPerSecond; // > 0
  const tail = targetSeconds === Infinity ? 0 : pw * Math.exp(-drainPerSecond * targetSeconds);
  const sl = 100 * clamp01(1 - tail);
  const asa = pw / drainPerSecond;
  return {
    model: 'erlang-c',
    offeredLoadErlangs: a,
    probWait: pw,
    serviceLevelPct: sl,
    answeredWithinTargetPct: sl,
    meanAnswerSeconds: asa,
    meanWaitAllSeconds: asa,
    abandonedPct: 0,
    occupancyPct: (100 * a) / c,
    stable: true,
  };
}

/** Erlang A measures in the planner's terms (IntervalFigures). */
export function erlangAFigures(input: ErlangAInput): IntervalFigures {
  const m = erlangA(input);
  return {
    model: 'erlang-a',
    offeredLoadErlangs: m.offeredLoadErlangs,
    probWait: m.probWait,
    serviceLevelPct: 100 * m.probAnsweredWithinTarget,
    answeredWithinTargetPct:
      m.probAnswered > 0 ? 100 * clamp01(m.probAnsweredWithinTarget / m.probAnswered) : 100,
    meanAnswerSeconds: m.meanAnswerSeconds,
    meanWaitAllSeconds: m.meanWaitAllSeconds,
    abandonedPct: 100 * m.probAbandon,
    occupancyPct: (100 * m.meanBusyHandlers) / input.handlers,
    stable: true,
  };
}

/**
 * Erlang C or Erlang A figures for one interval (Erlang A iff meanPatienceSeconds is finite).
 * Example: intervalFigures({ callsPerHour: 200, meanHandlingSeconds: 180, handlers: 14, targetSeconds: 20 }).serviceLevelPct ≈ 88.8.
 */
export function intervalFigures(input: IntervalInput): IntervalFigures {
  validateIntervalInput(input);
  assertInteger('handlers', input.handlers, 1);
  if (isErlangA(input)) {
    return erlangAFigures({ ...input, meanPatienceSeconds: input.meanPatienceSeconds as number });
  }
  const a = offeredLoadErlangs(input.callsPerHour, input.meanHandlingSeconds);
  const c = input.handlers;
  const b = a < c ? erlangB(c, a) : 1;
  return erlangCFigures(
    c,
    a,
    b,
    1 / input.meanHandlingSeconds,
    input.callsPerHour / SECONDS_PER_HOUR,
    input.targetSeconds,
  );
}
