import { spreadPlaces } from '../investment/spreadPlaces.js';
import type { ReplicationResult } from '../metrics/ReplicationResult.js';
import type { Override, Scenario } from '../scenario/load.js';
import { foldWeek } from '../staffing/weekMeasures.js';
import type { Progress } from '../study/pool.js';
import { AllocateError } from './AllocateError.js';
import { CrnEvaluator, type Evaluated } from './CrnEvaluator.js';
import { greedySearch, round, type SearchStep } from './greedySearch.js';
import { investmentMenu } from './investmentMenu.js';
import type { Allocation, Menu } from './Menu.js';
import { objectiveReader, type Objective } from './Objective.js';
import { placementOrder, spreadOf, type PlacementStep } from './placePlaces.js';

export interface AllocationOptions {
  file: string;
  /** --set overrides (the evaluation window among them). */
  sets: readonly Override[];
  budgetGbp?: number;
  objective: Objective;
  seed?: number;
  replications?: number;
  workers: number;
  onProgress?: (p: Progress, doing: string) => void;
}

/**
 * A lever's marginal value: one step of it, paired over the replications. `first`: its first
 * step from the start (every lever at its minimum); `last`: the step into the chosen
 * allocation (from one step below it); `next`: one step beyond the chosen allocation.
 */
export interface Marginal {
  lever: string;
  step: 'first' | 'last' | 'next';
  unitsFrom: number;
  unitsTo: number;
  /** What the step costs, pounds a year. */
  costGbp: number;
  /** Per replication: objective at unitsTo - objective at unitsFrom. */
  objectiveChange: number[];
  /** Per replication: the change per £100k. */
  pointsPer100kGbp: number[];
}

export interface AllocationResult {
  menu: Menu;
  objective: Objective;
  scenario: Scenario;
  seed: number;
  replications: number;
  start: Evaluated;
  chosen: Evaluated;
  shipped: Evaluated;
  steps: SearchStep[];
  marginals: Marginal[];
  /** Per places lever: where each successive place goes, and the local model's value of it. */
  placement: Map<string, PlacementStep[]>;
  history: Evaluated[];
  warnings: string[];
}

/**
 * The best use of a budget (README, "Allocating a budget"): the menu's levers varied over
 * their ranges on common random numbers, places placed by the staffing tools' local model
 * (placePlaces.ts), the allocation found by greedy marginal analysis with re-evaluation and an
 * exchange pass (greedySearch.ts); then the marginal value of each lever at the start and at
 * the allocation chosen, and the file's own (shipped) allocation simulated beside it. Bad
 * input (no levers, a budget below any step, an objective the scenario cannot give) throws
 * before any simulation.
 */
export async function runAllocation(o: AllocationOptions): Promise<AllocationResult> {
  const menu = investmentMenu(o.file, o.sets, o.budgetGbp);
  const levers = menu.levers;
  const orders = new Map<string, PlacementStep[]>();
  const shiftNames = new Map<string, string[]>();
  const minUnits = levers.map((l) => l.min);
  const atMin = baseSpreads(menu, minUnits);
  const startScenario = menu.scenarioOf({ units: minUnits, spreads: atMin });
  for (const l of levers) if (l.kind === 'places') shiftNames.set(l.name, Object.keys(startScenario.handlers[l.group!]?.shifts ?? {}));
  const at = (units: readonly number[]): Allocation => ({
    units: units.map(round),
    spreads: levers.map((l, i) => {
      if (l.kind !== 'places') return undefined;
      const base = atMin[i] as Record<string, number>;
      const extra = spreadOf(orders.get(l.name) ?? [], units[i] - l.min, shiftNames.get(l.name)!);
      const names = shiftNames.get(l.name)!;
      return Object.fromEntries(names.map((s) => [s, (base[s] ?? 0) + (extra[s] ?? 0)] as const).filter(([, n]) => n > 0));
    }),
  });
  const reader = objectiveReader(o.objective, startScenario, o.file);

  // bad input before any simulation: the budget must pay for the minimum and one step of something
  const costAt = (units: readonly number[]) => menu.costOf(at(units)).totalGbp;
  const minCost = costAt(minUnits);
  if (minCost > menu.budgetGbp + 1e-6) {
    throw new AllocateError(`${o.file}: investment.budget_gbp: the budget ${gbpText(menu.budgetGbp)} is below what the levers cost at their minimum, ${gbpText(minCost)} (${levers.map((l, i) => `${l.name} ${gbpText(menu.costOf(at(minUnits)).leverGbp[i])}`).join(', ')}); expected --budget of at least that`);
  }
  // what one more place on a shift costs (a night shift's place is paid longer hours)
  const onePlace = (i: number, shift: string) => {
    const units = minUnits.map((u, j) => (j === i ? u + 1 : u));
    const spreads = atMin.map((s, j) => (j === i ? { ...(s as Record<string, number>), [shift]: ((s as Record<string, number>)[shift] ?? 0) + 1 } : s));
    return menu.costOf({ units, spreads }).totalGbp - minCost;
  };
  const stepCosts = levers.map((l, i) => {
    if (!(l.max > l.min)) return Infinity;
    if (l.kind === 'places') return l.step * Math.min(...shiftNames.get(l.name)!.map((s) => onePlace(i, s)));
    return costAt(minUnits.map((u, j) => (j === i ? u + l.step : u))) - minCost;
  });
  const cheapest = Math.min(...stepCosts);
  if (minCost + cheapest > menu.budgetGbp + 1e-6) {
    throw new AllocateError(
      `${o.file}: investment.budget_gbp: the budget ${gbpText(menu.budgetGbp)} buys no step of any lever (the cheapest step, ${levers[stepCosts.indexOf(cheapest)].name} +${levers[stepCosts.indexOf(cheapest)].step}, costs ${gbpText(cheapest)}${minCost > 0 ? ` on top of ${gbpText(minCost)} for the levers' minimum` : ''}); expected a larger --budget`,
    );
  }
  const seed = o.seed ?? startScenario.seed ?? 1;
  const replications = o.replications ?? startScenario.replications ?? 1;
  const evaluator = new CrnEvaluator(menu, reader, { seed, replications, workers: o.workers, onProgress: o.onProgress });

  // where places go: the staffing tools' local model on the start allocation's simulation, by hour of the week
  let startResults: ReplicationResult[] = [];
  await evaluator.evaluate([at(minUnits)], 'start', (_i, results) => (startResults = results));
  const placesLevers = levers.filter((l) => l.kind === 'places' && l.max > l.min);
  if (placesLevers.length > 0) {
    const week = foldWeek(startScenario, startResults);
    for (const l of placesLevers) {
      const i = levers.indexOf(l);
      orders.set(l.name, placementOrder(startScenario, week, l.group!, l.max - l.min, o.objective, (shift) => onePlace(i, shift)));
    }
  }

  const search = await greedySearch(menu, evaluator, at);
  const chosen = search.chosen;
  const chosenUnits = chosen.allocation.units;
  const shippedAllocation: Allocation = { units: levers.map((l) => l.stated), spreads: levers.map((l) => (l.kind === 'places' ? l.statedShifts : undefined)) };
  // the marginal value of each lever one step either side of the choice, and the shipped plan, in one batch
  const moves = levers.flatMap((l, i) =>
    (['up', 'down'] as const)
      .map((direction) => ({ i, direction, units: chosenUnits.map((u, j) => (j === i ? round(u + (direction === 'up' ? l.step : -l.step)) : u)) }))
      .filter((m) => l.max > l.min && m.units[i] >= l.min - 1e-9 && m.units[i] <= l.max + 1e-9),
  );
  const [shipped, ...moved] = await evaluator.evaluate([shippedAllocation, ...moves.map((m) => at(m.units))], 'marginal values');
  const marginal = (lever: number, step: Marginal['step'], from: Evaluated, to: Evaluated): Marginal => {
    const costGbp = menu.costOf(to.allocation).totalGbp - menu.costOf(from.allocation).totalGbp;
    const change = to.objective.map((v, r) => v - from.objective[r]);
    return { lever: levers[lever].name, step, unitsFrom: from.allocation.units[lever], unitsTo: to.allocation.units[lever], costGbp, objectiveChange: change, pointsPer100kGbp: change.map((d) => (costGbp > 0 ? (d * 1e5) / costGbp : NaN)) };
  };
  const marginals: Marginal[] = [];
  search.firstSteps.forEach((e, i) => {
    if (e) marginals.push(marginal(i, 'first', search.start, e));
  });
  moves.forEach((m, n) => marginals.push(m.direction === 'up' ? marginal(m.i, 'next', chosen, moved[n]) : marginal(m.i, 'last', moved[n], chosen)));

  const warnings: string[] = [];
  const shippedCost = menu.costOf(shippedAllocation).totalGbp;
  if (shippedCost > menu.budgetGbp + 1e-6) warnings.push(`the shipped plan costs ${gbpText(shippedCost)}, over the budget of ${gbpText(menu.budgetGbp)}: it is shown for comparison only`);
  levers.forEach((l, i) => {
    if (l.max > l.min && chosenUnits[i] >= l.max - 1e-9) warnings.push(`${l.name} ends at the top of its range (${l.max}): more of it might buy more; widen its range to see`);
  });
  return { menu, objective: o.objective, scenario: startScenario, seed, replications, start: search.start, chosen, shipped, steps: search.steps, marginals, placement: orders, history: evaluator.history, warnings };
}

/** Each places lever's minimum spread as the file would give it (by_places), as places by shift; undefined for level levers. */
function baseSpreads(menu: Menu, units: readonly number[]): (Record<string, number> | undefined)[] {
  const scenario = menu.scenarioOf({ units: units.map(() => 0).map((_, i) => (menu.levers[i].kind === 'places' ? 0 : units[i])), spreads: menu.levers.map((l) => (l.kind === 'places' ? {} : undefined)) });
  return menu.levers.map((l, i) => {
    if (l.kind !== 'places') return undefined;
    const shifts = scenario.handlers[l.group!]?.shifts ?? {};
    if (units[i] === 0) return {};
    const spread = spreadPlaces(units[i], new Map(Object.entries(shifts).map(([n, s]) => [n, s.staff])));
    return Object.fromEntries([...spread].filter(([, n]) => n > 0));
  });
}

const gbpText = (x: number) => `£${Math.round(x).toLocaleString('en-GB')}`;
