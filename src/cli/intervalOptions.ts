import type { ContactSummary } from '../metrics/Aggregate.js';
import { wideIntervals } from '../metrics/wideIntervals.js';
import type { Scenario } from '../scenario/load.js';
import { PRECISION_METRICS, type PrecisionRound, type PrecisionTarget } from '../study/precision.js';
import { UsageError } from './errors.js';
import type { Io } from './Io.js';

/**
 * The options about confidence intervals: `--confidence` (the level of every interval),
 * `--precision CONTACT.METRIC=HALF_WIDTH` and `--max-replications` (run until an interval is
 * narrow enough), and the warning printed when an interval is wider than its figure.
 */

/** `--confidence 90` or `0.9`: the level as a fraction (default 0.95). */
export function parseConfidence(v: number | undefined): number {
  if (v === undefined) return 0.95;
  const level = v > 1 ? v / 100 : v;
  if (!Number.isFinite(level) || level <= 0.5 || level >= 1) {
    throw new UsageError(`--confidence ${v}: expected a level between 50 and 100 percent, for example 90 or 0.9`);
  }
  return level;
}

/** `--precision 999.answered_within_target_pct=1` (repeatable), checked against the scenario's contact types. */
export function parsePrecision(texts: readonly string[], scenario: Scenario): PrecisionTarget[] {
  const contacts = Object.keys(scenario.contacts);
  const metrics = Object.keys(PRECISION_METRICS);
  return texts.map((text) => {
    const m = /^(.+)\.([a-z0-9_]+)=(.+)$/.exec(text.trim());
    const usage = `expected CONTACT.METRIC=HALF_WIDTH, for example 999.answered_within_target_pct=1, with METRIC one of ${metrics.join(', ')}`;
    if (!m) throw new UsageError(`--precision ${text}: ${usage}`);
    const [, contact, metric, value] = m;
    if (!contacts.includes(contact)) throw new UsageError(`--precision ${text}: unknown contact type '${contact}'; expected one of ${contacts.map((c) => `'${c}'`).join(', ')}`);
    if (!metrics.includes(metric)) throw new UsageError(`--precision ${text}: unknown metric '${metric}'; ${usage}`);
    const halfWidth = Number(value);
    if (!(halfWidth > 0) || !Number.isFinite(halfWidth)) throw new UsageError(`--precision ${text}: expected a half-width > 0, got '${value}'`);
    return { contact, metric, halfWidth };
  });
}

/** What `--precision` did: each round's replications and half-widths, and whether the targets were met. */
export function printPrecision(io: Io, rounds: readonly PrecisionRound[], targets: readonly PrecisionTarget[], confidence: number): void {
  const level = `${Number((confidence * 100).toFixed(4))}%`;
  const last = rounds[rounds.length - 1];
  const said = (r: PrecisionRound) =>
    targets.map((t, i) => `${t.contact} ${t.metric} ± ${r.halfWidths[i] === null ? '?' : Number(r.halfWidths[i]!.toFixed(3))} (asked ${t.halfWidth})`).join(', ');
  for (const r of rounds.slice(0, -1)) io.out(`precision: ${r.replications} replications gave ${said(r)}: running more`);
  io.out(
    last.met
      ? `precision: reached with ${last.replications} replications: ${said(last)} (${level} intervals)`
      : `precision: NOT reached with ${last.replications} replications, the cap (--max-replications): ${said(last)}`,
  );
}

/** Warn (stderr) about summary figures whose interval is wider than the figure. */
export function warnWide(io: Io, scenario: string, summary: readonly ContactSummary[]): void {
  for (const w of wideIntervals(summary)) io.err(`warning: ${scenario}: ${w}`);
}
