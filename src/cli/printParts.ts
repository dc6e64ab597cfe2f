import type { PartRow } from '../metrics/comparisonParts.js';
import type { InvestmentReport } from '../investment/InvestmentReport.js';
import { gbp } from '../investment/priceInvestment.js';
import { fmt } from '../report/format.js';
import type { Io } from './Io.js';
import { textTable } from './print.js';

const SHOWN: [metric: string, label: (targetSeconds: number) => string][] = [
  ['answered_within_target_pct', (t) => `answered within ${fmt(t)} s, % of answered`],
  ['abandoned_pct', () => 'abandoned %'],
  ['mean_answer_seconds', () => 'mean answer time, s'],
];

const signed = (mean: number, half: number | null, d = 1) => {
  const m = `${mean > 0 ? '+' : ''}${fmt(mean, d)}`;
  return half === null ? m : `${m} ± ${fmt(half, d)}`;
};

/**
 * The before/after split into its parts (comparison_parts.csv): what the investment's levers
 * did alone, what the other changes did on top, and both; each a paired mean difference with
 * its interval. A metric whose every part is zero (abandonment where nobody hangs up) is left out.
 */
export function printParts(io: Io, parts: readonly PartRow[], investment: InvestmentReport, targetSeconds: ReadonlyMap<string, number>, confidence = 0.95): void {
  const c = investment.costing;
  const others = Object.keys(investment.otherChanges ?? {});
  const money = c ? `the ${gbp(c.totalGbp)} a year of levers (budget ${gbp(c.budgetGbp)}: ${c.levers.filter((l) => l.costGbp > 0).map((l) => l.lever).join(', ') || 'none'})` : 'the investment';
  io.out(`What ${money} bought, and the other changes (${others.join(', ') || 'none'}), apart: paired differences on common random numbers (± is the ${Number((confidence * 100).toFixed(4))}% confidence half-width)`);
  const find = (metric: string, contact: string, part: string) => parts.find((r) => r.metric === metric && r.contact === contact && r.part === part);
  const lines: string[][] = [];
  const contacts = [...new Set(parts.map((r) => r.contact))].filter((x) => x !== 'all');
  const row = (contact: string, metric: string, label: string) => {
    const [inv, oth, tot] = (['investment', 'other_changes', 'total'] as const).map((p) => find(metric, contact, p));
    if (!inv || !oth || !tot) return;
    if ([inv, oth, tot].every((r) => r.difference === 0 && (r.differenceCi95 ?? 0) === 0)) return;
    lines.push([contact, label, signed(inv.difference, inv.differenceCi95), signed(oth.difference, oth.differenceCi95), signed(tot.difference, tot.differenceCi95)]);
  };
  for (const contact of contacts) for (const [metric, label] of SHOWN) row(contact, metric, label(targetSeconds.get(contact) ?? NaN));
  row('all', 'true_i_graded_lower_pct', 'true I calls graded lower %');
  io.out(textTable(['contact', 'metric', 'investment (levers only)', 'other changes', 'total'], lines));
}
