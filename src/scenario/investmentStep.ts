import type { Problem } from './Problem.js';
import type { Scenario } from './resolve.js';
import type { InvestmentInput, OtherChangesInput } from './investmentSchema.js';
import { applyInvestment } from '../investment/applyInvestment.js';
import { InvestmentError } from '../investment/InvestmentError.js';
import { overBudgetMessage, priceInvestment } from '../investment/priceInvestment.js';
import type { InvestmentOptions, InvestmentReport } from '../investment/InvestmentReport.js';

export type { InvestmentOptions, InvestmentReport };

type Validate = (raw: unknown) => { scenario: Scenario; problems: Problem[] };

/**
 * The investment step of loading (between `extends` and the late `--set`s): validate the whole
 * file once (investment and other_changes included, with the base's own checks), price the
 * levers on the base, refuse a plan over budget, and apply the parts asked for. Returns the
 * raw scenario to validate again, without the two sections. `validate` is load.ts's (passed in,
 * so this file does not import it back).
 */
export function investmentStep(raw: Record<string, unknown>, options: InvestmentOptions, validate: Validate): { raw: Record<string, unknown>; report?: InvestmentReport; problems: Problem[] } {
  const hasSections = Object.hasOwn(raw, 'investment') || Object.hasOwn(raw, 'other_changes');
  if (!hasSections) {
    if (options.levelsByName?.size) return { raw, problems: [{ path: 'investment', message: 'levels were given for levers, but the scenario has no investment section' }] };
    return { raw, problems: [] };
  }
  const whole = validate(raw);
  if (whole.problems.length) return { raw, problems: whole.problems };
  const { investment, other_changes: otherChanges, ...baseScenario } = whole.scenario as Scenario & { investment?: InvestmentInput; other_changes?: OtherChangesInput };
  const { investment: _i, other_changes: _o, ...baseRaw } = raw;
  try {
    const costing = investment ? priceInvestment(investment, baseScenario as Scenario, options.levelsByName) : null;
    const problems: Problem[] = [];
    if (costing?.overBudget && (options.budget ?? 'refuse') === 'refuse') problems.push({ path: 'investment.levers', message: overBudgetMessage(costing) });
    const parts = options.parts ?? 'all';
    const { raw: out, applied } = applyInvestment(baseRaw, baseScenario as Scenario, investment, otherChanges, { levelsByName: options.levelsByName, parts });
    return { raw: out, report: { costing, applied, parts, ...(investment ? { investment } : {}), ...(otherChanges ? { otherChanges } : {}) }, problems };
  } catch (err) {
    if (err instanceof InvestmentError) return { raw, problems: err.problems };
    throw err;
  }
}

/** A problem found after the levers were applied names the lever or change that set its key. */
export function nameOrigin(problems: Problem[], report: InvestmentReport | undefined): Problem[] {
  if (!report) return problems;
  return problems.map((p) => {
    const by = report.applied.find((a) => a.paths.some((k) => p.path === k || p.path.startsWith(`${k}.`)));
    return by ? { ...p, message: `${p.message} (set by ${by.section}.${by.name})` } : p;
  });
}
