import { MonthField as M, MONTH_FIELDS } from '../metrics/MonthField.js';
import type { ReplicationResult } from '../metrics/ReplicationResult.js';
import type { Scenario } from '../scenario/load.js';
import { AllocateError } from './AllocateError.js';

/** The figures an objective is made of, per replication (names carry their units). */
export interface ObjectiveFigures {
  /** 100 x 999 calls answered in under 10 s / 999 calls answered (the Home Office measure). */
  within10sPct999: number;
  /** 100 x 101 calls abandoned / offered (NaN without a 101 contact type). */
  abandonedPct101: number;
  /** Mean answer time of the 999 call-backs, minutes (NaN without call-backs). */
  callbackWaitMinutes: number;
}

/** The terms of the weighted objective, as --weights names them. */
export const WEIGHT_TERMS = ['999_within_10s', '101_abandoned', 'callback_wait_minutes'] as const;
export type WeightTerm = (typeof WEIGHT_TERMS)[number];

/** [A] The weighted objective's default: a point of 999 within 10 s = a point of 101 abandonment = 10 minutes of call-back wait. */
export const DEFAULT_WEIGHTS: ReadonlyMap<WeightTerm, number> = new Map([
  ['999_within_10s', 1],
  ['101_abandoned', 1],
  ['callback_wait_minutes', 0.1],
]);

export const OBJECTIVES = ['999_within_10s', 'weighted'] as const;

/**
 * What allocate maximises, per replication: `999_within_10s` (the default: percentage points
 * of 999 calls answered in under 10 s), or `weighted`: w1 x 999 within 10 s - w2 x 101
 * abandoned % - w3 x the 999 call-backs' mean wait in minutes (larger is better).
 */
export interface Objective {
  name: (typeof OBJECTIVES)[number];
  weights: ReadonlyMap<WeightTerm, number>;
}

/** `--objective` and `--weights 999_within_10s=1,101_abandoned=0.5` (weights only with weighted). */
export function parseObjective(name: string | undefined, weights: readonly string[]): Objective {
  const n = name ?? '999_within_10s';
  if (!(OBJECTIVES as readonly string[]).includes(n)) {
    throw new AllocateError(`--objective ${n}: unknown objective; expected one of ${OBJECTIVES.join(', ')}`);
  }
  if (n === '999_within_10s') {
    if (weights.length > 0) throw new AllocateError('--weights: only with --objective weighted (999_within_10s has one term)');
    return { name: '999_within_10s', weights: new Map([['999_within_10s', 1]]) };
  }
  const out = new Map(DEFAULT_WEIGHTS);
  for (const part of weights.flatMap((w) => w.split(',')).filter((p) => p.trim() !== '')) {
    const m = /^\s*([^=\s]+)\s*=\s*([-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)\s*$/.exec(part);
    if (!m) throw new AllocateError(`--weights ${part}: expected TERM=WEIGHT with a number >= 0, for example 101_abandoned=0.5`);
    if (!(WEIGHT_TERMS as readonly string[]).includes(m[1])) throw new AllocateError(`--weights ${part}: unknown term ${m[1]}; expected one of ${WEIGHT_TERMS.join(', ')}`);
    const w = Number(m[2]);
    if (!(w >= 0)) throw new AllocateError(`--weights ${part}: expected a weight >= 0 (each term's direction is fixed: 999 within 10 s counts up, abandonment and wait count down)`);
    out.set(m[1] as WeightTerm, w);
  }
  if ([...out.values()].every((w) => w === 0)) throw new AllocateError('--weights: every weight is 0; expected at least one term with a weight > 0');
  return { name: 'weighted', weights: out };
}

/** The objective in words, for the printed table and allocate.json. */
export function describeObjective(o: Objective): string {
  if (o.name === '999_within_10s') return '999 calls answered within 10 s, % of answered (percentage points)';
  const w = (t: WeightTerm) => o.weights.get(t) ?? 0;
  return `${w('999_within_10s')} x 999 within 10 s (%) - ${w('101_abandoned')} x 101 abandoned (%) - ${w('callback_wait_minutes')} x 999 call-back mean wait (minutes)`;
}

/** Where an objective's figures are read in a scenario's results: contact indices (report order). */
export interface ObjectiveReader {
  objective: Objective;
  read(r: ReplicationResult): ObjectiveFigures;
  value(f: ObjectiveFigures): number;
}

/** The contact types an objective needs, found in the scenario (a missing one is bad input naming the file). */
export function objectiveReader(objective: Objective, scenario: Scenario, file: string): ObjectiveReader {
  const names = Object.keys(scenario.contacts);
  const need = (name: string, why: string): number => {
    const k = names.indexOf(name);
    if (k < 0) throw new AllocateError(`${file}: contacts: the objective ${objective.name} needs ${why}, a contact type named ${JSON.stringify(name)}; expected one of ${names.join(', ')} (or another --objective)`);
    return k;
  };
  const weight = (t: WeightTerm) => objective.weights.get(t) ?? 0;
  const k999 = need('999', '999 within 10 s');
  // the other figures are reported whenever the scenario has them, and required only when weighed
  const k101 = weight('101_abandoned') > 0 ? need('101', '101 abandonment') : names.indexOf('101');
  const to = scenario.contacts['999'].on_abandon?.call_back?.contact;
  if (weight('callback_wait_minutes') > 0 && to === undefined) {
    throw new AllocateError(`${file}: contacts.999.on_abandon.call_back: the objective's callback_wait_minutes term needs 999 call-backs; expected a call_back contact, or --weights callback_wait_minutes=0`);
  }
  const kCallback = to === undefined ? -1 : weight('callback_wait_minutes') > 0 ? need(to, 'the 999 call-backs') : names.indexOf(to);
  const read = (r: ReplicationResult): ObjectiveFigures => {
    const months = r.months[k999];
    let lt10 = 0;
    let answered = 0;
    for (let m = 0; m < months.length; m += MONTH_FIELDS) {
      lt10 += months[m + M.answeredLt10s];
      answered += months[m + M.answered];
    }
    const t101 = k101 >= 0 ? r.contacts[k101] : undefined;
    const tCb = kCallback >= 0 ? r.contacts[kCallback] : undefined;
    return {
      within10sPct999: answered > 0 ? (100 * lt10) / answered : NaN,
      abandonedPct101: t101 && t101.offered > 0 ? (100 * t101.abandoned) / t101.offered : t101 ? 0 : NaN,
      callbackWaitMinutes: tCb && tCb.answered > 0 ? tCb.answerSecondsSum / tCb.answered / 60 : tCb ? 0 : NaN,
    };
  };
  const value = (f: ObjectiveFigures): number => {
    if (objective.name === '999_within_10s') return f.within10sPct999;
    let v = weight('999_within_10s') * f.within10sPct999;
    if (weight('101_abandoned') > 0) v -= weight('101_abandoned') * f.abandonedPct101;
    if (weight('callback_wait_minutes') > 0) v -= weight('callback_wait_minutes') * f.callbackWaitMinutes;
    return v;
  };
  return { objective, read, value };
}
