import type { InvestmentReport } from './InvestmentReport.js';
import { gbp } from './priceInvestment.js';

const round2 = (x: number) => Math.round(x * 100) / 100;
const changesOf = (report: InvestmentReport, section: string, name: string) => report.applied.find((a) => a.section === section && a.name === name)?.changes ?? [];

/** run.json's `investment` record: the budget, each lever's costing, the total, the other changes. */
export function costingJson(report: InvestmentReport): Record<string, unknown> {
  const c = report.costing;
  return {
    parts: report.parts,
    budget_gbp: c?.budgetGbp ?? 0,
    ...(c?.budgetSource !== undefined ? { budget_source: c.budgetSource } : {}),
    levers: (c?.levers ?? []).map((l) => ({
      name: l.lever,
      kind: l.kind,
      ...(l.description !== undefined ? { description: l.description } : {}),
      source: l.source,
      [l.kind === 'places' ? 'count' : 'level']: l.at,
      ...(l.shifts ? { places_by_shift: Object.fromEntries(l.shifts.filter((s) => s.places > 0).map((s) => [s.shift, s.places])) } : {}),
      fte: l.fte === null ? null : round2(l.fte * 1000) / 1000,
      cost_gbp: round2(l.costGbp),
      derivation: l.derivation,
      changes: report.parts === 'none' ? [] : changesOf(report, 'investment.levers', l.lever),
    })),
    total_gbp: round2(c?.totalGbp ?? 0),
    ...(c?.fteCost ? { fte_cost_gbp_per_year: round2(c.fteCost[c.fteCost.length - 1].poundsPerFteYear), contracted_hours_per_week: c.contractedHoursPerWeek } : {}),
    other_changes: Object.entries(report.otherChanges ?? {}).map(([name, o]) => ({
      name,
      ...(o.description !== undefined ? { description: o.description } : {}),
      source: o.source,
      applied: report.parts === 'all',
      changes: report.parts === 'all' ? changesOf(report, 'other_changes', name) : [],
    })),
  };
}

/** The costing as printed by validate and run: each lever's cost and derivation, the total against the budget, the other changes. */
export function costingText(report: InvestmentReport): string[] {
  const out: string[] = [];
  const c = report.costing;
  if (c) {
    out.push(`investment: ${gbp(c.totalGbp)} a year of a budget of ${gbp(c.budgetGbp)}${c.budgetSource ? ` ${c.budgetSource}` : ''}${c.overBudget ? ' (OVER BUDGET)' : `, ${gbp(c.budgetGbp - c.totalGbp)} unspent`}`);
    for (const l of c.levers) {
      out.push(`  ${l.lever}: ${gbp(l.costGbp)} (${l.kind === 'places' ? `${l.at} places` : `level ${l.at}`})${l.description ? ` - ${l.description}` : ''} ${l.source}`);
      for (const d of l.derivation) out.push(`      ${d}`);
      for (const ch of changesOf(report, 'investment.levers', l.lever)) out.push(`      sets ${ch}`);
    }
  }
  const others = Object.entries(report.otherChanges ?? {});
  if (others.length) {
    out.push(`other changes (not paid for by the investment${report.parts === 'all' ? '' : '; not applied here'}):`);
    for (const [name, o] of others) {
      out.push(`  ${name}${o.description ? ` - ${o.description}` : ''} ${o.source}`);
      for (const ch of changesOf(report, 'other_changes', name)) out.push(`      sets ${ch}`);
    }
  }
  if (report.parts === 'investment-only') out.push('(the levers alone: other_changes not applied)');
  return out;
}
