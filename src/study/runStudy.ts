import path from 'node:path';
import { Aggregate } from '../metrics/Aggregate.js';
import type { ReplicationResult } from '../metrics/ReplicationResult.js';
import type { LoadedScenario } from '../scenario/load.js';
import { reportShape } from '../simulate.js';
import { StagedFiles } from '../report/StagedFiles.js';
import { faultPoint } from '../report/faultPoint.js';
import { SimulationError } from '../model/SimulationError.js';
import { fileSha256 } from './fileSha256.js';
import { CallsLog } from './CallsLog.js';
import type { CallsFormat } from './callsFormat.js';
import { toPortable, type Job, type PortableResult } from './jobs.js';
import { runJobs, type Progress } from './pool.js';
import { replicationIndices, SHARD_FILE, shardComplete, shardFile, type ShardFile } from './shardFile.js';
import { writeReports } from './writeReports.js';

export interface StudyOptions {
  seed: number;
  replications: number;
  /** Folder the reports go to (created if missing). */
  outDir: string;
  /** Also write the per-call log (calls.csv, or calls.csv.gz with callsFormat csv.gz). */
  calls: boolean;
  /** The per-call log's format (default csv). */
  callsFormat?: CallsFormat;
  /** Worker threads (1: this thread). Results do not depend on it. */
  workers?: number;
  /** Run only the replications k with k mod count = index, and write a shard for `merge`. */
  shard?: { index: number; count: number };
  /** With a shard: do nothing if its output is already complete. */
  resume?: boolean;
  /** Told how the batch is going (for a progress line). */
  onProgress?: (p: Progress) => void;
  /** Handed each replication's result, in replication order (not with a shard). */
  onResult?: (result: ReplicationResult) => void;
  /** The command that ran the study, for run.json (default: this process's arguments). */
  commandLine?: readonly string[];
  /** Level of every confidence interval in the reports (default 0.95: the `_ci95` columns). */
  confidence?: number;
}

export interface StudyResult {
  aggregate: Aggregate;
  wallSeconds: number;
  files: string[];
  /** True when --resume found the shard complete and ran nothing. */
  skipped?: boolean;
}

/** A study staged but not committed: what it wrote, and the files its commit replaces. */
export interface StagedStudy extends StudyResult {
  /** Paths (relative to the staged folder) that the commit removes if this study did not write them. */
  replacing: string[];
}

/** Every file a run, a shard or a merge may write into its folder (others' leftovers are removed). */
export const RUN_FILES = [
  'summary.csv', 'handlers.csv', 'replications.csv', 'intervals.csv', 'peel.csv', 'staffing.csv',
  'triage.csv', 'grading.csv', 'waits.csv', 'run.json', 'report.html', 'calls.csv', 'calls.csv.gz', SHARD_FILE,
] as const;

/**
 * Run the replications of a scenario and write its reports into `outDir`: summary.csv,
 * handlers.csv, replications.csv, intervals.csv, peel.csv, staffing.csv, (with grades)
 * triage.csv and grading.csv, run.json and, with `calls`, calls.csv (or calls.csv.gz) written as
 * the calls end. With a shard, write shard.json (and its per-call log) for `merge` instead.
 * Files are staged and moved into place only when all are complete; a failure writes nothing.
 */
export async function runStudy(loaded: LoadedScenario, options: StudyOptions): Promise<StudyResult> {
  const staged = new StagedFiles(options.outDir); // also clears what killed runs left here
  try {
    const { replacing, ...result } = await stageStudy(loaded, options, staged);
    staged.commit(replacing);
    return result;
  } catch (err) {
    staged.abort();
    throw err;
  }
}

/**
 * Run a study and stage its files in `folder` of `staged` (relative; '' for the top), for
 * the caller to commit together with others (compare commits both scenarios at once).
 * With a shard and `resume`, a folder whose shard is already complete is left alone.
 */
export async function stageStudy(loaded: LoadedScenario, options: StudyOptions, staged: StagedFiles, folder = ''): Promise<StagedStudy> {
  const started = process.hrtime.bigint();
  const { scenario } = loaded;
  const aggregate = new Aggregate(reportShape(scenario), options.confidence);
  const { seed, replications, shard } = options;
  if (shard && options.resume && shardComplete(path.join(staged.dir, folder), loaded, { seed, replications, shard, calls: options.calls ? options.callsFormat ?? 'csv' : undefined })) {
    if (folder !== '') staged.keep(folder); // a compare shard's scenario folder stays in the unit committed around it
    return { aggregate, wallSeconds: 0, files: [], skipped: true, replacing: [] };
  }
  const indices = replicationIndices(replications, shard);
  const calls = options.calls ? new CallsLog(staged, folder, options.callsFormat ?? 'csv', indices, options.workers ?? 1) : undefined;
  const jobs: Job[] = indices.map((replication) => ({ scenario, seed, replication, calls: calls?.target(replication) }));
  const portable: PortableResult[] = [];
  await runJobs(
    jobs,
    options.workers ?? 1,
    async (i, result: ReplicationResult) => {
      faultPoint('replication');
      await calls?.done(jobs[i].replication);
      if (shard) portable.push(toPortable(result));
      else {
        aggregate.add(result);
        options.onResult?.(result);
      }
    },
    options.onProgress,
  ).catch((err) => {
    if (err instanceof SimulationError) err.file ??= loaded.file; // the message names the scenario file
    throw err;
  });
  const files: string[] = [];
  let callsRecord: Pick<ShardFile, 'calls_sha256' | 'calls_part_bytes'> = {};
  if (calls) {
    files.push(calls.name);
    if (shard) callsRecord = { calls_sha256: await fileSha256(calls.path), ...(calls.format === 'csv.gz' ? { calls_part_bytes: calls.partBytes } : {}) };
  }
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (shard) {
    const content = { ...shardFile(loaded, seed, replications, shard, portable), wall_seconds: Number(wallSeconds.toFixed(3)), ...callsRecord };
    staged.text(path.join(folder, SHARD_FILE), JSON.stringify(content));
    files.push(SHARD_FILE);
  } else {
    files.unshift(...(await writeReports(staged, loaded, aggregate, { seed, replications, commandLine: options.commandLine }, wallSeconds, folder)));
  }
  return { aggregate, wallSeconds, files, replacing: RUN_FILES.map((f) => path.join(folder, f)) };
}
