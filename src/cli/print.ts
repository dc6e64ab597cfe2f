import type { ContactSummary } from '../metrics/Aggregate.js';
import type { ComparisonRow } from '../metrics/comparison.js';
import { fmt } from '../report/format.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { Io } from './Io.js';

/** A loaded scenario's warnings, one line each naming the file and the key path. */
export function printWarnings(io: Io, loaded: Pick<LoadedScenario, 'file' | 'warnings'>): void {
  for (const w of loaded.warnings) io.err(`warning: ${loaded.file}: ${w.path}: ${w.message}`);
}

/** Lay out rows as a fixed-width text table (first column left-aligned, the rest right-aligned). */
export function textTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const level = (confidence: number) => `${Number((confidence * 100).toFixed(4))}%`;
const pm = (mean: number, half: number | null, d = 1) => (half === null ? fmt(mean, d) : `${fmt(mean, d)} ± ${fmt(half, d)}`);

/** The short summary a run prints: per contact type, service level, abandonment and ASA with 95% CIs. */
export function printSummary(io: Io, scenario: string, summary: ContactSummary[], replications: number, confidence = 0.95): void {
  io.out(`${scenario}: ${replications} replication${replications === 1 ? '' : 's'}${replications > 1 ? ` (± is the ${level(confidence)} confidence half-width)` : ''}`);
  io.out(
    textTable(
      ['contact', 'target s', 'offered', 'service level %', 'in target % of answered', 'abandoned %', 'mean answer s', 'p90 answer s'],
      summary.map((s) => [
        s.contact,
        fmt(s.targetSeconds),
        fmt(s.offered, 0),
        pm(s.serviceLevelPct, s.serviceLevelPctCi95),
        pm(s.answeredWithinTargetPct, s.answeredWithinTargetPctCi95),
        pm(s.abandonedPct, s.abandonedPctCi95),
        pm(s.meanAnswerSeconds, s.meanAnswerSecondsCi95),
        fmt(s.p90AnswerSeconds, 1),
      ]),
    ),
  );
}

/** The headline metrics `compare` prints, in this order. */
const SHOWN: [metric: string, label: (targetSeconds: number) => string][] = [
  ['answered_within_target_pct', (t) => `answered within ${fmt(t)} s, % of answered`],
  ['abandoned_pct', () => 'abandoned %'],
  ['mean_answer_seconds', () => 'mean answer time, s'],
  ['p90_answer_seconds', () => '90th percentile answer time, s'],
];

/**
 * The before/after table `compare` prints: per contact type the Home Office measure (answered
 * within target as a share of answered calls), abandonment (where anyone hangs up), mean and
 * 90th percentile answer times, and the share of true I calls graded lower; each with 95% CIs.
 */
export function printComparison(
  io: Io,
  baseline: string,
  variant: string,
  rows: ComparisonRow[],
  replications: number,
  targetSeconds: ReadonlyMap<string, number>,
  confidence = 0.95,
): void {
  io.out(`${baseline} -> ${variant}: ${replications} paired replication${replications === 1 ? '' : 's'} on common random numbers${replications > 1 ? ` (± is the ${level(confidence)} confidence half-width)` : ''}`);
  const find = (metric: string, contact: string) => rows.find((r) => r.metric === metric && r.contact === contact);
  const lines: string[][] = [];
  const contacts = [...new Set(rows.map((r) => r.contact))].filter((c) => c !== 'all');
  for (const contact of contacts) {
    const abandoned = find('abandoned_pct', contact);
    for (const [metric, label] of SHOWN) {
      const r = find(metric, contact);
      if (!r) continue;
      if (metric === 'abandoned_pct' && abandoned && abandoned.baseline === 0 && abandoned.variant === 0) continue;
      lines.push([contact, label(targetSeconds.get(contact) ?? NaN), pm(r.baseline, r.baselineCi95), pm(r.variant, r.variantCi95), pm(r.difference, r.differenceCi95)]);
    }
  }
  const graded = find('true_i_graded_lower_pct', 'all');
  if (graded) lines.push(['all', 'true I calls graded lower %', pm(graded.baseline, graded.baselineCi95), pm(graded.variant, graded.variantCi95), pm(graded.difference, graded.differenceCi95)]);
  io.out(textTable(['contact', 'metric', baseline, variant, 'difference'], lines));
}
