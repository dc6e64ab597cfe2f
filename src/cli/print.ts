import type { ContactSummary } from '../metrics/Aggregate.js';
import type { ComparisonRow } from '../metrics/comparison.js';
import { fmt } from '../report/format.js';
import type { Io } from './main.js';

/** Lay out rows as a fixed-width text table (first column left-aligned, the rest right-aligned). */
export function textTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const pm = (mean: number, half: number | null, d = 1) => (half === null ? fmt(mean, d) : `${fmt(mean, d)} ± ${fmt(half, d)}`);

/** The short summary a run prints: per contact type, service level, abandonment and ASA with 95% CIs. */
export function printSummary(io: Io, scenario: string, summary: ContactSummary[], replications: number): void {
  io.out(`${scenario}: ${replications} replication${replications === 1 ? '' : 's'}${replications > 1 ? ' (± is the 95% confidence half-width)' : ''}`);
  io.out(
    textTable(
      ['contact', 'offered', 'service level %', 'abandoned %', 'mean answer s', 'p90 answer s'],
      summary.map((s) => [
        s.contact,
        fmt(s.offered, 0),
        pm(s.serviceLevelPct, s.serviceLevelPctCi95),
        pm(s.abandonedPct, s.abandonedPctCi95),
        pm(s.meanAnswerSeconds, s.meanAnswerSecondsCi95),
        fmt(s.p90AnswerSeconds, 1),
      ]),
    ),
  );
}

const SHOWN: Record<string, string> = {
  answered_within_target_pct: 'answered within target % (of answered)',
  service_level_pct: 'answered within target % (of offered)',
  abandoned_pct: 'abandoned %',
  mean_answer_seconds: 'mean answer time, s',
  p90_answer_seconds: '90th percentile answer time, s',
  true_i_graded_lower_pct: 'true I calls graded lower %',
};

/** The before/after table `compare` prints: the headline metrics, with 95% CIs of the paired differences. */
export function printComparison(io: Io, baseline: string, variant: string, rows: ComparisonRow[], replications: number): void {
  io.out(`${baseline} -> ${variant}: ${replications} paired replication${replications === 1 ? '' : 's'} on common random numbers${replications > 1 ? ' (± is the 95% confidence half-width)' : ''}`);
  const shown = rows.filter((r) => r.metric in SHOWN);
  io.out(
    textTable(
      ['contact', 'metric', baseline, variant, 'difference'],
      shown.map((r) => [r.contact, SHOWN[r.metric], pm(r.baseline, r.baselineCi95), pm(r.variant, r.variantCi95), pm(r.difference, r.differenceCi95)]),
    ),
  );
}
