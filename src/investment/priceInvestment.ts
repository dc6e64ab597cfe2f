import { fteCost, type CostLine } from './fteCost.js';
import type { InvestmentSpec, LeverSpec, ScenarioView } from './types.js';
import { InvestmentError } from './InvestmentError.js';
import { placeShifts, type PlacedShift } from './placeShifts.js';

/** staff's contracted week when planning gives none (src/staffing/planRoster.ts, DEFAULT_CONTRACTED_HOURS; a test checks they agree). */
export const DEFAULT_CONTRACTED_HOURS = 37.5;

/** One lever priced: what it is set to, how its cost is worked out line by line, and the cost. */
export interface LeverCost {
  lever: string;
  kind: 'places' | 'set';
  description?: string;
  source: string;
  /** Places: the count bought; set: the level (0..1). */
  at: number;
  /** Places: where they go. */
  shifts?: PlacedShift[];
  /** FTE-years a year the cost stands for (places: paid hours / contracted hours; set with cost.fte: fte x level); null for a cost in pounds. */
  fte: number | null;
  costGbp: number;
  /** The derivation, one step a line, each ending with its source tag. */
  derivation: string[];
}

/** The investment priced: the budget, every lever's cost, the total and the loaded FTE cost used. */
export interface Costing {
  budgetGbp: number;
  budgetSource?: string;
  levers: LeverCost[];
  totalGbp: number;
  /** The loaded cost of an FTE-year (planning.costs through src/staffing/fteCost.ts), with its lines; null without planning.costs. */
  fteCost: CostLine[] | null;
  contractedHoursPerWeek: number;
  overBudget: boolean;
}

export const gbp = (x: number) => `£${Math.round(x).toLocaleString('en-GB')}`;
/** x to at most d decimals, trailing zeros dropped (27.5, not 27.50). */
const num = (x: number, d = 2) => String(Number(x.toFixed(d)));

/**
 * Price an investment on its base scenario (the file without the investment applied): each
 * lever at `levels.get(name)` if given, else at its own count (places) or level (set, default 1).
 * Places: count x (each shift's paid hours a week / contracted hours) = FTE, x the loaded FTE
 * cost; a set lever: cost.fte x level FTE at the loaded cost, or cost.gbp x level.
 * Throws InvestmentError (with key paths) when a cost cannot be derived (no planning.costs).
 */
export function priceInvestment(investment: InvestmentSpec, base: ScenarioView, levels: ReadonlyMap<string, number> = new Map()): Costing {
  const costs = base.planning?.costs ? fteCost(base.planning.costs) : null;
  const perFte = costs ? costs[costs.length - 1].poundsPerFteYear : null;
  const contracted = base.planning?.contracted_hours_per_week ?? DEFAULT_CONTRACTED_HOURS;
  const contractedSource = base.planning?.contracted_hours_per_week !== undefined ? 'planning.contracted_hours_per_week' : `staff's default, ${DEFAULT_CONTRACTED_HOURS} h`;
  const fteLine = () => (costs ? `loaded cost of an FTE-year ${gbp(perFte!)} = ${costs.slice(0, -1).map((l) => `${l.item} ${gbp(l.poundsPerFteYear)} ${l.source}`).join(' + ')}` : '');
  const needCosts = (at: string): number => {
    if (perFte === null) throw new InvestmentError([{ path: at, message: 'its cost is derived from the loaded cost of an FTE, and the scenario gives no planning.costs; expected planning.costs (pay, allowances, on_costs)' }]);
    return perFte;
  };
  const levers: LeverCost[] = [];
  for (const [name, lever] of Object.entries(investment.levers)) {
    const at = `investment.levers.${name}`;
    levers.push(lever.places ? placesCost(name, lever, at) : setCost(name, lever, at));
  }

  function placesCost(name: string, lever: LeverSpec, at: string): LeverCost {
    const effect = lever.places!;
    const count = levels.get(name) ?? effect.count;
    const shifts = placeShifts(effect, base, count, `${at}.places`);
    const hours = shifts.reduce((s, p) => s + p.places * p.paidHoursPerWeekPerPlace, 0);
    const fte = hours / contracted;
    const derivation = shifts.filter((p) => p.places > 0).map((p) => `${p.shift}: ${p.places} place${p.places === 1 ? '' : 's'} x ${num(p.paidHoursPerWeekPerPlace)} paid h a week = ${num(p.places * p.paidHoursPerWeekPerPlace)} h [D: the shift's days x its length, as staff counts a place]`);
    derivation.push(`${num(hours)} paid h a week / ${num(contracted)} contracted h = ${num(fte, 3)} FTE [D: staff's FTE rule; ${contractedSource}]`);
    if (count === 0) return { lever: name, kind: 'places', description: lever.description, source: lever.source, at: count, shifts, fte: 0, costGbp: 0, derivation };
    const each = needCosts(`${at}.places`);
    derivation.push(`${num(fte, 3)} FTE x ${gbp(each)} = ${gbp(fte * each)} a year [D: ${fteLine()}]`);
    return { lever: name, kind: 'places', description: lever.description, source: lever.source, at: count, shifts, fte, costGbp: fte * each, derivation };
  }

  function setCost(name: string, lever: LeverSpec, at: string): LeverCost {
    const level = levels.get(name) ?? lever.level ?? 1;
    const cost = lever.cost!;
    if ('fte' in cost) {
      const fte = cost.fte * level;
      const derivation = [`${num(cost.fte)} FTE-years at level 1 (${cost.basis}) x level ${num(level)} = ${num(fte, 3)} FTE ${lever.source}`];
      if (fte === 0) return { lever: name, kind: 'set', description: lever.description, source: lever.source, at: level, fte: 0, costGbp: 0, derivation };
      const each = needCosts(`${at}.cost`);
      derivation.push(`${num(fte, 3)} FTE x ${gbp(each)} = ${gbp(fte * each)} a year [D: ${fteLine()}]`);
      return { lever: name, kind: 'set', description: lever.description, source: lever.source, at: level, fte, costGbp: fte * each, derivation };
    }
    const derivation = [`${gbp(cost.gbp)} at level 1 (${cost.basis}) x level ${num(level)} = ${gbp(cost.gbp * level)} a year ${lever.source}`];
    return { lever: name, kind: 'set', description: lever.description, source: lever.source, at: level, fte: null, costGbp: cost.gbp * level, derivation };
  }

  const totalGbp = levers.reduce((s, l) => s + l.costGbp, 0);
  // pounds to the penny: a plan that spends the budget exactly is within it
  const overBudget = Math.round(totalGbp * 100) > Math.round(investment.budget_gbp * 100);
  return { budgetGbp: investment.budget_gbp, budgetSource: investment.budget_source, levers, totalGbp, fteCost: costs, contractedHoursPerWeek: contracted, overBudget };
}

/** The over-budget problem: the file's key path and each lever with its cost. */
export function overBudgetMessage(c: Costing): string {
  return `the levers cost ${gbp(c.totalGbp)} a year, over the budget of ${gbp(c.budgetGbp)} (investment.budget_gbp) by ${gbp(c.totalGbp - c.budgetGbp)}: ${c.levers.map((l) => `${l.lever} ${gbp(l.costGbp)}`).join(', ')}; expected a plan that costs at most the budget`;
}
