import type { ReplicationResult } from '../metrics/ReplicationResult.js';
import type { Scenario } from '../scenario/load.js';
import type { Job } from './jobs.js';
import { runJobs, type Progress } from './pool.js';

/** How points are run: the same seed and replication indices at every point (common random numbers). */
export interface PointsOptions {
  seed: number;
  replications: number;
  workers: number;
}

/**
 * Simulates several scenarios ("points") on common random numbers: replications 0..R-1 of
 * every point with the same seed, all as one batch on the worker pool so both cores stay busy
 * however few replications a point has. `onResult(point, result)` is called in job order
 * (point by point, each in replication order), whatever the number of workers. The one
 * batching rule calibrate's, uncertainty's and allocate's evaluators share.
 */
export async function runPoints(
  scenarios: readonly Scenario[],
  o: PointsOptions,
  onResult: (point: number, result: ReplicationResult) => void,
  onProgress?: (p: Progress) => void,
): Promise<void> {
  const jobs: Job[] = scenarios.flatMap((scenario) => Array.from({ length: o.replications }, (_, replication) => ({ scenario, seed: o.seed, replication })));
  await runJobs(jobs, o.workers, (i, result) => onResult(Math.floor(i / o.replications), result), onProgress);
}
