import type { FteCosts } from './types.js';

/** One line of the cost of an FTE-year: the item, how it is worked out, pounds and source. */
export interface CostLine {
  item: string;
  basis: string;
  poundsPerFteYear: number;
  source: string;
}

/**
 * The loaded cost of one FTE for a year from the scenario's cost keys (planning.costs): pay, each allowance
 * (pounds, or a percentage of pay), then on-costs as a percentage of pay plus allowances.
 * The last line is the total.
 *
 * @example fteCost({ pay: { pounds_per_fte_year: 26600, source: 'S' }, allowances: { shift: { pct_of_pay: 20, source: 'S' }, location: { pounds_per_fte_year: 2100, source: 'S' } }, on_costs: { pct: 30, source: 'A' } }).at(-1).poundsPerFteYear // 44226
 */
export function fteCost(costs: FteCosts): CostLine[] {
  const pay = costs.pay.pounds_per_fte_year;
  const lines: CostLine[] = [{ item: 'pay', basis: 'pounds a year', poundsPerFteYear: pay, source: costs.pay.source }];
  for (const [name, a] of Object.entries(costs.allowances ?? {})) {
    if ('pct_of_pay' in a) lines.push({ item: `allowance: ${name}`, basis: `${a.pct_of_pay}% of pay`, poundsPerFteYear: (pay * a.pct_of_pay) / 100, source: a.source });
    else lines.push({ item: `allowance: ${name}`, basis: 'pounds a year', poundsPerFteYear: a.pounds_per_fte_year, source: a.source });
  }
  const subtotal = lines.reduce((s, l) => s + l.poundsPerFteYear, 0);
  if (costs.on_costs) {
    lines.push({ item: 'on-costs', basis: `${costs.on_costs.pct}% of pay and allowances`, poundsPerFteYear: (subtotal * costs.on_costs.pct) / 100, source: costs.on_costs.source });
  }
  lines.push({ item: 'total', basis: 'loaded cost of an FTE', poundsPerFteYear: lines.reduce((s, l) => s + l.poundsPerFteYear, 0), source: '' });
  return lines;
}
