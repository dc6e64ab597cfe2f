import { erlangA, intervalFigures } from '../metrics/erlang.js';
import { describeTarget, StaffingError, type StaffTarget } from './StaffTarget.js';

/**
 * The local model of the iterative staffing algorithm's step: Erlang A (Erlang C without
 * patience) for one hour, with the group's mean handling time, the contact type's mean
 * patience and the target's answer time less any time outside the queue (BT's connect leg).
 */
export interface LocalModel {
  meanHandlingSeconds: number;
  /** Infinity: callers never hang up (Erlang C). */
  meanPatienceSeconds: number;
  /** The target's answer time less the mean of what the answer time holds besides the queue, seconds (>= 0). */
  queueAllowanceSeconds: number;
}

/**
 * A target's measure under the local model with `handlers` on duty and `load` Erlangs offered
 * (percent). A fractional number of handlers (a time average) interpolates linearly between
 * the whole numbers around it.
 */
export function modelMetric(t: StaffTarget, m: LocalModel, handlers: number, load: number): number {
  const whole = Math.floor(handlers);
  if (handlers > whole) {
    const f = handlers - whole;
    return (1 - f) * wholeMetric(t, m, whole, load) + f * wholeMetric(t, m, whole + 1, load);
  }
  return wholeMetric(t, m, handlers, load);
}

function wholeMetric(t: StaffTarget, m: LocalModel, handlers: number, load: number): number {
  if (load <= 0) return t.kind === 'within' ? 100 : 0;
  if (handlers <= 0) return t.kind === 'within' ? 0 : 100;
  const callsPerHour = (load * 3600) / m.meanHandlingSeconds;
  if (!Number.isFinite(m.meanPatienceSeconds)) {
    const f = intervalFigures({ callsPerHour, meanHandlingSeconds: m.meanHandlingSeconds, handlers, targetSeconds: m.queueAllowanceSeconds });
    return t.kind === 'within' ? f.answeredWithinTargetPct : 0;
  }
  const a = erlangA({ callsPerHour, meanHandlingSeconds: m.meanHandlingSeconds, handlers, targetSeconds: m.queueAllowanceSeconds, meanPatienceSeconds: m.meanPatienceSeconds });
  if (t.kind === 'abandoned') return 100 * a.probAbandon;
  return a.probAnswered > 0 ? (100 * a.probAnsweredWithinTarget) / a.probAnswered : 0;
}

const meets = (t: StaffTarget, metric: number) => (t.kind === 'within' ? metric >= t.pct : metric <= t.pct);

/**
 * The fewest handlers meeting the target with `load` Erlangs offered (0 with no load): the
 * measure improves with every handler added, so a doubling search then a bisection.
 */
export function fewestFor(t: StaffTarget, m: LocalModel, load: number): number {
  if (load <= 0) return 0;
  const cap = 10 * load + 1000;
  let lo = 0; // fails (no handler)
  let hi = Math.max(1, Math.ceil(load));
  while (!meets(t, modelMetric(t, m, hi, load))) {
    lo = hi;
    hi *= 2;
    if (hi > cap) throw new StaffingError(`${describeTarget(t)}: no number of handlers meets it at ${load.toFixed(1)} Erlangs (Erlang A); the target cannot be met`);
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (meets(t, modelMetric(t, m, mid, load))) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The load (Erlangs) at which the local model with `handlers` on duty shows the `measured`
 * value of the target's measure: the simulation's hour expressed as an equivalent stationary
 * load. Null when the measure is at its no-load end (say 100% within target), where every
 * small load fits and the step falls back on the offered load.
 */
export function effectiveLoad(t: StaffTarget, m: LocalModel, handlers: number, measured: number): number | null {
  if (handlers <= 0) return null;
  const better = (x: number) => (t.kind === 'within' ? x : -x); // larger is better
  if (better(measured) >= better(t.kind === 'within' ? 100 : 0) - 1e-9) return null;
  let lo = 0;
  let hi = Math.max(1, handlers);
  while (better(modelMetric(t, m, handlers, hi)) > better(measured)) {
    lo = hi;
    hi *= 2;
    if (hi > 100 * handlers + 1e4) return hi;
  }
  for (let i = 0; i < 60 && hi - lo > 1e-6 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (better(modelMetric(t, m, handlers, mid)) > better(measured)) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
