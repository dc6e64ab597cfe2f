import { parseOverride, type LoadedScenario } from '../scenario/load.js';
import { compareBand, type CompareBand } from '../uncertainty/compareBand.js';
import { UncertaintyError } from '../uncertainty/UncertaintyError.js';
import { CalibrationError } from '../calibrate/CalibrationError.js';
import { UsageError } from './errors.js';
import { positiveInt } from './options.js';
import type { Io } from './Io.js';
import { checkUncertaintyCost } from './uncertaintyCost.js';

/** The most points `compare --band` takes (each costs three scenario runs). */
export const MAX_BAND_POINTS = 10_000;

/** compare's options that the band reads. */
export interface BandArgs {
  baseline: string;
  variant?: string;
  set: string[];
  vary: string[];
  band?: number;
  'band-replications'?: number;
  targets?: string;
  shard?: string;
}

/**
 * `compare --band N [--band-replications R] [--targets FILE]`: the effect's assumption band,
 * run before the comparison so that band.csv is committed with its reports; undefined without
 * --band. Bad input (the options, the uncertain: sections, the targets) is a usage error before
 * anything is simulated or written.
 */
export async function bandOf(a: BandArgs, base: LoadedScenario, variant: LoadedScenario, settings: { seed: number; workers: number }, io: Io): Promise<CompareBand | undefined> {
  if (a.band === undefined) {
    if (a['band-replications'] !== undefined || a.targets !== undefined) throw new UsageError('--band-replications and --targets go with --band N (the assumption band)');
    return undefined;
  }
  const points = positiveInt('band', a.band, 1, MAX_BAND_POINTS)!;
  const replications = positiveInt('band-replications', a['band-replications'], 1, 10_000) ?? 1;
  if (a.shard) throw new UsageError('--band with --shard: expected the band on an unsharded compare (its points are whole scenario runs)');
  checkUncertaintyCost(`${a.baseline}: compare's --band ${points}`, base, variant, { tornado: false, samples: points, refitSteps: a.targets ? 1 : 0, jacobian: 'forward', replications, structural: 0 }, io);
  const sets = a.set.map(parseOverride);
  const naming = a.variant === undefined && !a.vary.some((v) => v.startsWith('name=')) ? [{ keyPath: 'name', value: `${base.scenario.name}-variant` }] : [];
  try {
    return await compareBand({
      baselineFile: a.baseline,
      variantFile: a.variant ?? a.baseline,
      baseSets: sets,
      variantSets: [...sets, ...naming, ...a.vary.map(parseOverride)],
      points, replications, seed: settings.seed, workers: settings.workers, targetsFile: a.targets,
      investmentOnly: variant.investment?.investment !== undefined,
    });
  } catch (err) {
    if (err instanceof UncertaintyError || err instanceof CalibrationError) throw new UsageError(`--band: ${err.message}`);
    throw err;
  }
}
