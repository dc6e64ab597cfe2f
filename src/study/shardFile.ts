import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Aggregate } from '../metrics/Aggregate.js';
import type { ReplicationResult } from '../metrics/ReplicationResult.js';
import type { LoadedScenario } from '../scenario/load.js';
import { reportShape } from '../simulate.js';
import { LIMITS } from '../scenario/schema.js';
import { NotARegularFile, readBoundedFile } from '../scenario/readBoundedFile.js';
import { programVersion } from '../version.js';
import { unitProblem } from '../report/unitProblem.js';
import { callsFileName, type CallsFormat } from './callsFormat.js';
import { fromPortable, type PortableResult } from './jobs.js';
import { MergeError } from './MergeError.js';
import { portablePath } from './writeReports.js';

/** What a shard's `shard.json` holds: enough to rebuild the reports of the whole study. */
export interface ShardFile {
  format: 'metcc-sim-shard/1';
  version: string;
  scenario_file: string;
  scenario_sha256: string;
  /** Every file of the extends chain with its SHA-256 (older shards: absent). */
  scenario_files?: LoadedScenario['sources'];
  scenario: LoadedScenario['scenario'];
  /** The investment's costing, when the scenario has one (for the merged run.json). */
  investment?: LoadedScenario['investment'];
  seed: number;
  replications: number;
  shard: { index: number; count: number };
  /** Wall time this shard took (for the merged run.json's timing). */
  wall_seconds?: number;
  /** SHA-256 of the shard's calls.csv (or calls.csv.gz), when it wrote one: `merge` checks it (a cut or edited log is refused). */
  calls_sha256?: string;
  /** calls.csv.gz only: bytes of its header member, then of each replication's member in file order (`merge` copies them in replication order). */
  calls_part_bytes?: number[];
  results: PortableResult[];
}

export const SHARD_FILE = 'shard.json';

/** The files of a shard's folder that merge reads. */
const SHARD_FOLDER_FILES = [SHARD_FILE, 'calls.csv'];

/**
 * A MergeError when the shard folder `dir` is not one whole unit (a kill cut its commit short,
 * or a file differs from its manifest): merge never reads a mixed or partial folder.
 */
function checkWhole(dir: string, files: readonly string[]): void {
  const problem = unitProblem(dir, files);
  if (problem) throw new MergeError(`${problem}; run that shard again into it (with --resume it only does what is missing)`);
}

/** The replications a study (or one shard of it) runs. */
export function replicationIndices(replications: number, shard?: { index: number; count: number }): number[] {
  const all = Array.from({ length: replications }, (_, k) => k);
  return shard ? all.filter((k) => k % shard.count === shard.index) : all;
}

/** The content of a shard.json: one scenario's results for the replications of one shard. */
export function shardFile(
  loaded: LoadedScenario,
  seed: number,
  replications: number,
  shard: { index: number; count: number },
  results: PortableResult[],
): ShardFile {
  return {
    format: 'metcc-sim-shard/1',
    version: programVersion(),
    scenario_file: portablePath(loaded.file),
    scenario_sha256: loaded.sha256,
    scenario_files: loaded.sources,
    scenario: loaded.scenario,
    ...(loaded.investment ? { investment: loaded.investment } : {}),
    seed,
    replications,
    shard,
    results,
  };
}

/** A shard's output in `dir` is complete when its shard.json (moved into place only when whole) matches this study. */
export function shardComplete(
  dir: string,
  loaded: LoadedScenario,
  study: { seed: number; replications: number; shard: { index: number; count: number }; calls: CallsFormat | undefined },
): boolean {
  const file = path.join(dir, SHARD_FILE);
  if (!existsSync(file) || unitProblem(dir, SHARD_FOLDER_FILES) !== null) return false;
  if (study.calls && !existsSync(path.join(dir, callsFileName(study.calls)))) return false;
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as ShardFile;
    return (
      s.scenario_sha256 === loaded.sha256 &&
      JSON.stringify(s.scenario) === JSON.stringify(loaded.scenario) &&
      s.seed === study.seed &&
      s.replications === study.replications &&
      s.shard.index === study.shard.index &&
      s.shard.count === study.shard.count
    );
  } catch {
    return false;
  }
}

/** Read the shard files of one study, check they belong together and are all there, and rebuild its results. */
export function readShards(dirs: readonly string[]): { shards: ShardFile[]; results: ReplicationResult[] } {
  const shards = dirs.map((dir) => {
    const file = path.join(dir, SHARD_FILE);
    checkWhole(dir, SHARD_FOLDER_FILES);
    if (!existsSync(file)) throw new MergeError(`${dir}: no ${SHARD_FILE}; expected the --out folder of a run with --shard i/n that finished`);
    let s: ShardFile;
    const text = readShardText(file);
    try {
      s = JSON.parse(text) as ShardFile;
    } catch {
      throw new MergeError(`${file}: not a metcc-sim shard file (it is not complete JSON)`);
    }
    const wellFormed =
      s !== null &&
      typeof s === 'object' &&
      s.format === 'metcc-sim-shard/1' &&
      typeof s.scenario === 'object' &&
      s.scenario !== null &&
      Number.isInteger(s.seed) &&
      Number.isInteger(s.replications) &&
      Number.isInteger(s.shard?.index) &&
      Number.isInteger(s.shard?.count) &&
      s.shard.count >= 1 && s.shard.count <= LIMITS.replications && s.shard.index >= 0 && s.shard.index < s.shard.count &&
      Array.isArray(s.results);
    if (!wellFormed) throw new MergeError(`${file}: not a metcc-sim shard file (expected format metcc-sim-shard/1 with scenario, seed, replications, shard and results)`);
    return s;
  });
  const first = shards[0];
  const count = first.shard.count;
  const seen = new Set<number>();
  shards.forEach((s, i) => {
    const where = dirs[i];
    if (s.scenario_sha256 !== first.scenario_sha256 || JSON.stringify(s.scenario) !== JSON.stringify(first.scenario)) {
      throw new MergeError(`${where}: a different scenario from ${dirs[0]}; expected shards of one study`);
    }
    if (s.seed !== first.seed || s.replications !== first.replications || s.shard.count !== count) {
      throw new MergeError(`${where}: seed, replications or shard count differ from ${dirs[0]}; expected shards of one study`);
    }
    if (seen.has(s.shard.index)) throw new MergeError(`${where}: shard ${s.shard.index}/${count} given twice`);
    seen.add(s.shard.index);
    // every replication of the shard, once each: a shard file with results removed, added or repeated is damaged
    const expected = replicationIndices(s.replications, s.shard);
    const got = s.results.map((r) => r?.replication).sort((a, b) => a - b);
    if (got.length !== expected.length || got.some((k, j) => k !== expected[j])) {
      throw new MergeError(`${where}/${SHARD_FILE}: holds the results of ${got.length} replication${got.length === 1 ? '' : 's'}, expected replications ${expected.join(', ') || '(none)'} of shard ${s.shard.index}/${count}; the file is damaged or edited: run that shard again`);
    }
  });
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length) throw new MergeError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')}; expected all ${count}`);
  const results = shards
    .flatMap((s) => s.results)
    .sort((a, b) => a.replication - b.replication)
    .map(fromPortable);
  return { shards, results };
}

/** The aggregate of one study rebuilt from its shards' folders (all of them, checked). */
export function aggregateShards(dirs: readonly string[], onResult?: (r: ReplicationResult) => void, confidence?: number): { aggregate: Aggregate; first: ShardFile; shards: ShardFile[] } {
  const { shards, results } = readShards(dirs);
  const first = shards[0];
  const aggregate = new Aggregate(reportShape(first.scenario), confidence);
  for (const r of results) {
    aggregate.add(r);
    onResult?.(r);
  }
  return { aggregate, first, shards };
}

/** A shard marker file (compare-shard.json, sweep-shard.json), or a MergeError saying it is unreadable. */
export function readShardMarker(file: string): unknown {
  checkWhole(path.dirname(file), [path.basename(file)]);
  const text = readShardText(file);
  try {
    const m = JSON.parse(text);
    if (m && typeof m === 'object') return m;
  } catch {
    // fall through
  }
  throw new MergeError(`${file}: not a complete metcc-sim shard marker (the shard may not have finished: run it again)`);
}

/** The largest shard file read: JSON.parse needs it as one string, and V8 caps a string near 512 MB. */
const MAX_SHARD_BYTES = 500 * 1024 * 1024;

/** A shard file's text: a regular file of a bounded size (a pipe or device named shard.json is refused, not waited on). */
function readShardText(file: string): string {
  try {
    return readBoundedFile(file, MAX_SHARD_BYTES, 'a metcc-sim shard file').toString('utf8');
  } catch (err) {
    if (err instanceof NotARegularFile) throw new MergeError(`${file}: ${err.message}`);
    throw new MergeError(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
