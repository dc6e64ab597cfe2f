import type { AppliedChange, InvestmentParts } from './applyInvestment.js';
import type { Costing } from './priceInvestment.js';
import type { InvestmentSpec, OtherChangesSpec } from './types.js';

/** How to load a scenario with `investment:` (allocate and compare choose; every command defaults). */
export interface InvestmentOptions {
  /** Levers at other counts (places) or levels (set) than the file's, by lever name. */
  levelsByName?: ReadonlyMap<string, number>;
  /** 'all' (default), 'investment-only' (the levers without other_changes) or 'none' (the base). */
  parts?: InvestmentParts;
  /** 'refuse' (default): a plan over budget is a problem; 'allow': priced and flagged (for allocate's search). */
  budget?: 'refuse' | 'allow';
}

/** What a scenario's investment section came to: its costing, what each lever and other change set, which parts were applied. */
export interface InvestmentReport {
  costing: Costing | null;
  applied: AppliedChange[];
  parts: InvestmentParts;
  /** The file's sections as validated (levers at the file's own counts and levels). */
  investment?: InvestmentSpec;
  otherChanges?: OtherChangesSpec;
}
