import type { ComparisonRow } from '../metrics/comparison.js';
import { fmt } from '../report/format.js';
import type { Override } from '../scenario/load.js';
import { sampleRankCorrelation } from 'simple-statistics';
import { textTable } from '../cli/print.js';
import { fileLoader } from './Assumption.js';
import { BAND_HEADERS, bandCsvRows, bandRows, type BandRow } from './band.js';
import { runUncertainty, type UncertaintyResult } from './runUncertainty.js';
import type { Progress } from '../study/pool.js';

export interface CompareBandOptions {
  baselineFile: string;
  variantFile: string;
  /** --set (both); the variant's own (--set, then --vary). */
  baseSets: readonly Override[];
  variantSets: readonly Override[];
  points: number;
  replications: number;
  seed: number;
  workers: number;
  targetsFile?: string;
  onProgress?: (p: Progress, doing: string) => void;
}

/**
 * `compare --band N`: an N-point Latin hypercube over the comparison's `uncertain:` ranges,
 * the baseline's calibrated knobs re-fitted at every point by one Gauss–Newton step (with
 * --targets), no tornado. Returns the band and band.csv's table.
 */
export interface CompareBand {
  result: UncertaintyResult;
  rows: BandRow[];
  table: { name: string; headers: string[]; rows: string[][] };
}

export async function compareBand(o: CompareBandOptions): Promise<CompareBand> {
  const result = await runUncertainty({
    baseline: { file: o.baselineFile, load: fileLoader(o.baselineFile, o.baseSets) },
    variant: { file: o.variantFile, load: fileLoader(o.variantFile, o.variantSets) },
    sets: o.baseSets, targetsFile: o.targetsFile, samples: o.points, tornado: false, refitSteps: 1,
    seed: o.seed, replications: o.replications, workers: o.workers, structural: [], onProgress: o.onProgress,
  });
  const rows = bandRows(result);
  return { result, rows, table: { name: 'band.csv', headers: [...BAND_HEADERS], rows: bandCsvRows(rows) } };
}

/** The metric and contact of compare's rows that an output matches. */
const ROW_OF: Record<string, string> = { answered_within_target_pct: 'answered_within_target_pct', abandoned_pct: 'abandoned_pct' };

/**
 * The lines `compare --band` adds under the before/after table: per output, the effect with
 * its sampling interval (from the comparison's replications) beside its assumption band.
 */
export function compareBandText(band: { result: UncertaintyResult; rows: BandRow[] }, comparison: readonly ComparisonRow[], replications: number): string {
  const r = band.result;
  const lines = r.outputs.map((o) => {
    const c = comparison.find((x) => x.metric === ROW_OF[o.metric] && x.contact === o.contact);
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
    `assumption band of the effect: a ${r.samples.length}-point Latin hypercube over ${r.assumptions.length} uncertain: ranges (${r.assumptions.map((a) => a.name).join(', ')}), ` +
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
