import { sweepCharts } from './charts/sweepMetrics.js';
import { htmlPage, type HeadlineTable } from './page.js';
import { ReportError } from './ReportError.js';
import type { ReportSource, Rows } from './ReportSource.js';
import { pm } from './runReport.js';

function sweepHeadline(rows: Rows, keys: readonly string[]): HeadlineTable {
  const replications = rows[0]?.replications ?? '?';
  return {
    headers: [...keys, 'contact', 'service level, % of offered', 'within target, % of answered', 'abandoned, %', 'mean answer time, s'],
    rows: rows.map((r) => [
      ...keys.map((k) => r[k]),
      r.contact,
      pm(r.service_level_pct, r.service_level_pct_ci95),
      pm(r.answered_within_target_pct, undefined),
      pm(r.abandoned_pct, r.abandoned_pct_ci95),
      pm(r.mean_answer_seconds, r.mean_answer_seconds_ci95),
    ]),
    textColumns: keys.length + 1,
    note: `From sweep.csv: one row per point and contact type, means over ${replications} replications each on common random numbers; ± is the half-width of the 95% confidence interval of the mean.`,
  };
}

/** report.html of a sweep: the table of every point and each metric against the swept key. */
export async function sweepReportHtml(src: ReportSource): Promise<string> {
  const rows = await src.rows('sweep.csv');
  if (rows.length === 0) throw new ReportError(`${src.dir}: sweep.csv has no rows`);
  const headers = Object.keys(rows[0]);
  const keys = headers.slice(0, headers.indexOf('scenario'));
  const name = rows[0].scenario;
  return htmlPage({
    title: `metcc-sim sweep: ${name}`,
    meta: [`${keys.join(' and ')} swept over ${new Set(rows.map((r) => keys.map((k) => r[k]).join('|'))).size} points.`],
    headline: [sweepHeadline(rows, keys)],
    charts: sweepCharts(rows, keys),
    footer: "Drawn by metcc-sim from sweep.csv in this folder; 'metcc-sim report <folder>' draws it again.",
  });
}
