import { distributionFrom, type DistributionSpec } from '../engine/distributions.js';
import type { Scenario } from '../scenario/load.js';
import { effectiveLoad, modelMetric, type LocalModel } from '../staffing/erlangStep.js';
import { measured } from '../staffing/iterativeStaffing.js';
import { HOURS_PER_WEEK } from '../staffing/layeredShifts.js';
import { capacityPerPerson, shiftCover, type ShiftTemplate } from '../staffing/shiftTemplates.js';
import { primaryGroup } from '../staffing/staffingScenario.js';
import type { StaffTarget } from '../staffing/StaffTarget.js';
import { total, type WeekMeasures } from '../staffing/weekMeasures.js';
import { DAYS } from '../scenario/schema.js';
import type { Objective } from './Objective.js';

const meanOf = (spec: unknown) => distributionFrom(spec as DistributionSpec).mean;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A measure a group's places are placed for, with its weight (larger objective is better). */
interface Term {
  target: StaffTarget;
  weight: number;
}

/**
 * What a group's places are placed for: the objective's terms whose contact type the group
 * answers first (999 within 10 s; 101 abandonment with the weighted objective), else the
 * scenario's own staffing targets for the contact types it answers first, else answering its
 * first contact type within that type's target.
 */
function termsFor(scenario: Scenario, group: string, objective: Objective): Term[] {
  const mine = (contact: string) => scenario.contacts[contact] !== undefined && primaryGroup(scenario, contact) === group;
  const seconds = (contact: string) => scenario.contacts[contact].target.answer_within_seconds;
  const terms: Term[] = [];
  const w999 = objective.weights.get('999_within_10s') ?? 0;
  if (w999 > 0 && mine('999') && seconds('999') === 10) terms.push({ target: { contact: '999', kind: 'within', pct: 0, withinSeconds: 10 }, weight: w999 });
  const w101 = objective.weights.get('101_abandoned') ?? 0;
  if (w101 > 0 && mine('101')) terms.push({ target: { contact: '101', kind: 'abandoned', pct: 0, withinSeconds: 0 }, weight: -w101 });
  if (terms.length > 0) return terms;
  for (const [name, c] of Object.entries(scenario.contacts)) {
    if (!mine(name)) continue;
    if (c.target.calls_pct !== undefined) terms.push({ target: { contact: name, kind: 'within', pct: c.target.calls_pct, withinSeconds: seconds(name) }, weight: 1 });
    if (c.target.max_abandoned_pct !== undefined) terms.push({ target: { contact: name, kind: 'abandoned', pct: c.target.max_abandoned_pct, withinSeconds: 0 }, weight: -1 });
  }
  if (terms.length > 0) return terms;
  const first = scenario.handlers[group].answers.find(mine);
  return first ? [{ target: { contact: first, kind: 'within', pct: 0, withinSeconds: seconds(first) }, weight: 1 }] : [];
}

/** The group's own shifts as templates (each on its own days, paid for its whole length). */
export function groupShifts(scenario: Scenario, group: string): ShiftTemplate[] {
  return Object.entries(scenario.handlers[group].shifts ?? {}).map(([name, s]) => {
    const start = minutesOf(s.start);
    let end = minutesOf(s.end);
    if (end <= start) end += 1440;
    return { name, startMinutes: start, lengthMinutes: end - start, paidMinutes: end - start, breakMinutes: s.break_minutes ?? 0, days: (s.days ?? DAYS).map((d) => DAYS.indexOf(d)) };
  });
}

/** One step of the placement: the shift the next place goes on, and what the local model valued it at. */
export interface PlacementStep {
  shift: string;
  /** Σ over hours of the week of weight x calls x change of the measure (percent), per pound of the place's cost. */
  valuePerGbp: number;
}

/**
 * Where the places of a places lever go, one at a time (the order is nested: the first n
 * places of a larger count are the n places of a smaller one). The staffing issue's tools
 * value a place: from a simulation of the allocation without the lever's places (`week`,
 * folded by hour of the week), each hour's measured figure is expressed as the effective
 * load at which Erlang A with the handlers then on duty shows it (the iterative staffing
 * algorithm's step, erlangStep.ts); a place on a shift adds, in each hour, the handlers its
 * cover puts on duty (shiftCover: breaks staggered as the model does, every day of the shift)
 * x (1 - absence) x (1 - vacancies) x the training mix's speed; its value is the change in
 * calls answered within target (or abandoned) that Erlang A gives at those loads, weighted
 * by the objective. Each place goes to the shift with the most value per pound (a night
 * shift's place costs more: longer paid hours), and the hours it covers are then staffed
 * higher for the next place.
 */
export function placementOrder(scenario: Scenario, week: WeekMeasures, group: string, places: number, objective: Objective, costOfPlace: (shift: string) => number): PlacementStep[] {
  const shifts = groupShifts(scenario, group);
  const terms = termsFor(scenario, group, objective);
  if (shifts.length === 0 || terms.length === 0 || places <= 0) return [];
  const g = scenario.handlers[group];
  const held = (1 - (g.shrinkage_pct ?? 0) / 100) * (1 - (g.vacancies_at_start_pct ?? 0) / 100) * capacityPerPerson(scenario, group);
  const cover = shifts.map((t) => {
    const c = new Float64Array(HOURS_PER_WEEK);
    for (const d of t.days) shiftCover(t, d).forEach((v, h) => (c[h] += held * v));
    return c;
  });
  const cost = shifts.map((t) => costOfPlace(t.name));
  const reps = week.replications;
  const onDuty = Float64Array.from({ length: HOURS_PER_WEEK }, (_, h) => (week.observedSeconds[h] > 0 ? total(week.staffedSeconds.get(group)!, h) / (week.observedSeconds[h] * reps) : 0));
  const offeredLoad = Float64Array.from({ length: HOURS_PER_WEEK }, (_, h) => (week.observedSeconds[h] > 0 ? total(week.busySeconds.get(group)!, h) / (week.observedSeconds[h] * reps) : 0));
  const handling = week.handling.get(group)!;
  const hourly = terms.map(({ target: t, weight }) => {
    const c = scenario.contacts[t.contact];
    const model: LocalModel = {
      meanHandlingSeconds: handling.answered > 0 ? handling.busySeconds / handling.answered : meanOf(c.handling),
      meanPatienceSeconds: c.patience ? meanOf(c.patience) : Infinity,
      queueAllowanceSeconds: Math.max(0, t.withinSeconds - (c.bt_connect ? meanOf(c.bt_connect) : 0)),
    };
    const w = week.contacts.get(t.contact)!;
    // calls per replication in each hour of the week: what a change of the percentage is worth
    const calls = Float64Array.from({ length: HOURS_PER_WEEK }, (_, h) => total(t.kind === 'within' ? w.answered : w.offered, h) / reps);
    const load = Float64Array.from({ length: HOURS_PER_WEEK }, (_, h) => {
      const m = measured(t, week, h);
      return m === null ? offeredLoad[h] : (effectiveLoad(t, model, onDuty[h], m) ?? offeredLoad[h]);
    });
    return { t, weight, model, calls, load };
  });
  const level = Float64Array.from(onDuty);
  const steps: PlacementStep[] = [];
  for (let p = 0; p < places; p++) {
    let best = -1;
    let bestValue = -Infinity;
    shifts.forEach((_, s) => {
      let gain = 0;
      for (const { t, weight, model, calls, load } of hourly) {
        for (let h = 0; h < HOURS_PER_WEEK; h++) {
          if (cover[s][h] === 0 || calls[h] === 0) continue;
          gain += weight * calls[h] * (modelMetric(t, model, level[h] + cover[s][h], load[h]) - modelMetric(t, model, level[h], load[h]));
        }
      }
      const v = cost[s] > 0 ? gain / cost[s] : gain;
      if (v > bestValue + 1e-12) {
        best = s;
        bestValue = v;
      }
    });
    cover[best].forEach((v, h) => (level[h] += v));
    steps.push({ shift: shifts[best].name, valuePerGbp: bestValue });
  }
  return steps;
}

/** The first `count` places of an order, by shift name (shifts in the group's order, zeros kept out). */
export function spreadOf(order: readonly PlacementStep[], count: number, shiftNames: readonly string[]): Record<string, number> {
  const n = new Map<string, number>();
  for (const s of order.slice(0, count)) n.set(s.shift, (n.get(s.shift) ?? 0) + 1);
  return Object.fromEntries(shiftNames.filter((s) => n.has(s)).map((s) => [s, n.get(s)!]));
}
