import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Aggregate } from '../metrics/Aggregate.js';
import type { ReplicationResult } from '../metrics/ReplicationResult.js';
import type { LoadedScenario } from '../scenario/load.js';
import { reportShape } from '../simulate.js';
import { StagedFiles } from '../report/StagedFiles.js';
import {
  CALLS_HEADERS,
  gradingTable,
  handlersTable,
  intervalsTable,
  peelTable,
  replicationsTable,
  staffingTable,
  summaryTable,
  triageTable,
  type Table,
} from '../report/reports.js';
import { programVersion } from '../version.js';
import type { Job } from './jobs.js';
import { fromPortable, toPortable, type PortableResult } from './jobs.js';
import { runJobs, type Progress } from './pool.js';

export interface StudyOptions {
  seed: number;
  replications: number;
  /** Folder the reports go to (created if missing). */
  outDir: string;
  /** Also write calls.csv. */
  calls: boolean;
  /** Worker threads (1: this thread). Results do not depend on it. */
  workers?: number;
  /** Run only the replications k with k mod count = index, and write a shard for `merge`. */
  shard?: { index: number; count: number };
  /** With a shard: do nothing if its output is already complete. */
  resume?: boolean;
  /** Told how the batch is going (for a progress line). */
  onProgress?: (p: Progress) => void;
}

export interface StudyResult {
  aggregate: Aggregate;
  wallSeconds: number;
  files: string[];
  /** True when --resume found the shard complete and ran nothing. */
  skipped?: boolean;
}

/** What a shard's `shard.json` holds: enough to rebuild the reports of the whole study. */
export interface ShardFile {
  format: 'metcc-sim-shard/1';
  version: string;
  scenario_file: string;
  scenario_sha256: string;
  scenario: LoadedScenario['scenario'];
  seed: number;
  replications: number;
  shard: { index: number; count: number };
  /** Wall time this shard took (for the merged run.json's timing). */
  wall_seconds?: number;
  results: PortableResult[];
}

export const SHARD_FILE = 'shard.json';

/** Every file a run, a shard or a merge may write into its folder (others' leftovers are removed). */
export const RUN_FILES = [
  'summary.csv', 'handlers.csv', 'replications.csv', 'intervals.csv', 'peel.csv', 'staffing.csv',
  'triage.csv', 'grading.csv', 'run.json', 'calls.csv', SHARD_FILE,
] as const;

/** The replications a study (or one shard of it) runs. */
export function replicationIndices(replications: number, shard?: { index: number; count: number }): number[] {
  const all = Array.from({ length: replications }, (_, k) => k);
  return shard ? all.filter((k) => k % shard.count === shard.index) : all;
}

/**
 * Run the replications of a scenario and write its reports into `outDir`: summary.csv,
 * handlers.csv, replications.csv, intervals.csv, peel.csv, staffing.csv, (with grades)
 * triage.csv and grading.csv, run.json and, with `calls`, calls.csv streamed as the calls end.
 * With a shard, write shard.json (and its calls.csv) for `merge` instead.
 * Files are staged and renamed only when all are complete.
 */
export async function runStudy(loaded: LoadedScenario, options: StudyOptions): Promise<StudyResult> {
  const started = process.hrtime.bigint();
  const { scenario } = loaded;
  const shape = reportShape(scenario);
  const aggregate = new Aggregate(shape);
  mkdirSync(options.outDir, { recursive: true });
  if (options.shard && options.resume && shardComplete(options.outDir, loaded, options)) {
    return { aggregate, wallSeconds: 0, files: [], skipped: true };
  }
  const staged = new StagedFiles(options.outDir); // also clears what killed runs left here
  const partsDir = options.calls ? mkdtempSync(path.join(options.outDir, `.calls-parts-${process.pid}-`)) : undefined;
  try {
    const indices = replicationIndices(options.replications, options.shard);
    const jobs: Job[] = indices.map((replication) => ({
      scenario,
      seed: options.seed,
      replication,
      callsPartPath: partsDir ? path.join(partsDir, `${replication}.csv`) : undefined,
    }));
    const portable: PortableResult[] = [];
    await runJobs(
      jobs,
      options.workers ?? 1,
      (_i, result: ReplicationResult) => {
        if (options.shard) portable.push(toPortable(result));
        else aggregate.add(result);
      },
      options.onProgress,
    );
    const files: string[] = [];
    if (partsDir) {
      await concatenateCalls(staged.stage('calls.csv'), jobs.map((j) => j.callsPartPath!));
      files.push('calls.csv');
    }
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (options.shard) {
      staged.text(SHARD_FILE, JSON.stringify({ ...shardFile(loaded, options.seed, options.replications, options.shard, portable), wall_seconds: Number(wallSeconds.toFixed(3)) }));
      files.push(SHARD_FILE);
    } else {
      files.unshift(...(await writeReports(staged, loaded, aggregate, options, wallSeconds)));
    }
    staged.commit(RUN_FILES);
    return { aggregate, wallSeconds, files };
  } catch (err) {
    staged.abort();
    throw err;
  } finally {
    if (partsDir) rmSync(partsDir, { recursive: true, force: true });
  }
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
    scenario: loaded.scenario,
    seed,
    replications,
    shard,
    results,
  };
}

/** The aggregate of one study rebuilt from its shards' folders (all of them, checked). */
export function aggregateShards(dirs: readonly string[]): { aggregate: Aggregate; first: ShardFile; shards: ShardFile[] } {
  const { shards, results } = readShards(dirs);
  const first = shards[0];
  const aggregate = new Aggregate(reportShape(first.scenario));
  for (const r of results) aggregate.add(r);
  return { aggregate, first, shards };
}

function portablePath(file: string): string {
  return file.split(path.sep).join('/');
}

/** A shard's output is complete when its shard.json (renamed into place only when whole) matches this study. */
function shardComplete(outDir: string, loaded: LoadedScenario, options: StudyOptions): boolean {
  const file = path.join(outDir, SHARD_FILE);
  if (!existsSync(file)) return false;
  if (options.calls && !existsSync(path.join(outDir, 'calls.csv'))) return false;
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as ShardFile;
    return (
      s.scenario_sha256 === loaded.sha256 &&
      JSON.stringify(s.scenario) === JSON.stringify(loaded.scenario) &&
      s.seed === options.seed &&
      s.replications === options.replications &&
      s.shard.index === options.shard!.index &&
      s.shard.count === options.shard!.count
    );
  } catch {
    return false;
  }
}

/** calls.csv: the header, then each replication's rows in replication order. */
export async function concatenateCalls(target: string, parts: readonly string[]): Promise<void> {
  const out = createWriteStream(target);
  const closed = new Promise<void>((resolve, reject) => {
    out.once('close', () => resolve());
    out.once('error', reject);
  });
  out.write(CALLS_HEADERS.join(',') + '\n');
  for (const part of parts) {
    for await (const chunk of createReadStream(part)) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  }
  out.end();
  await closed;
}

/** Read the shard files of one study, check they belong together and are all there, and rebuild its aggregate. */
export function readShards(dirs: readonly string[]): { shards: ShardFile[]; results: ReplicationResult[] } {
  const shards = dirs.map((dir) => {
    const file = path.join(dir, SHARD_FILE);
    if (!existsSync(file)) throw new MergeError(`${dir}: no ${SHARD_FILE}; expected the --out folder of a run with --shard i/n that finished`);
    let s: ShardFile;
    try {
      s = JSON.parse(readFileSync(file, 'utf8')) as ShardFile;
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
  });
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length) throw new MergeError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')}; expected all ${count}`);
  const results = shards
    .flatMap((s) => s.results)
    .sort((a, b) => a.replication - b.replication)
    .map(fromPortable);
  return { shards, results };
}

/** A shard marker file (compare-shard.json, sweep-shard.json), or a MergeError saying it is unreadable. */
export function readShardMarker(file: string): unknown {
  try {
    const m = JSON.parse(readFileSync(file, 'utf8'));
    if (m && typeof m === 'object') return m;
  } catch {
    // fall through
  }
  throw new MergeError(`${file}: not a complete metcc-sim shard marker (the shard may not have finished: run it again)`);
}

/** Bad input to `merge`: exit code 1. */
export class MergeError extends Error {
  override name = 'MergeError';
}

/**
 * `merge`: the reports of one unsharded run, rebuilt from its shards' outputs, byte for byte
 * (run.json's timing aside). Per-call logs are interleaved back into replication order.
 */
export async function mergeShards(dirs: readonly string[], outDir: string): Promise<StudyResult> {
  const started = process.hrtime.bigint();
  const { aggregate, first, shards } = aggregateShards(dirs);
  const loaded: LoadedScenario = { scenario: first.scenario, file: first.scenario_file, sha256: first.scenario_sha256, warnings: [] };
  mkdirSync(outDir, { recursive: true });
  const staged = new StagedFiles(outDir);
  try {
    // timing of a merged run: the shards' wall times added up (the work done, wherever it ran)
    const shardSeconds = shards.reduce((t, sh) => t + (sh.wall_seconds ?? 0), 0);
    const files = await writeReports(staged, loaded, aggregate, { seed: first.seed, replications: first.replications }, shardSeconds);
    const withCalls = dirs.filter((d) => existsSync(path.join(d, 'calls.csv')));
    if (withCalls.length === dirs.length) {
      await mergeCalls(staged.stage('calls.csv'), dirs, shards);
      files.push('calls.csv');
    }
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    staged.commit(RUN_FILES);
    return { aggregate, wallSeconds, files };
  } catch (err) {
    staged.abort();
    throw err;
  }
}

/** Interleave the shards' calls.csv files back into replication order. */
async function mergeCalls(target: string, dirs: readonly string[], shards: ShardFile[]): Promise<void> {
  const { createInterface } = await import('node:readline');
  const byIndex = new Map(shards.map((s, i) => [s.shard.index, dirs[i]]));
  const count = shards[0].shard.count;
  const readers = new Map<number, AsyncIterator<string>>();
  const lookahead = new Map<number, string | undefined>();
  for (const [index, dir] of byIndex) {
    const it = createInterface({ input: createReadStream(path.join(dir, 'calls.csv')), crlfDelay: Infinity })[Symbol.asyncIterator]();
    await it.next(); // header
    readers.set(index, it);
    const n = await it.next();
    lookahead.set(index, n.done ? undefined : n.value);
  }
  const out = createWriteStream(target);
  const closed = new Promise<void>((resolve, reject) => {
    out.once('close', () => resolve());
    out.once('error', reject);
  });
  out.write(CALLS_HEADERS.join(',') + '\n');
  for (let k = 0; k < shards[0].replications; k++) {
    const index = k % count;
    const it = readers.get(index)!;
    let line = lookahead.get(index);
    while (line !== undefined && line.slice(0, line.indexOf(',')) === String(k)) {
      if (!out.write(line + '\n')) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      const n = await it.next();
      line = n.done ? undefined : n.value;
    }
    lookahead.set(index, line);
  }
  out.end();
  await closed;
}

/** Write the aggregate's reports and run.json into the staged folder. */
export async function writeReports(
  staged: StagedFiles,
  loaded: LoadedScenario,
  aggregate: Aggregate,
  options: Pick<StudyOptions, 'seed' | 'replications'>,
  wallSeconds: number,
): Promise<string[]> {
  const { scenario } = loaded;
  const name = scenario.name;
  const frame = reportShape(scenario).frame;
  const tables: Table[] = [
    summaryTable(name, aggregate),
    handlersTable(name, aggregate),
    replicationsTable(name, aggregate),
    intervalsTable(name, aggregate, frame),
    peelTable(name, aggregate, frame),
    staffingTable(name, aggregate),
  ];
  if (aggregate.triage.some((n) => n > 0)) tables.push(triageTable(name, aggregate), gradingTable(name, aggregate));
  for (const t of tables) await staged.csv(t.name, t.headers, t.rows);
  const modelEvents = aggregate.events.arrivals + aggregate.events.answers + aggregate.events.serviceEnds + aggregate.events.abandonments;
  const runJson = {
    program: 'metcc-sim',
    version: programVersion(),
    scenario_file: portablePath(loaded.file),
    scenario_sha256: loaded.sha256,
    seed: options.seed,
    replications: options.replications,
    events: { model: modelEvents, ...aggregate.events, calendar: aggregate.calendarEvents },
    scenario,
    timing: {
      wall_seconds: Number(wallSeconds.toFixed(3)),
      model_events_per_second: Math.round(modelEvents / Math.max(wallSeconds, 1e-9)),
    },
  };
  staged.text('run.json', JSON.stringify(runJson, null, 2) + '\n');
  return [...tables.map((t) => t.name), 'run.json'];
}
