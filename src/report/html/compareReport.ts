import { fmt } from '../format.js';
import { compareByHourCharts } from './charts/compareByHour.js';
import { num } from './Chart.js';
import { htmlPage, type HeadlineTable } from './page.js';
import { ReportError } from './ReportError.js';
import type { ReportSource, Rows } from './ReportSource.js';
import { horizonText, pm, scenarioCharts, scenarioReports } from './runReport.js';
import { costingTable } from './costingTable.js';

/** compare.json: which scenario folder is the baseline and which the variant. */
export interface CompareFacts {
  format: string;
  baseline: string;
  variant: string;
  /** With an investment: the folder of the variant's levers alone (comparison_parts.csv splits the effect). */
  investment_only?: string;
}

/** The headline metrics, in this order (as `compare` prints them). */
const SHOWN: [metric: string, label: (targetSeconds: string) => string][] = [
  ['answered_within_target_pct', (t) => `answered within ${t} s, % of answered`],
  ['service_level_pct', (t) => `answered within ${t} s, % of offered`],
  ['abandoned_pct', () => 'abandoned, %'],
  ['mean_answer_seconds', () => 'mean answer time, s'],
  ['p90_answer_seconds', () => '90th percentile answer time, s'],
];

function compareHeadline(rows: Rows, names: [string, string], targets: ReadonlyMap<string, string>, replications: number): HeadlineTable {
  const find = (metric: string, contact: string) => rows.find((r) => r.metric === metric && r.contact === contact);
  const lines: string[][] = [];
  for (const contact of [...new Set(rows.map((r) => r.contact))].filter((c) => c !== 'all')) {
    const abandoned = find('abandoned_pct', contact);
    for (const [metric, label] of SHOWN) {
      const r = find(metric, contact);
      if (!r) continue;
      if (metric === 'abandoned_pct' && abandoned && num(abandoned.baseline) === 0 && num(abandoned.variant) === 0) continue;
      lines.push([contact, label(targets.get(contact) ?? '?'), pm(r.baseline, r.baseline_ci95), pm(r.variant, r.variant_ci95), pm(r.difference, r.difference_ci95)]);
    }
  }
  const graded = find('true_i_graded_lower_pct', 'all');
  if (graded) lines.push(['all', 'true I calls graded lower, %', pm(graded.baseline, graded.baseline_ci95), pm(graded.variant, graded.variant_ci95), pm(graded.difference, graded.difference_ci95)]);
  return {
    headers: ['contact', 'metric', names[0], names[1], 'difference'],
    rows: lines,
    textColumns: 2,
    note:
      `From comparison.csv: means over ${replications} paired replication${replications === 1 ? '' : 's'} on common random numbers; the difference is ` +
      `${names[1]} minus ${names[0]}, replication by replication` +
      (replications > 1 ? '; ± is the half-width of the 95% confidence interval (the 90th percentiles pool all calls and have none).' : '.'),
  };
}

/** comparison_parts.csv as a table: what the levers did alone, what the other changes added, and both. */
function partsTable(rows: Rows, targets: ReadonlyMap<string, string>): HeadlineTable {
  const find = (metric: string, contact: string, part: string) => rows.find((r) => r.metric === metric && r.contact === contact && r.part === part);
  const lines: string[][] = [];
  for (const contact of [...new Set(rows.map((r) => r.contact))]) {
    for (const [metric, label] of [...SHOWN.filter(([m]) => m !== 'p90_answer_seconds'), ['true_i_graded_lower_pct', () => 'true I calls graded lower, %'] as const]) {
      const cells = ['investment', 'other_changes', 'total'].map((p) => find(metric, contact, p));
      if (cells.some((c) => !c) || cells.every((c) => num(c!.difference) === 0)) continue;
      lines.push([contact, label(targets.get(contact) ?? '?'), ...cells.map((c) => pm(c!.difference, c!.difference_ci95))]);
    }
  }
  return {
    headers: ['contact', 'metric', 'investment (levers only)', 'other changes', 'total'],
    rows: lines,
    textColumns: 2,
    note: "From comparison_parts.csv: the difference split, replication by replication on common random numbers, into the investment's levers alone (the variant without its other_changes, minus the baseline) and the other changes (the full variant minus the levers alone); they add up to the total. ± is the half-width of the 95% confidence interval.",
  };
}

/** report.html of a compare: the before/after table, the hour-of-day differences, and both scenarios' charts side by side. */
export async function compareReportHtml(src: ReportSource): Promise<string> {
  const facts = src.json<CompareFacts>('compare.json');
  if (!facts?.baseline || !facts.variant) throw new ReportError(`${src.dir}: compare.json names no baseline and variant; expected the --out folder of a compare`);
  const names: [string, string] = [facts.baseline, facts.variant];
  const base = await scenarioReports(src.sub(facts.baseline));
  const variant = await scenarioReports(src.sub(facts.variant));
  const targets = new Map(base.reports.summary.map((s) => [s.contact, s.target_seconds]));
  const comparison = await src.rows('comparison.csv');
  if (comparison.length === 0) throw new ReportError(`${src.dir}: no comparison.csv; expected the --out folder of a compare`);
  const hours = await src.rows('comparison_hours.csv');
  const s = base.run.scenario;
  return htmlPage({
    title: `metcc-sim: ${names[0]} and ${names[1]}`,
    meta: [
      ...(variant.run.scenario.description ? [variant.run.scenario.description.trim()] : []),
      `${horizonText(s.horizon)}; ${base.run.replications} paired replications from seed ${base.run.seed}, on common random numbers (replication k of both sees the same callers).`,
    ],
    headline: [
      compareHeadline(comparison, names, targets, base.run.replications),
      ...(facts.investment_only && src.has('comparison_parts.csv') ? [partsTable(await src.rows('comparison_parts.csv'), targets)] : []),
      ...(variant.run.investment ? [costingTable(variant.run.investment)] : []),
    ],
    charts: [...compareByHourCharts(hours, names, new Map([...targets].map(([c, t]) => [c, Number(t)]))), ...scenarioCharts([base.reports, variant.reports])],
    footer:
      `Drawn by metcc-sim ${base.run.version} from the reports in this folder (compare.json, comparison.csv, comparison_hours.csv, and ${names[0]}/ and ${names[1]}/, ` +
      `each with its own report.html); 'metcc-sim report <folder>' draws it again. ${fmt(base.run.replications, 0)} replications each.`,
  });
}
