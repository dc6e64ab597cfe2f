import type { ContactSummary } from '../metrics/Aggregate.js';
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
      ['contact', 'offered', 'answered in target %', 'abandoned %', 'mean answer s', 'p90 answer s'],
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
