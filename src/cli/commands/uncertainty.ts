import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { CalibrationError } from '../../calibrate/CalibrationError.js';
import { outDirProblem } from '../../report/outDir.js';
import { loadScenario } from '../../scenario/load.js';
import { LIMITS } from '../../scenario/schema.js';
import { fileLoader } from '../../uncertainty/Assumption.js';
import { bandRows } from '../../uncertainty/band.js';
import { runUncertainty } from '../../uncertainty/runUncertainty.js';
import { UncertaintyError } from '../../uncertainty/UncertaintyError.js';
import { bandText, dominantText, tornadoText } from '../printUncertainty.js';
import { worstShift, writeUncertainty } from '../../uncertainty/writeUncertainty.js';
import { fmt } from '../../report/format.js';
import { MAX_WORKERS, parseSets, positiveInt } from '../options.js';
import { progressLine } from '../progress.js';
import { checkUncertaintyCost } from '../uncertaintyCost.js';
import { UsageError } from '../errors.js';
import type { Io } from '../Io.js';

interface UncertaintyArgs {
  baseline: string;
  variant: string;
  samples: number;
  replications: number;
  seed?: number;
  set: string[];
  out?: string;
  workers?: number;
  structural: string[];
  targets?: string;
  tornado: boolean;
  'refit-steps': number;
  'investment-only': boolean;
  quiet: boolean;
}

/** The most points of a Latin hypercube (each costs three scenario runs). */
export const MAX_SAMPLES = 10_000;

/** `--structural base.yaml:variant.yaml` (the last ':' splits, so a Windows drive letter survives). */
export function parseStructural(text: string): { baseline: string; variant: string } {
  const i = text.lastIndexOf(':');
  if (i <= 0 || i === text.length - 1) throw new UsageError(`--structural ${text}: expected BASELINE.yaml:VARIANT.yaml, two scenario files joined by ':'`);
  return { baseline: text.slice(0, i), variant: text.slice(i + 1) };
}

/**
 * `uncertainty <baseline> <variant>`: the projection's band over the assumptions' ranges
 * (their `uncertain:` sections): a tornado and a Latin-hypercube sample, the baseline's
 * calibrated knobs re-fitted at every point; tornado.csv, band.csv, samples.csv,
 * uncertainty.json and report.html written as one unit, the band and the tornado printed.
 */
export function uncertaintyCommand(io: Io): CommandModule<object, UncertaintyArgs> {
  return {
    command: 'uncertainty <baseline> <variant>',
    describe: "the projection's band over its assumptions' ranges (uncertain:): tornado and Latin-hypercube sample, calibrated knobs re-fitted at every point",
    builder: (y: Argv) =>
      y
        .positional('baseline', { type: 'string', demandOption: true })
        .positional('variant', { type: 'string', demandOption: true })
        .option('samples', { type: 'number', default: 20, describe: 'Latin-hypercube points (each: three scenario runs)' })
        .option('replications', { type: 'number', default: 1, describe: 'replications at every point (the same at every point: common random numbers)' })
        .option('seed', { type: 'number', describe: "base seed of the simulation and of the Latin hypercube (default: the baseline's)" })
        .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a value in both scenarios first: KEY.PATH=VALUE (repeatable)' })
        .option('targets', { type: 'string', describe: "the published figures the baseline's calibration: knobs were fitted to (calibrate's --targets); without it nothing is re-fitted" })
        .option('structural', { type: 'string', array: true, default: [] as string[], describe: 'a structural alternative shown beside the band: BASELINE.yaml:VARIANT.yaml (repeatable)' })
        .option('refit-steps', { type: 'number', default: 2, describe: 'Gauss-Newton steps of the re-fit at every point, with the Jacobian computed once (each more: one baseline run a point)' })
        .option('investment-only', { type: 'boolean', default: false, describe: "the variant with its investment's levers alone, without its other_changes: the band of what the money bought" })
        .option('tornado', { type: 'boolean', default: true, describe: 'run the one-at-a-time tornado (--no-tornado: the band only)' })
        .option('out', { type: 'string', describe: 'folder for the reports (default reports/<baseline>-vs-<variant>-uncertainty)' })
        .option('workers', { type: 'number', describe: 'worker threads (default: the number of cores)' })
        .option('quiet', { type: 'boolean', default: false, describe: 'no progress output' }) as unknown as Argv<UncertaintyArgs>,
    handler: async (a) => {
      try {
        await uncertainty(a, io);
      } catch (err) {
        if (err instanceof UncertaintyError || err instanceof CalibrationError) throw new UsageError(err.message);
        throw err;
      }
    },
  };
}

async function uncertainty(a: UncertaintyArgs, io: Io): Promise<void> {
  const sets = parseSets(a.set);
  const samples = positiveInt('samples', a.samples, 0, MAX_SAMPLES)!;
  const replications = positiveInt('replications', a.replications, 1, LIMITS.replications)!;
  const workers = positiveInt('workers', a.workers, 1, MAX_WORKERS) ?? availableParallelism();
  const structural = a.structural.map(parseStructural);
  const base = loadScenario(a.baseline, sets);
  const variant = loadScenario(a.variant, sets, { budget: 'allow', ...(a['investment-only'] ? { parts: 'investment-only' as const } : {}) });
  if (a['investment-only'] && !variant.investment?.investment) throw new UsageError(`--investment-only: ${a.variant} has no investment: section; expected a variant whose levers the money bought`);
  const seed = positiveInt('seed', a.seed, 0) ?? base.scenario.seed;
  if (samples === 0 && !a.tornado) throw new UsageError('uncertainty: --samples 0 with --no-tornado runs nothing; expected --samples N >= 1 or the tornado');
  const outDir = a.out ?? path.join('reports', `${base.scenario.name}-vs-${variant.scenario.name}-uncertainty`);
  const problem = outDirProblem(outDir);
  if (problem) throw new UsageError(problem);
  const refitSteps = positiveInt('refit-steps', a['refit-steps'], 1, 10)!;
  checkUncertaintyCost(`${a.baseline} and ${a.variant}: the uncertainty study`, base, variant, { tornado: a.tornado, samples, refitSteps: a.targets ? refitSteps : 0, jacobian: 'central', replications, structural: structural.length }, io);
  const progress = progressLine(process.stderr, a.quiet);
  // --investment-only: every variant (the structural ones too) with its levers alone
  const variantOptions = a['investment-only'] ? { parts: 'investment-only' as const } : {};
  const result = await runUncertainty({
    baseline: { file: a.baseline, load: fileLoader(a.baseline, sets) },
    variant: { file: a.variant, load: fileLoader(a.variant, sets, variantOptions) },
    sets, targetsFile: a.targets, samples, tornado: a.tornado, refitSteps, jacobian: 'central', seed, replications, workers,
    structural: structural.map((s) => ({ baseline: { file: s.baseline, load: fileLoader(s.baseline, sets) }, variant: { file: s.variant, load: fileLoader(s.variant, sets, variantOptions) } })),
    onProgress: progress.onProgress ? (p, doing) => progress.onProgress!({ doing, done: p.done, total: p.total, fraction: p.total ? p.done / p.total : 1, running: [] }) : undefined,
  }).finally(progress.finish);
  await writeUncertainty(result, outDir);
  for (const w of result.warnings) io.err(`metcc-sim uncertainty: warning: ${w}`);
  io.out(`${base.scenario.name} -> ${variant.scenario.name}: ${result.assumptions.length} uncertain assumptions, ${replications} replication${replications === 1 ? '' : 's'} a point on common random numbers (seed ${seed})`);
  if (result.tornado.length > 0) {
    io.out('\ntornado (one assumption at a time at its low and high end, the rest central, knobs re-fitted):');
    io.out(tornadoText(result));
    io.out(dominantText(result));
  }
  if (result.samples.length > 0) {
    io.out(`\nband (${result.samples.length}-point Latin hypercube over every range together; central ± is the effect's sampling interval):`);
    io.out(bandText(bandRows(result)));
  }
  for (const s of result.structural) {
    io.out(`\nstructural alternative ${s.baseline} -> ${s.variant} (central assumptions, as the files stand, beside the band):`);
    io.out(result.outputs.map((o, k) => `  ${o.label}: baseline ${fmt(s.point.baseline[k], 1)}, variant ${fmt(s.point.variant[k], 1)}, effect ${fmt(s.point.effect[k], 1)}`).join('\n'));
  }
  const worst = worstShift(result);
  if (worst !== null) io.out(`\nre-fit: the fitted targets end within ${fmt(worst, 2)} scales of the calibrated fit at every point (tornado.csv, samples.csv: *_after_refit)`);
  io.out(`tornado.csv, band.csv, samples.csv, uncertainty.json and report.html written to ${outDir}/ (${result.simulatedPoints} scenario runs of ${replications} replication${replications === 1 ? '' : 's'})`);
}
