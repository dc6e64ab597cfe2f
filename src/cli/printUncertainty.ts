import { sampleRankCorrelation } from 'simple-statistics';
import type { ComparisonRow } from '../metrics/comparison.js';
import type { PartRow } from '../metrics/comparisonParts.js';
import { fmt } from '../report/format.js';
import type { BandRow } from '../uncertainty/band.js';
import type { CompareBand } from '../uncertainty/compareBand.js';
import type { UncertaintyResult } from '../uncertainty/runUncertainty.js';
import { textTable } from './print.js';

const range = (a: number, b: number) => `${fmt(a, 1)} to ${fmt(b, 1)}`;

/** The band as printed: per output and role, the central figure (± sampling), median, 80% and 95% bands. */
export function bandText(rows: readonly BandRow[]): string {
  return textTable(
    ['figure', 'role', 'central', 'median', '80% band', '95% band'],
    rows.map((b) => [b.label, b.role, `${fmt(b.central, 1)}${b.centralCi95 === null ? '' : ` ± ${fmt(b.centralCi95, 1)}`}`, fmt(b.median, 1), range(b.p10, b.p90), range(b.p2_5, b.p97_5)]),
  );
}

/** The tornado as printed: each assumption's range and the effect at its ends, largest swing first. */
export function tornadoText(r: Pick<UncertaintyResult, 'tornado' | 'outputs'>): string {
  return textTable(
    ['assumption', 'low .. high', ...r.outputs.flatMap((o) => [`effect on ${o.id}: at low`, 'at high', 'swing'])],
    r.tornado.map((t) => [
      t.assumption.name,
      `${fmt(t.assumption.low, 3)} .. ${fmt(t.assumption.high, 3)}`,
      ...r.outputs.flatMap((_, k) => [fmt(t.low.effect[k], 2), fmt(t.high.effect[k], 2), fmt(t.swing[k], 2)]),
    ]),
  );
}

/** The names of the assumptions with the largest swings of the first output's effect, as a sentence. */
export function dominantText(r: Pick<UncertaintyResult, 'tornado' | 'outputs'>, count = 3): string {
  const top = r.tornado.slice(0, count).filter((t) => t.swing[0] > 0);
  if (top.length === 0) return '';
  return `dominant assumptions (swing of the effect on ${r.outputs[0].label}): ${top.map((t) => `${t.assumption.name} ${fmt(t.swing[0], 1)} points`).join(', ')}`;
}

/** The metric and contact of compare's rows that an output matches. */
const ROW_OF: Record<string, string> = { answered_within_target_pct: 'answered_within_target_pct', abandoned_pct: 'abandoned_pct' };

/**
 * The lines `compare --band` adds under the before/after table: per output, the effect with
 * its sampling interval (from the comparison's replications) beside its assumption band.
 */
export function compareBandText(band: Pick<CompareBand, 'result' | 'rows' | 'investmentOnly'>, comparison: readonly ComparisonRow[], replications: number, parts?: readonly PartRow[]): string {
  const r = band.result;
  const lines = r.outputs.map((o) => {
    const c = band.investmentOnly
      ? parts?.find((x) => x.metric === ROW_OF[o.metric] && x.contact === o.contact && x.part === 'investment')
      : comparison.find((x) => x.metric === ROW_OF[o.metric] && x.contact === o.contact);
    const b = band.rows.find((x) => x.output === o.id && x.role === 'effect')!;
    return [
      o.label,
      c ? `${fmt(c.difference, 1)}${c.differenceCi95 === null ? '' : ` ± ${fmt(c.differenceCi95, 1)}`}` : '',
      fmt(b.central, 1),
      fmt(b.median, 1),
      `${fmt(b.p10, 1)} to ${fmt(b.p90, 1)}`,
      `${fmt(b.p2_5, 1)} to ${fmt(b.p97_5, 1)}`,
    ];
  });
  const head =
    `assumption band of ${band.investmentOnly ? "the investment's effect (its levers alone: what the money bought)" : 'the effect'}: a ${r.samples.length}-point Latin hypercube over ${r.assumptions.length} uncertain: ranges (${r.assumptions.map((a) => a.name).join(', ')}), ` +
    `${r.replications} replication${r.replications === 1 ? '' : 's'} a point on common random numbers, ${r.refit ? "the baseline's calibrated knobs re-fitted at every point (one Gauss-Newton step)" : 'not re-fitted (no --targets)'}`;
  return [
    head,
    textTable(['figure', `effect ± sampling (${replications} replication${replications === 1 ? '' : 's'})`, 'band central', 'band median', '80% band', '95% band'], lines),
    dominance(r),
  ].join('\n');
}

/**
 * Which assumptions move the effect most, read off the sample: each assumption's rank
 * correlation with the first output's effect (Spearman). With fewer than three points per
 * assumption, the sample cannot tell: it says so and points to `uncertainty`'s tornado.
 */
export function dominance(r: Pick<UncertaintyResult, 'samples' | 'assumptions' | 'outputs'>): string {
  const n = r.samples.length;
  if (n < 3 * r.assumptions.length) {
    return `(${n} points cannot rank ${r.assumptions.length} assumptions: 'metcc-sim uncertainty' draws the tornado that does)`;
  }
  const effect = r.samples.map((p) => p.effect[0]);
  const rho = r.assumptions.map((a, i) => ({ name: a.name, rho: sampleRankCorrelation(r.samples.map((p) => p.values[i]), effect) }));
  rho.sort((a, b) => Math.abs(b.rho) - Math.abs(a.rho));
  return `dominant assumptions (rank correlation with the effect on ${r.outputs[0].label}): ${rho.slice(0, 3).map((x) => `${x.name} ${fmt(x.rho, 2)}`).join(', ')}`;
}
