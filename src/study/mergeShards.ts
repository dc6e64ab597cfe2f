import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LoadedScenario } from '../scenario/load.js';
import { StagedFiles } from '../report/StagedFiles.js';
import { mergeCalls } from './callsCsv.js';
import { RUN_FILES, type StagedStudy, type StudyResult } from './runStudy.js';
import { aggregateShards, replicationIndices, SHARD_FILE, type ShardFile } from './shardFile.js';
import { CALLS_FORMATS, callsFileName, type CallsFormat } from './callsFormat.js';
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
  const loaded: LoadedScenario = { scenario: first.scenario, file: first.scenario_file, sha256: first.scenario_sha256, sources, warnings: [], ...(first.investment ? { investment: first.investment } : {}) };
  // timing of a merged run: the shards' wall times added up (the work done, wherever it ran)
  const shardSeconds = shards.reduce((t, sh) => t + (sh.wall_seconds ?? 0), 0);
  const files = await writeReports(staged, loaded, aggregate, { seed: first.seed, replications: first.replications, commandLine }, shardSeconds, folder);
  const format = CALLS_FORMATS.find((f) => dirs.every((d) => existsSync(path.join(d, callsFileName(f)))));
  if (format) {
    await checkCalls(dirs, shards, format);
    await mergeCalls(staged.stage(path.join(folder, callsFileName(format))), dirs, shards, format);
    files.push(callsFileName(format));
  }
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { aggregate, wallSeconds, files, replacing: RUN_FILES.map((f) => path.join(folder, f)) };
}

/**
 * Each shard's log is the one its shard.json recorded (not cut short by a full disk or a kill,
 * nor edited), and for calls.csv.gz its members' sizes account for the file: header, then one
 * member per replication of the shard.
 */
async function checkCalls(dirs: readonly string[], shards: readonly ShardFile[], format: CallsFormat): Promise<void> {
  const name = callsFileName(format);
  for (let i = 0; i < dirs.length; i++) {
    const file = path.join(dirs[i], name);
    const recorded = shards[i].calls_sha256;
    if (recorded === undefined) throw new MergeError(`${file}: its shard.json records no ${name} (the shard ran without --calls); run that shard again with --calls, or remove ${name}`);
    if ((await fileSha256(file)) !== recorded) throw new MergeError(`${file}: damaged or changed since the shard wrote it (its SHA-256 differs from shard.json's); run that shard again`);
    if (format === 'csv.gz') {
      const sizes = shards[i].calls_part_bytes;
      const members = 1 + replicationIndices(shards[i].replications, shards[i].shard).length;
      const whole =
        Array.isArray(sizes) &&
        sizes.length === members &&
        sizes.every((n) => Number.isSafeInteger(n) && n >= 0) &&
        sizes.reduce((a, b) => a + b, 0) === statSync(file).size;
      if (!whole) throw new MergeError(`${path.join(dirs[i], SHARD_FILE)}: calls_part_bytes: expected the sizes of ${name}'s ${members} gzip members (header and each replication), adding up to its size; the shard file is damaged or edited: run that shard again`);
    }
  }
}
