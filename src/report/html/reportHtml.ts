import { compareReportHtml } from './compareReport.js';
import { ReportError } from './ReportError.js';
import type { ReportSource } from './ReportSource.js';
import { runReportHtml } from './runReport.js';
import { sweepReportHtml } from './sweepReport.js';

/**
 * report.html for a reports folder of any kind: a compare's (compare.json), a sweep's
 * (sweep.csv) or a run's or merge's (run.json), drawn from its files alone.
 */
export async function reportHtml(src: ReportSource): Promise<string> {
  if (src.has('compare.json')) return compareReportHtml(src);
  if (src.has('sweep.csv')) return sweepReportHtml(src);
  if (src.has('run.json')) return runReportHtml(src);
  throw new ReportError(`${src.dir}: no run.json, compare.json or sweep.csv; expected the --out folder of a run, merge, compare or sweep that finished`);
}
