import type { KeyProblem } from './types.js';

/** An investment section that cannot be priced or applied: each problem with its key path. */
export class InvestmentError extends Error {
  constructor(readonly problems: KeyProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    this.name = 'InvestmentError';
  }
}
