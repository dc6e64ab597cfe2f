import { availableParallelism } from 'node:os';
import type { LoadedScenario } from '../scenario/load.js';
import { JobTracker, simulatedSeconds, type JobProgress } from '../study/jobProgress.js';
import { replicationIndices } from '../study/shardFile.js';
import type { StudyOptions } from '../study/runStudy.js';
import { outDirProblem } from '../report/outDir.js';
import { UsageError } from './errors.js';
import { MAX_WORKERS, parseShard, positiveInt, type SimOptions } from './options.js';
import { LIMITS } from '../scenario/schema.js';
import { checkStudyCost } from './studyCost.js';
import type { Io } from './Io.js';
import { progressLine } from './progress.js';
import { parseConfidence } from './intervalOptions.js';

/** Defaults that depend on the machine. */
export const defaults = { workers: availableParallelism() };

/** Seed, replications, workers, shard and output folder of a simulating command, validated. */
export function studySettings(
  loaded: LoadedScenario,
  argv: SimOptions,
  defaultOut: string,
  /** Where to say what the study will cost when that is a lot (compare and sweep say it for the whole study themselves). */
  io?: Io,
): StudyOptions & { workers: number; confidence: number; finish(): void; onJobProgress?: (p: JobProgress) => void } {
  const seed = positiveInt('seed', argv.seed, 0) ?? loaded.scenario.seed;
  const replications = positiveInt('replications', argv.replications, 1, LIMITS.replications) ?? loaded.scenario.replications;
  const workers = positiveInt('workers', argv.workers, 1, MAX_WORKERS) ?? defaults.workers;
  const outDir = argv.out ?? defaultOut;
  const problem = outDirProblem(outDir);
  if (problem) throw new UsageError(problem);
  const shard = parseShard(argv.shard);
  if (argv['calls-format'] !== undefined && !argv.calls) throw new UsageError(`--calls-format ${argv['calls-format']}: expected it with --calls (it says how the per-call log is written)`);
  if (argv.resume && !shard) throw new UsageError('--resume: expected it with --shard i/n (it skips shards whose output is complete)');
  // what the run will cost, up front: past the limit it is refused before any work, and shards share it out
  const runs = shard ? replicationIndices(replications, shard).length : replications;
  checkStudyCost(`${loaded.file}:`, [{ scenario: loaded.scenario, runs }], io);
  const progress = progressLine(process.stderr, argv.quiet);
  const count = replicationIndices(replications, shard).length;
  return {
    seed,
    replications,
    outDir,
    calls: argv.calls,
    callsFormat: argv['calls-format'],
    workers,
    shard,
    resume: argv.resume,
    confidence: parseConfidence(argv.confidence),
    // a run's own progress; compare and sweep make theirs from onJobProgress, across all their replications
    onProgress: new JobTracker(count, progress.onProgress).batch(0, () => loaded.scenario.name, () => simulatedSeconds(loaded.scenario)),
    onJobProgress: progress.onProgress,
    finish: progress.finish,
    commandLine: argv.commandLine,
  };
}
