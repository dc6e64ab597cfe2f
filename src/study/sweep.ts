import { mkdirSync } from 'node:fs';
import { Aggregate } from '../metrics/Aggregate.js';
import { loadScenario, type LoadedScenario, type Override } from '../scenario/load.js';
import { reportShape } from '../simulate.js';
import { StagedFiles } from '../report/StagedFiles.js';
import { SUMMARY_HEADERS, summaryTable } from '../report/reports.js';
import { replicationIndices } from './runStudy.js';
import type { Job } from './jobs.js';
import { runJobs, type Progress } from './pool.js';

/** One swept key and the values it takes. */
export interface SweptKey {
  keyPath: string;
  values: unknown[];
}

/** Every combination of the swept values, the first key varying slowest. */
export function sweepPoints(keys: readonly SweptKey[]): Override[][] {
  let points: Override[][] = [[]];
  for (const k of keys) points = points.flatMap((p) => k.values.map((value) => [...p, { keyPath: k.keyPath, value }]));
  return points;
}

/**
 * `sweep`: run the scenario at every combination of the swept values, each point on common
 * random numbers (the same seed and replication indices), and write sweep.csv: one row per
 * point and contact type, the swept keys' values first, then the columns of summary.csv.
 */
export async function runSweep(
  file: string,
  fixed: readonly Override[],
  keys: readonly SweptKey[],
  options: { seed?: number; replications?: number; outDir: string; workers: number; onProgress?: (p: Progress) => void },
): Promise<{ rows: string[][]; headers: string[]; points: LoadedScenario[] }> {
  const points = sweepPoints(keys).map((overrides) => loadScenario(file, [...fixed, ...overrides]));
  const seed = options.seed ?? points[0].scenario.seed;
  const replications = options.replications ?? points[0].scenario.replications;
  const jobs: Job[] = [];
  const owner: number[] = [];
  points.forEach((p, i) => {
    for (const replication of replicationIndices(replications)) {
      jobs.push({ scenario: p.scenario, seed, replication });
      owner.push(i);
    }
  });
  const aggregates = points.map((p) => new Aggregate(reportShape(p.scenario)));
  await runJobs(jobs, options.workers, (j, result) => aggregates[owner[j]].add(result), options.onProgress);
  const headers = [...keys.map((k) => k.keyPath), ...SUMMARY_HEADERS];
  const rows: string[][] = [];
  points.forEach((p, i) => {
    const values = sweepPoints(keys)[i].map((o) => (typeof o.value === 'string' ? o.value : JSON.stringify(o.value)));
    for (const row of summaryTable(p.scenario.name, aggregates[i]).rows) rows.push([...values, ...row]);
  });
  mkdirSync(options.outDir, { recursive: true });
  const staged = new StagedFiles(options.outDir);
  await staged.csv('sweep.csv', headers, rows);
  staged.commit();
  return { rows, headers, points };
}
