import type { Override } from '../scenario/load.js';
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
 * --targets; the Jacobian by forward differences, to save runs), no tornado. Returns the band and band.csv's table.
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
    sets: o.baseSets, targetsFile: o.targetsFile, samples: o.points, tornado: false, refitSteps: 1, jacobian: 'forward',
    seed: o.seed, replications: o.replications, workers: o.workers, structural: [], onProgress: o.onProgress,
  });
  const rows = bandRows(result);
  return { result, rows, table: { name: 'band.csv', headers: [...BAND_HEADERS], rows: bandCsvRows(rows) } };
}
