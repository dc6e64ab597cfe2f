import { fmtUnits } from './greedySearch.js';
import { describeObjective } from './Objective.js';
import { figure, pairedDifference, PLAN_METRICS, valuesOf } from './planFigures.js';
import type { AllocationResult } from './runAllocation.js';
import { plansOf, spreadText } from './writeAllocation.js';

const gbp = (x: number) => `£${Math.round(x).toLocaleString('en-GB')}`;
const pm = (f: { value: number; ci95: number | null }, d = 2, sign = false) =>
  Number.isFinite(f.value) ? `${sign && f.value >= 0 ? '+' : ''}${f.value.toFixed(d)}${f.ci95 === null ? '' : ` ± ${f.ci95.toFixed(d)}`}` : '-';
const pad = (s: string, n: number) => s.padEnd(n);

/** The printed result: marginal values, the plans side by side, and the sentence a planner reads. */
export function allocationTable(r: AllocationResult, window: string): string {
  const { menu } = r;
  const lines: string[] = [];
  lines.push(`Budget ${gbp(menu.budgetGbp)}; objective: ${describeObjective(r.objective)}`);
  lines.push(`Evaluated on ${window}, seed ${r.seed}, ${r.replications} replication${r.replications === 1 ? '' : 's'}, common random numbers; ${r.history.length} allocations simulated`);
  lines.push('');
  lines.push('Marginal value, objective points per £100k (95% CI)');
  const w = Math.max(8, ...menu.levers.map((l) => l.name.length)) + 2;
  lines.push(`${pad('lever', w)}${pad('first step (from the start)', 32)}${pad('last step (into the choice)', 32)}next step (beyond the choice)`);
  for (const l of menu.levers) {
    const cell = (step: string) => {
      const m = r.marginals.find((x) => x.lever === l.name && x.step === step);
      return m ? `${pm(figure(m.pointsPer100kGbp), 2, true)} (${fmtUnits(m.unitsFrom)}->${fmtUnits(m.unitsTo)})` : '-';
    };
    lines.push(`${pad(l.name, w)}${pad(cell('first'), 32)}${pad(cell('last'), 32)}${cell('next')}`);
  }
  lines.push('');
  const plans = plansOf(r);
  const cw = 26;
  const lw = Math.max(w, 31);
  lines.push(`${pad('', lw)}${plans.map(([p]) => pad(p === 'start' ? 'start (levers at min)' : p, cw)).join('')}`);
  menu.levers.forEach((l, i) => lines.push(`${pad(l.name, lw)}${plans.map(([, e]) => pad(fmtUnits(e.allocation.units[i]), cw)).join('')}`));
  lines.push(`${pad('cost', lw)}${plans.map(([, e]) => pad(gbp(menu.costOf(e.allocation).totalGbp), cw)).join('')}`);
  for (const [label, pick] of [...PLAN_METRICS.map((m) => [m.label, m.name] as const), ['objective', 'objective'] as const]) {
    lines.push(`${pad(label, lw)}${plans.map(([, e]) => pad(pm(figure(valuesOf(e, pick))), cw)).join('')}`);
  }
  menu.levers.forEach((l, i) => {
    if (l.kind !== 'places') return;
    for (const [p, e] of plans) if (e.allocation.units[i] > 0) lines.push(`${l.name} places by shift, ${p}: ${spreadText(e.allocation.spreads[i]) || '-'}`);
  });
  lines.push('');
  const d = pairedDifference(r.chosen, r.shipped, 'objective');
  const d999 = pairedDifference(r.chosen, r.shipped, '999_answered_within_10s_pct');
  const spend = gbp(menu.costOf(r.chosen.allocation).totalGbp);
  lines.push(
    `The same ${gbp(menu.budgetGbp)} (${spend} spent), placed like this, buys ${pm(d, 2, true)} objective points over the shipped plan` +
      (r.objective.name === 'weighted' ? ` (999 within 10 s ${pm(d999, 2, true)} points)` : ' of 999 answered within 10 s') +
      ` (paired difference, 95% CI over ${r.replications} replications).`,
  );
  for (const s of r.warnings) lines.push(`warning: ${s}`);
  return lines.join('\n');
}

