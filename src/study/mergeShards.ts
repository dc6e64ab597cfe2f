import { existsSync } from 'node:fs';
import path from 'node:path';
import type { LoadedScenario } from '../scenario/load.js';
import { StagedFiles } from '../report/StagedFiles.js';
import { mergeCalls } from './callsCsv.js';
import { RUN_FILES, type StagedStudy, type StudyResult } from './runStudy.js';
import { aggregateShards, type ShardFile } from './shardFile.js';
import { fileSha256 } from './fileSha256.js';
import { MergeError } from './MergeError.js';
import { writeReports } from './writeReports.js';

/**
 * `merge`: the reports of one unsharded run, rebuilt from its shards' outputs, byte for byte
 * (run.json's timing aside). Per-call logs are interleaved back into replication order.
 * Nothing is written unless every file is complete.
 */
export async function mergeShards(dirs: readonly string[], outDir: string, commandLine?: readonly string[], confidence?: number): Promise<StudyResult> {
  const staged = new StagedFiles(outDir);
  try {
    const { replacing, ...result } = await stageMerge(dirs, staged, '', commandLine, confidence);
    staged.commit(replacing);
    return result;
  } catch (err) {
    staged.abort();
    throw err;
  }
}

/** Merge shards and stage the reports in `folder` of `staged` (relative; '' for the top), for the caller to commit. */
export async function stageMerge(dirs: readonly string[], staged: StagedFiles, folder = '', commandLine?: readonly string[], confidence?: number): Promise<StagedStudy> {
  const started = process.hrtime.bigint();
  const { aggregate, first, shards } = aggregateShards(dirs, undefined, confidence);
  const sources = first.scenario_files ?? [{ file: first.scenario_file, sha256: first.scenario_sha256 }];
  const loaded: LoadedScenario = { scenario: first.scenario, file: first.scenario_file, sha256: first.scenario_sha256, sources, warnings: [] };
  // timing of a merged run: the shards' wall times added up (the work done, wherever it ran)
  const shardSeconds = shards.reduce((t, sh) => t + (sh.wall_seconds ?? 0), 0);
  const files = await writeReports(staged, loaded, aggregate, { seed: first.seed, replications: first.replications, commandLine }, shardSeconds, folder);
  if (dirs.every((d) => existsSync(path.join(d, 'calls.csv')))) {
    await checkCalls(dirs, shards);
    await mergeCalls(staged.stage(path.join(folder, 'calls.csv')), dirs, shards);
    files.push('calls.csv');
  }
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { aggregate, wallSeconds, files, replacing: RUN_FILES.map((f) => path.join(folder, f)) };
}

/** Each shard's calls.csv is the one its shard.json recorded (not cut short by a full disk or a kill, nor edited). */
async function checkCalls(dirs: readonly string[], shards: readonly ShardFile[]): Promise<void> {
  for (let i = 0; i < dirs.length; i++) {
    const file = path.join(dirs[i], 'calls.csv');
    const recorded = shards[i].calls_sha256;
    if (recorded === undefined) throw new MergeError(`${file}: its shard.json records no calls.csv (the shard ran without --calls); run that shard again with --calls, or remove calls.csv`);
    if ((await fileSha256(file)) !== recorded) throw new MergeError(`${file}: damaged or changed since the shard wrote it (its SHA-256 differs from shard.json's); run that shard again`);
  }
}
