import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Aggregate } from '../metrics/Aggregate.js';
import { loadScenario, type LoadedScenario, type Override } from '../scenario/load.js';
import { reportShape } from '../simulate.js';
import { StagedFiles } from '../report/StagedFiles.js';
import { faultPoint } from '../report/faultPoint.js';
import { SimulationError } from '../model/SimulationError.js';
import { unitProblem } from '../report/unitProblem.js';
import { childFolder } from '../report/childFolder.js';
import { atLevel, SUMMARY_HEADERS, summaryTable } from '../report/reports.js';
import { MergeError } from './MergeError.js';
import { aggregateShards, readShardMarker, replicationIndices, SHARD_FILE, shardFile } from './shardFile.js';
import { toPortable, type Job, type PortableResult } from './jobs.js';
import { runJobs } from './pool.js';
import { JobTracker, simulatedSeconds, type JobProgress } from './jobProgress.js';
import { reportHtml } from '../report/html/reportHtml.js';
import { ReportSource } from '../report/html/ReportSource.js';

/** One swept key and the values it takes. */
export interface SweptKey {
  keyPath: string;
  values: unknown[];
}

/** Marks the --out folder of `sweep --shard i/n`; each point's shard is in point-<i>/. */
export const SWEEP_SHARD_FILE = 'sweep-shard.json';
const SWEEP_FILES = ['sweep.csv', 'report.html', SWEEP_SHARD_FILE];

interface SweepShardMarker {
  format: 'metcc-sim-sweep-shard/1';
  keys: SweptKey[];
  points: number;
  shard: { index: number; count: number };
}

/** Every combination of the swept values, the first key varying slowest. */
export function sweepPoints(keys: readonly SweptKey[]): Override[][] {
  let points: Override[][] = [[]];
  for (const k of keys) points = points.flatMap((p) => k.values.map((value) => [...p, { keyPath: k.keyPath, value }]));
  return points;
}

const pointDir = (i: number) => `point-${i + 1}`;

/** sweep.csv: the swept keys' values, then the columns of summary.csv, per point and contact type. */
function sweepTable(keys: readonly SweptKey[], names: readonly string[], aggregates: readonly Aggregate[]): { headers: string[]; rows: string[][] } {
  const headers = [...keys.map((k) => k.keyPath), ...atLevel(SUMMARY_HEADERS, aggregates[0]?.confidence ?? 0.95)];
  const rows: string[][] = [];
  sweepPoints(keys).forEach((overrides, i) => {
    const values = overrides.map((o) => (typeof o.value === 'string' ? o.value : JSON.stringify(o.value)));
    for (const row of summaryTable(names[i], aggregates[i]).rows) rows.push([...values, ...row]);
  });
  return { headers, rows };
}

/**
 * The study keys a sweep may also vary: each point runs with its own value, unless the
 * option of that name is given, which sets it for every point (so both at once is refused).
 */
export const STUDY_KEYS = ['seed', 'replications'] as const;

/** Why these swept keys and options contradict each other (a study key both swept and given as an option), or null. */
export function studyKeyClash(keys: readonly SweptKey[], options: { seed?: number; replications?: number }): string | null {
  const both = STUDY_KEYS.filter((k) => options[k] !== undefined && keys.some((s) => s.keyPath === k));
  if (both.length === 0) return null;
  const k = both[0];
  return `sweep: ${k} is swept (--set ${k}=...) and given as --${k} too; expected one of them (a swept ${k} runs each point with its own value, --${k} sets it for all)`;
}

/**
 * `sweep`: run the scenario at every combination of the swept values and write sweep.csv:
 * one row per point and contact type, the swept keys' values first, then the columns of
 * summary.csv. Each point runs with its own seed and replications (the scenario's, or the
 * swept value), or with `options.seed` / `options.replications` when given; points with the
 * same seed run on common random numbers (the same seed and replication indices).
 * With a shard, write each point's shard.json (in point-<i>/) for `merge` instead.
 */
export async function runSweep(
  file: string,
  fixed: readonly Override[],
  keys: readonly SweptKey[],
  options: {
    /** Every point's seed (instead of each point's own); not with a swept seed. */
    seed?: number;
    /** Every point's replications (instead of each point's own); not with swept replications. */
    replications?: number;
    outDir: string;
    workers: number;
    shard?: { index: number; count: number };
    resume?: boolean;
    /** Told how the whole sweep is going, naming the point(s) running. */
    onJobProgress?: (p: JobProgress) => void;
    confidence?: number;
  },
): Promise<{ rows: string[][]; headers: string[]; points: LoadedScenario[]; skipped?: boolean }> {
  const clash = studyKeyClash(keys, options);
  if (clash) throw new Error(clash);
  const points = sweepPoints(keys).map((overrides) => loadScenario(file, [...fixed, ...overrides]));
  const studies = points.map((p) => ({
    seed: options.seed ?? p.scenario.seed,
    replications: options.replications ?? p.scenario.replications,
  }));
  if (options.shard && options.resume && sweepShardComplete(options.outDir, keys, points, studies, options.shard)) {
    return { rows: [], headers: [], points, skipped: true };
  }
  const jobs: Job[] = [];
  const owner: number[] = [];
  points.forEach((p, i) => {
    for (const replication of replicationIndices(studies[i].replications, options.shard)) {
      jobs.push({ scenario: p.scenario, seed: studies[i].seed, replication });
      owner.push(i);
    }
  });
  const aggregates = points.map((p) => new Aggregate(reportShape(p.scenario), options.confidence));
  const portable: PortableResult[][] = points.map(() => []);
  const labels = sweepPoints(keys).map((o, i) => `point ${i + 1} of ${points.length} (${o.map((x) => `${x.keyPath}=${typeof x.value === 'string' ? x.value : JSON.stringify(x.value)}`).join(', ')})`);
  const describe = (running: number[]) => [...new Set(running.map((j) => owner[j]))].map((i) => labels[i]).join('; ') || `sweep of ${points.length} points`;
  await runJobs(
    jobs,
    options.workers,
    (j, result) => {
      faultPoint('replication');
      if (options.shard) portable[owner[j]].push(toPortable(result));
      else aggregates[owner[j]].add(result);
    },
    new JobTracker(jobs.length, options.onJobProgress).batch(0, describe, (j) => simulatedSeconds(points[owner[j]].scenario)),
  ).catch((err) => {
    if (err instanceof SimulationError) err.file ??= file; // the message names the scenario file
    throw err;
  });
  const staged = new StagedFiles(options.outDir);
  try {
    if (options.shard) {
      points.forEach((p, i) => staged.text(path.join(pointDir(i), SHARD_FILE), JSON.stringify(shardFile(p, studies[i].seed, studies[i].replications, options.shard!, portable[i]))));
      const marker: SweepShardMarker = { format: 'metcc-sim-sweep-shard/1', keys: [...keys], points: points.length, shard: options.shard };
      staged.text(SWEEP_SHARD_FILE, JSON.stringify(marker, null, 2) + '\n');
      staged.commit(SWEEP_FILES);
      return { rows: [], headers: [], points };
    }
    const { headers, rows } = sweepTable(keys, points.map((p) => p.scenario.name), aggregates);
    await writeSweep(staged, headers, rows);
    staged.commit(SWEEP_FILES);
    return { rows, headers, points };
  } catch (err) {
    staged.abort();
    throw err;
  }
}

/** sweep.csv and its report.html. */
async function writeSweep(staged: StagedFiles, headers: string[], rows: string[][]): Promise<void> {
  await staged.csv('sweep.csv', headers, rows);
  staged.text('report.html', await reportHtml(ReportSource.of(staged.dir, [{ name: 'sweep.csv', headers, rows }])));
}

/** A sweep shard's output is complete when its marker and every point's shard.json (renamed into place only when whole) match. */
function sweepShardComplete(
  outDir: string,
  keys: readonly SweptKey[],
  points: readonly LoadedScenario[],
  studies: readonly { seed: number; replications: number }[],
  shard: { index: number; count: number },
): boolean {
  const markerFile = path.join(outDir, SWEEP_SHARD_FILE);
  if (!existsSync(markerFile) || unitProblem(outDir) !== null) return false;
  try {
    const m = JSON.parse(readFileSync(markerFile, 'utf8')) as SweepShardMarker;
    if (JSON.stringify(m.keys) !== JSON.stringify(keys) || m.shard.index !== shard.index || m.shard.count !== shard.count) return false;
    return points.every((p, i) => {
      const f = path.join(outDir, pointDir(i), SHARD_FILE);
      if (!existsSync(f)) return false;
      const s = JSON.parse(readFileSync(f, 'utf8'));
      return s.seed === studies[i].seed && s.replications === studies[i].replications && JSON.stringify(s.scenario) === JSON.stringify(p.scenario);
    });
  } catch {
    return false;
  }
}

/** True if the folder is the output of `sweep --shard`. */
export function isSweepShard(dir: string): boolean {
  return existsSync(path.join(dir, SWEEP_SHARD_FILE));
}

/** `merge` of `sweep --shard` outputs: the sweep.csv an unsharded sweep would have written. */
export async function mergeSweepShards(dirs: readonly string[], outDir?: string, confidence?: number): Promise<{ outDir: string; rows: string[][] }> {
  const markers = dirs.map((d) => {
    const file = path.join(d, SWEEP_SHARD_FILE);
    if (!existsSync(file)) throw new MergeError(`${d}: no ${SWEEP_SHARD_FILE}; expected the --out folders of one sweep --shard study`);
    return readShardMarker(file) as SweepShardMarker;
  });
  markers.forEach((m, i) => {
    if (!Array.isArray(m.keys) || !Number.isInteger(m.points)) throw new MergeError(`${dirs[i]}: ${SWEEP_SHARD_FILE} is not a sweep shard marker (expected keys and points)`);
  });
  const first = markers[0];
  markers.forEach((m, i) => {
    if (JSON.stringify(m.keys) !== JSON.stringify(first.keys)) throw new MergeError(`${dirs[i]}: sweeps other values than ${dirs[0]}; expected shards of one sweep`);
  });
  const merged = Array.from({ length: first.points }, (_, i) => aggregateShards(dirs.map((d) => path.join(d, pointDir(i))), undefined, confidence));
  const out = outDir ?? childFolder('reports', `${merged[0].first.scenario.name}-sweep`, `${dirs[0]}: the scenario name`);
  const { headers, rows } = sweepTable(first.keys, merged.map((m) => m.first.scenario.name), merged.map((m) => m.aggregate));
  const staged = new StagedFiles(out);
  try {
    await writeSweep(staged, headers, rows);
    staged.commit(SWEEP_FILES);
  } catch (err) {
    staged.abort();
    throw err;
  }
  return { outDir: out, rows };
}
