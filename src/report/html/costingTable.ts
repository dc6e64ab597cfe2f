import { fmt } from '../format.js';
import type { HeadlineTable } from './page.js';

/** What report.html reads of run.json's `investment` (src/investment/costingReport.ts writes it). */
export interface InvestmentFacts {
  parts?: string;
  budget_gbp: number;
  budget_source?: string;
  levers: { name: string; kind: string; description?: string; source: string; count?: number; level?: number; fte: number | null; cost_gbp: number }[];
  total_gbp: number;
  other_changes: { name: string; description?: string; source: string; applied: boolean }[];
}

const pounds = (x: number) => `£${Math.round(x).toLocaleString('en-GB')}`;

/** The costing table of a scenario with an investment: each lever, the total against the budget, and the other changes apart. */
export function costingTable(inv: InvestmentFacts): HeadlineTable {
  const rows = inv.levers.map((l) => [
    l.name,
    l.description ?? '',
    l.kind === 'places' ? `${l.count} places` : `level ${l.level}`,
    l.fte === null ? '' : fmt(l.fte, 2),
    pounds(l.cost_gbp),
    l.source,
  ]);
  rows.push(['total', '', '', '', pounds(inv.total_gbp), ''], ['budget', '', '', '', pounds(inv.budget_gbp), inv.budget_source ?? '']);
  for (const o of inv.other_changes) rows.push([o.name, o.description ?? '', o.applied ? 'other change' : 'other change, not applied here', '', 'not paid for', o.source]);
  return {
    headers: ['lever', 'what', 'count or level', 'FTE', 'cost a year', 'source'],
    rows,
    textColumns: 3,
    // what each lever is, and its source, wrap: they are sentences
    wrapColumns: [1, 5],
    note:
      'From run.json (investment): each lever\'s cost is derived, not typed in: places from the shifts\' paid hours over the contracted week (staff\'s FTE rule) times the loaded cost of an FTE (planning.costs); ' +
      'other levers from their FTE-years or pounds times their level. Other changes are what the money did not pay for: applied after the levers and never priced. run.json lists each derivation line by line.',
  };
}
