import { distributionFrom, type DistributionSpec } from '../engine/distributions.js';
import type { Scenario } from '../scenario/load.js';
import { effectiveLoad, fewestFor, type LocalModel } from './erlangStep.js';
import { HOURS_PER_WEEK } from './layeredShifts.js';
import { primaryGroup, staffingScenario } from './staffingScenario.js';
import { describeTarget, StaffingError, type StaffTarget } from './StaffTarget.js';
import { measureWeek, total, type WeekMeasures } from './weekMeasures.js';

/** One pass of the iterative staffing algorithm: the staffing it simulated and what it changed. */
export interface IsaIteration {
  iteration: number;
  /** Handler-hours a week on duty in the staffed groups. */
  handlerHours: number;
  /** Hours of the week (over the staffed groups) whose level the step changed, and the largest change. */
  hoursChanged: number;
  largestChange: number;
}

export interface IsaResult {
  /** Handlers each staffed group needs on duty, per hour of the week (0 = Monday 00:00). */
  requirement: Map<string, Int32Array>;
  /** The Erlang A seed (from the offered load of the run with ample staff). */
  seed: Map<string, Int32Array>;
  /** Offered load per group and hour of the week, Erlangs: the busy handlers seen with ample staff. */
  offeredLoad: Map<string, Float64Array>;
  /** The targets each staffed group is sized for. */
  targets: Map<string, StaffTarget[]>;
  iterations: IsaIteration[];
  /** True when the staffing stopped changing, or settled to within one handler (then each hour takes the larger value). */
  converged: boolean;
  /** The simulation of the requirement itself (common random numbers with every pass). */
  achieved: WeekMeasures;
  /** The local models of the targets (per contact type). */
  models: Map<string, LocalModel>;
}

export interface IsaOptions {
  seed: number;
  replications: number;
  workers: number;
  maxIterations: number;
  onIteration?: (it: IsaIteration) => void;
}

const meanOf = (spec: unknown) => distributionFrom(spec as DistributionSpec).mean;

/** A target's measured value over the whole week (percent), or null when no call was offered. */
function measuredWeek(t: StaffTarget, w: WeekMeasures): number | null {
  const c = w.contacts.get(t.contact)!;
  const sum = (s: readonly Float64Array[]) => s.reduce((a, x) => a + x.reduce((p, q) => p + q, 0), 0);
  const offered = sum(c.offered);
  if (offered === 0) return null;
  if (t.kind === 'abandoned') return (100 * sum(c.abandoned)) / offered;
  const answered = sum(c.answered);
  return answered > 0 ? (100 * sum(c.within)) / answered : 0;
}

/** A target's measured value in an hour of the week (percent), or null when no call was offered. */
export function measured(t: StaffTarget, w: WeekMeasures, hour: number): number | null {
  const c = w.contacts.get(t.contact)!;
  const offered = total(c.offered, hour);
  if (offered === 0) return null;
  if (t.kind === 'abandoned') return (100 * total(c.abandoned, hour)) / offered;
  const answered = total(c.answered, hour);
  return answered > 0 ? (100 * total(c.within, hour)) / answered : 0;
}

/**
 * The iterative staffing algorithm (Feldman, Mandelbaum, Massey and Whitt, Management Science
 * 54(2), 2008) on the full model, per hour of the week and staffed group:
 *
 * 0. Simulate with ample staff (an infinite-server view): the busy handlers each hour are the
 *    offered load; the fewest handlers Erlang A gives for that load is the seed.
 * 1. Simulate the current staffing (same seed every pass: common random numbers).
 * 2. For each hour, express what the simulation measured as the load at which Erlang A with
 *    the current handlers shows the same measure (the effective load: it carries what Erlang A
 *    leaves out, such as demand changing within the day, calls carried over from the hour
 *    before, lower-priority work, redials and call-backs), and set the hour's staffing to the
 *    fewest handlers Erlang A needs for the target at that load (the most of the group's targets).
 * 3. Repeat until the staffing stops changing. Sampling error can leave a few hours flipping
 *    by one handler: when two passes in a row change no hour by more than one (or the staffing
 *    comes back to an earlier one), take the larger of the last staffings hour by hour, and
 *    simulate that.
 */
export async function iterativeStaffing(scenario: Scenario, targets: readonly StaffTarget[], options: IsaOptions): Promise<IsaResult> {
  const byGroup = new Map<string, StaffTarget[]>();
  for (const t of targets) {
    const g = primaryGroup(scenario, t.contact);
    if (!g) throw new StaffingError(`target for '${t.contact}': no handler group takes every '${t.contact}' call (only overflow groups answer it), so none can be staffed for it`);
    byGroup.set(g, [...(byGroup.get(g) ?? []), t]);
  }
  const groups = [...byGroup.keys()];
  const run = (levels: Map<string, ArrayLike<number>>) =>
    measureWeek(staffingScenario(scenario, levels, targets), { seed: options.seed, replications: options.replications, workers: options.workers });
  const perHour = (series: readonly Float64Array[], w: WeekMeasures, h: number) => (w.observedSeconds[h] > 0 ? total(series, h) / (w.observedSeconds[h] * w.replications) : 0);

  // 0: ample staff, enough that the busiest hour leaves most handlers idle
  let ample = 200;
  let w0: WeekMeasures;
  for (;;) {
    w0 = await run(new Map(groups.map((g) => [g, new Int32Array(HOURS_PER_WEEK).fill(ample)])));
    const busiest = Math.max(...groups.flatMap((g) => Array.from({ length: HOURS_PER_WEEK }, (_, h) => perHour(w0.busySeconds.get(g)!, w0, h))));
    if (busiest <= 0.6 * ample) break;
    ample *= 4;
  }
  // a target the centre misses even with ample staff cannot be met by staffing
  for (const t of targets) {
    const m = measuredWeek(t, w0);
    if (m !== null && (t.kind === 'within' ? m < t.pct : m > t.pct)) {
      throw new StaffingError(
        `${describeTarget(t)}: even with ${ample} handlers on duty every hour the simulation gives ${m.toFixed(1)}%, so no staffing meets it` +
          (scenario.contacts[t.contact].bt_connect && t.kind === 'within' ? ' (the answer time includes the BT connect leg)' : ''),
      );
    }
  }
  const offeredLoad = new Map(groups.map((g) => [g, Float64Array.from({ length: HOURS_PER_WEEK }, (_, h) => perHour(w0.busySeconds.get(g)!, w0, h))]));
  const models = new Map<string, LocalModel>();
  for (const [g, ts] of byGroup) {
    const h = w0.handling.get(g)!;
    for (const t of ts) {
      const c = scenario.contacts[t.contact];
      models.set(t.contact + '|' + t.kind, {
        meanHandlingSeconds: h.answered > 0 ? h.busySeconds / h.answered : meanOf(c.handling),
        meanPatienceSeconds: c.patience ? meanOf(c.patience) : Infinity,
        queueAllowanceSeconds: Math.max(0, t.withinSeconds - (c.bt_connect ? meanOf(c.bt_connect) : 0)),
      });
    }
  }
  const model = (t: StaffTarget) => models.get(t.contact + '|' + t.kind)!;
  const seed = new Map(groups.map((g) => [g, Int32Array.from({ length: HOURS_PER_WEEK }, (_, h) => Math.max(...byGroup.get(g)!.map((t) => fewestFor(t, model(t), offeredLoad.get(g)![h]))))]));

  const history: Map<string, Int32Array>[] = [];
  const iterations: IsaIteration[] = [];
  let levels: Map<string, Int32Array> = seed;
  let converged = false;
  let achieved: WeekMeasures | undefined;
  for (let n = 1; n <= options.maxIterations; n++) {
    const w = await run(levels);
    const next = new Map<string, Int32Array>();
    let hoursChanged = 0;
    let largestChange = 0;
    for (const g of groups) {
      const now = levels.get(g)!;
      const out = new Int32Array(HOURS_PER_WEEK);
      for (let h = 0; h < HOURS_PER_WEEK; h++) {
        let need = 0;
        for (const t of byGroup.get(g)!) {
          const m = measured(t, w, h);
          if (m === null) continue;
          // against the staffing level (handlers leaving where it falls finish their calls, and
          // the load they take off the others counts as part of that hour's help)
          const load = effectiveLoad(t, model(t), now[h], m) ?? offeredLoad.get(g)![h];
          need = Math.max(need, fewestFor(t, model(t), load));
        }
        out[h] = need;
        if (need !== now[h]) {
          hoursChanged++;
          largestChange = Math.max(largestChange, Math.abs(need - now[h]));
        }
      }
      next.set(g, out);
    }
    const it = { iteration: n, handlerHours: groups.reduce((s, g) => s + levels.get(g)!.reduce((a, b) => a + b, 0), 0), hoursChanged, largestChange };
    iterations.push(it);
    options.onIteration?.(it);
    history.push(levels);
    if (hoursChanged === 0) {
      converged = true;
      achieved = w;
      break;
    }
    const seen = history.findIndex((past) => groups.every((g) => past.get(g)!.every((v, h) => v === next.get(g)![h])));
    // settled to within a handler: two passes in a row changed no hour by more than one
    const settled = n >= 2 && largestChange <= 1 && iterations[n - 2].largestChange <= 1;
    if (seen >= 0 || settled || n === options.maxIterations) {
      // the larger staffing, hour by hour, of the passes since the staffing came back (or of the last two)
      const from = seen >= 0 ? seen : history.length - 1;
      levels = new Map(groups.map((g) => [g, Int32Array.from({ length: HOURS_PER_WEEK }, (_, h) => Math.max(next.get(g)![h], ...history.slice(from).map((p) => p.get(g)![h])))]));
      converged = seen >= 0 || settled;
      achieved = await run(levels);
      break;
    }
    levels = next;
  }
  return { requirement: levels, seed, offeredLoad, targets: byGroup, iterations, converged, achieved: achieved!, models };
}
