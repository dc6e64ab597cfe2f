/**
 * The investment as a model (issue 11, point 1): a scenario's `investment:` (a budget and the
 * levers it pays for) and `other_changes:` (what the money did not pay for), priced and applied.
 * The file format is src/scenario/investmentSchema.ts; loading applies it (src/scenario/load.ts).
 *
 * The API (for `allocate`, `compare`, `uncertainty`):
 *
 * - `loadScenario(file, sets, { levelsByName, parts, budget })` (src/scenario/load.ts): the scenario
 *   with the levers applied, each at `levelsByName.get(name)` if given (a places lever's count, a
 *   set lever's level 0..1) else at the file's; `parts`: 'all' (default), 'investment-only' (the
 *   levers, no other_changes: "what the money bought") or 'none' (the base); `budget: 'allow'`
 *   prices a plan over budget instead of refusing it. `loaded.investment` is its InvestmentReport:
 *   `costing` (see below), `applied` (each lever's and change's changed keys), `parts`.
 * - `validateScenario(raw, options)` (src/scenario/load.ts): the same for a scenario object.
 * - `leversOf(loaded.investment)`: the levers as a list (name, kind, the count or level it was
 *   loaded at, the range allocate may vary it over, its cost there), in file order.
 * - `priceInvestment(investment, base, levelsByName?)`: the Costing of levers on a base scenario
 *   (resolved, without the investment applied): every lever's cost with its derivation line by
 *   line, the total, the budget, `overBudget`. A places lever: count x the shifts' paid hours a
 *   week / contracted hours (staff's FTE rule) x the loaded FTE cost (src/staffing/fteCost.ts);
 *   a set lever: cost.fte x level x the loaded FTE cost, or cost.gbp x level.
 * - `applyInvestment(baseRaw, base, investment, otherChanges, { levelsByName, parts })`: the raw
 *   scenario with the parts applied (to validate), and what each part changed.
 * - `costingJson(report)`: run.json's `investment` record; `costingText(report)`: the printed costing.
 */
export { applyInvestment, type AppliedChange, type InvestmentParts } from './applyInvestment.js';
export { priceInvestment, overBudgetMessage, gbp, DEFAULT_CONTRACTED_HOURS, type Costing, type LeverCost } from './priceInvestment.js';
export { spreadPlaces } from './spreadPlaces.js';
export { placeShifts, paidHoursPerWeekOfPlace, type PlacedShift } from './placeShifts.js';
export { InvestmentError } from './InvestmentError.js';
export { leversOf, type Lever } from './leversOf.js';
export { costingJson, costingText } from './costingReport.js';
export { fteCost, type CostLine } from './fteCost.js';
export type { InvestmentOptions, InvestmentReport } from './InvestmentReport.js';
export type * from './types.js';
