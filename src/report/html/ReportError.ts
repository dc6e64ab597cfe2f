/** A folder report.html cannot be drawn from (not a reports folder, a report missing): bad input, exit code 1. */
export class ReportError extends Error {
  override name = 'ReportError';
}
