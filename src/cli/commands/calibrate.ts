import { availableParallelism } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { CalibrationError } from '../../calibrate/CalibrationError.js';
import { parseKnobOption } from '../../calibrate/Knob.js';
import { runCalibration } from '../../calibrate/runCalibration.js';
import { writeCalibration } from '../../calibrate/writeCalibration.js';
import { calibrationTable } from '../../calibrate/calibrationTable.js';
import { outDirProblem } from '../../report/outDir.js';
import { loadScenario } from '../../scenario/load.js';
import { LIMITS } from '../../scenario/schema.js';
import { MAX_WORKERS, parseSets, positiveInt } from '../options.js';
import { progressLine } from '../progress.js';
import { UsageError } from '../errors.js';
import type { Io } from '../Io.js';

interface CalibrateArgs {
  scenario: string;
  targets: string;
  knob: string[];
  set: string[];
  out?: string;
  replications?: number;
  seed?: number;
  workers?: number;
  'max-evaluations'?: number;
  check: boolean;
  quiet: boolean;
  commandLine?: string[];
}

/**
 * `calibrate <scenario> --targets targets.csv`: fit the scenario's knobs (its calibration
 * section, and --knob) to published figures on common random numbers; write calibration.csv,
 * knobs.csv, evaluations.csv, run.json and calibrated.yaml as one unit, and print the fit.
 */
export function calibrateCommand(io: Io): CommandModule<object, CalibrateArgs> {
  return {
    command: 'calibrate <scenario>',
    describe: 'fit knobs (key paths with bounds) to published figures (--targets CSV) on common random numbers; write the fit and calibrated.yaml',
    builder: (y: Argv) =>
      y
        .positional('scenario', { type: 'string', demandOption: true })
        .option('targets', { type: 'string', demandOption: true, describe: 'CSV of published figures: period,contact,metric,value,weight,source[,scale,note]; weight 0 holds a figure back' })
        .option('knob', { type: 'string', array: true, default: [] as string[], describe: 'fit this value: KEY.PATH=LOW:HIGH or KEY.PATH=LOW:HIGH:START (repeatable; adds to or replaces the scenario\'s calibration.knobs)' })
        .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a scenario value first: KEY.PATH=VALUE (repeatable)' })
        .option('out', { type: 'string', describe: 'folder for the reports (default reports/<scenario name>-calibration)' })
        .option('replications', { type: 'number', describe: "replications at every evaluation (default: the scenario's)" })
        .option('seed', { type: 'number', describe: "base seed, the same at every evaluation (default: the scenario's)" })
        .option('workers', { type: 'number', describe: 'worker threads (default: the number of cores)' })
        .option('max-evaluations', { type: 'number', describe: 'simulated points the search may spend (default 40 x (knobs + 1))' })
        .option('check', { type: 'boolean', default: false, describe: 'fit nothing: simulate the scenario as it is and set it beside every target, with intervals' })
        .option('quiet', { type: 'boolean', default: false, describe: 'no progress output' }) as unknown as Argv<CalibrateArgs>,
    handler: async (a) => {
      try {
        await calibrate(a, io);
      } catch (err) {
        if (err instanceof CalibrationError) throw new UsageError(err.message);
        throw err;
      }
    },
  };
}

/** The calibration itself: options checked, the fit run, its files written, the table printed. */
async function calibrate(a: CalibrateArgs, io: Io): Promise<void> {
  const started = process.hrtime.bigint();
  const sets = parseSets(a.set);
  const knobs = a.knob.map(parseKnobOption);
  if (a.check && (knobs.length > 0 || a['max-evaluations'] !== undefined)) throw new UsageError(`--check fits nothing: leave out ${knobs.length > 0 ? '--knob' : '--max-evaluations'}`);
  const replications = positiveInt('replications', a.replications, 1, LIMITS.replications);
  const seed = positiveInt('seed', a.seed, 0);
  const workers = positiveInt('workers', a.workers, 1, MAX_WORKERS) ?? availableParallelism();
  const maxEvaluations = positiveInt('max-evaluations', a['max-evaluations'], 1, 100_000);
  // the output folder is checked before any simulation: bad input never fails after a long search
  const name = loadScenario(a.scenario, sets).scenario.name;
  const outDir = a.out ?? `reports/${name}-calibration`;
  const problem = outDirProblem(outDir);
  if (problem) throw new UsageError(problem);
  const progress = progressLine(process.stderr, a.quiet);
  const result = await runCalibration({
    file: a.scenario, sets, knobs, targetsFile: a.targets, seed, replications, workers, maxEvaluations, check: a.check,
    onProgress: progress.onProgress ? (p, doing) => progress.onProgress!({ doing, done: p.done, total: p.total, fraction: p.total ? p.done / p.total : 1, running: [] }) : undefined,
  }).finally(progress.finish);
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  await writeCalibration(result, outDir, a.targets, { wallSeconds, commandLine: a.commandLine });
  for (const w of result.warnings) io.err(`metcc-sim calibrate: warning: ${w}`);
  io.out(calibrationTable(result));
  if (result.check) io.out(`calibration.csv, evaluations.csv and run.json (with knobs.csv empty and calibrated.yaml the scenario as run) written to ${outDir}/ (${result.replications} replication${result.replications === 1 ? '' : 's'}, ${wallSeconds.toFixed(1)} s)`);
  else io.out(`calibration.csv, knobs.csv, evaluations.csv, run.json and calibrated.yaml written to ${outDir}/ (${result.history.length} evaluations of ${result.replications} replication${result.replications === 1 ? '' : 's'}, ${wallSeconds.toFixed(1)} s)`);
}
