import { meanHalfWidth } from '../metrics/confidence.js';
import type { Evaluated } from './CrnEvaluator.js';
import type { ObjectiveFigures } from './Objective.js';

/** The figures a plan is projected with, as the reports name them (units in the names). */
export const PLAN_METRICS: readonly { name: string; label: string; pick: (f: ObjectiveFigures) => number }[] = [
  { name: '999_answered_within_10s_pct', label: '999 answered within 10 s (%)', pick: (f) => f.within10sPct999 },
  { name: '101_abandoned_pct', label: '101 abandoned (%)', pick: (f) => f.abandonedPct101 },
  { name: 'callback_wait_minutes', label: '999 call-back mean wait (min)', pick: (f) => f.callbackWaitMinutes },
];

/** A figure's mean and 95% half-width over the replications (null half-width with one). */
export interface Figure {
  value: number;
  ci95: number | null;
}

/** Per replication values of a plan's metric, or its objective ('objective'). */
export function valuesOf(e: Evaluated, metric: string): number[] {
  if (metric === 'objective') return e.objective;
  const m = PLAN_METRICS.find((x) => x.name === metric)!;
  return e.figures.map(m.pick);
}

export function figure(values: readonly number[]): Figure {
  const m = meanHalfWidth(values);
  return { value: m.mean, ci95: m.halfWidth };
}

/** The paired difference a - b over the replications (common random numbers). */
export function pairedDifference(a: Evaluated, b: Evaluated, metric: string): Figure {
  const x = valuesOf(a, metric);
  const y = valuesOf(b, metric);
  return figure(x.map((v, r) => v - y[r]).filter(Number.isFinite));
}
