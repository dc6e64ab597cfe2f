import { priceInvestment } from '../investment/priceInvestment.js';
import { loadScenario, type Override } from '../scenario/load.js';
import type { InvestmentInput } from '../scenario/investmentSchema.js';
import { AllocateError } from './AllocateError.js';
import type { Allocation, Costing, Menu, MenuLever, Spread } from './Menu.js';

/** Steps a set lever's range is tried in when the file gives no step: quarters of the range. */
export const DEFAULT_LEVEL_STEPS = 4;

/**
 * The menu of a scenario file's `investment:` section (src/investment): every lever with a
 * range is varied over it (places in whole steps, default 1; a set lever's level, default a
 * quarter of its range); a lever without one stays at the file's count or level and its cost
 * counts against the budget. Allocations load as "what the money bought" (the levers without
 * other_changes, which are not the money's and are the same for every allocation), the
 * budget checked here (the file's own budget_gbp does not limit another --budget).
 */
export function investmentMenu(file: string, sets: readonly Override[], budgetGbp?: number): Menu {
  const loaded = loadScenario(file, sets, { parts: 'investment-only', budget: 'allow' });
  const investment: InvestmentInput | undefined = loaded.investment?.investment;
  if (!investment || Object.keys(investment.levers).length === 0) {
    throw new AllocateError(`${file}: investment.levers: no levers to allocate; expected an investment section with levers, each with a range ({ min, max, step }) allocate may vary`);
  }
  const base = loadScenario(file, sets, { parts: 'none', budget: 'allow' }).scenario;
  const levers: MenuLever[] = Object.entries(investment.levers).map(([name, l]) => {
    const range = l.places?.range ?? l.range;
    const stated = l.places ? l.places.count : (l.level ?? 1);
    const min = range?.min ?? stated;
    const max = range?.max ?? stated;
    const step = range?.step ?? (l.places ? 1 : (max - min) / DEFAULT_LEVEL_STEPS || 1);
    if (l.places && (!Number.isInteger(min) || !Number.isInteger(max) || !Number.isInteger(step))) {
      throw new AllocateError(`${file}: investment.levers.${name}.places.range: expected whole numbers of places (min, max and step), got ${JSON.stringify(range)}`);
    }
    return {
      name,
      kind: l.places ? 'places' : 'level',
      ...(l.places ? { group: l.places.group, statedShifts: l.places.shifts } : {}),
      min, max, step, stated,
      source: l.source,
      ...(l.description !== undefined ? { description: l.description } : {}),
    };
  });
  if (!levers.some((l) => l.max > l.min)) {
    throw new AllocateError(`${file}: investment.levers: no lever has a range to vary (${levers.map((l) => l.name).join(', ')}); expected at least one with range: { min, max, step } (places.range for a places lever)`);
  }
  const budget = budgetGbp ?? investment.budget_gbp;

  const withAllocation = (a: Allocation): InvestmentInput => ({
    ...investment,
    budget_gbp: budget,
    levers: Object.fromEntries(levers.map((lever, i) => {
      const l = investment.levers[lever.name];
      if (lever.kind === 'places') return [lever.name, { ...l, places: { ...l.places!, count: a.units[i], shifts: spreadFor(a.spreads[i], a.units[i]) } }];
      return [lever.name, { ...l, level: a.units[i] }];
    })),
  });

  const overridesOf = (a: Allocation): Override[] =>
    levers.flatMap((lever, i) => {
      const at = `investment.levers.${lever.name}`;
      if (lever.kind === 'level') return [{ keyPath: `${at}.level`, value: a.units[i] }];
      return [
        { keyPath: `${at}.places.count`, value: a.units[i] },
        { keyPath: `${at}.places.shifts`, value: spreadFor(a.spreads[i], a.units[i]) },
      ];
    });

  return {
    file,
    levers,
    budgetGbp: budget,
    scenarioOf: (a) => loadScenario(file, [...sets, ...overridesOf(a)], { parts: 'investment-only', budget: 'allow' }).scenario,
    overridesOf: (a) => [{ keyPath: 'investment.budget_gbp', value: budget }, ...overridesOf(a)],
    costOf: (a): Costing => {
      const c = priceInvestment(withAllocation(a), base);
      return { totalGbp: c.totalGbp, leverGbp: levers.map((l) => c.levers.find((x) => x.lever === l.name)?.costGbp ?? 0) };
    },
  };
}

/** A spread as the file states it: by_places, or places by shift (summing to the count). */
function spreadFor(s: Spread | undefined, count: number): Spread {
  if (s === undefined || typeof s === 'string') return 'by_places';
  const sum = Object.values(s).reduce((a, b) => a + b, 0);
  if (sum !== count) throw new Error(`allocate: a spread of ${sum} places for a count of ${count}`);
  return { ...s };
}
