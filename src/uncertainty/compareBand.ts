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
  /** The variant with its investment's levers alone (what the money bought), not its other changes. */
  investmentOnly: boolean;
  onProgress?: (p: Progress, doing: string) => void;
}

/**
 * `compare --band N`: an N-point Latin hypercube over the comparison's `uncertain:` ranges,
 * the baseline's calibrated knobs re-fitted at every point by one Gauss–Newton step (with
 * --targets; the Jacobian by forward differences, to save runs), no tornado. With an
 * investment, the variant is its levers alone: the band of what the money bought. Returns the band and band.csv's table.
 */
export interface CompareBand {
  result: UncertaintyResult;
  rows: BandRow[];
  /** The band is of the investment's levers alone (compare's `investment` part), not the whole variant. */
  investmentOnly: boolean;
  table: { name: string; headers: string[]; rows: string[][] };
}

export async function compareBand(o: CompareBandOptions): Promise<CompareBand> {
  const result = await runUncertainty({
    baseline: { file: o.baselineFile, load: fileLoader(o.baselineFile, o.baseSets) },
    variant: { file: o.variantFile, load: fileLoader(o.variantFile, o.variantSets, o.investmentOnly ? { parts: 'investment-only' } : {}) },
    sets: o.baseSets, targetsFile: o.targetsFile, samples: o.points, tornado: false, refitSteps: 1, jacobian: 'forward',
    seed: o.seed, replications: o.replications, workers: o.workers, structural: [], onProgress: o.onProgress,
  });
  const rows = bandRows(result);
  return { result, rows, investmentOnly: o.investmentOnly, table: { name: 'band.csv', headers: [...BAND_HEADERS], rows: bandCsvRows(rows) } };
}
