import type { Scenario } from '../scenario/load.js';
import { horizonSeconds } from '../engine/TimeFrame.js';
import type { Progress } from './pool.js';

/** How a whole job is going (one run, both scenarios of a compare, every point of a sweep), for a progress display. */
export interface JobProgress {
  /** What is running now, in words: a scenario's name, or a sweep point and its values. */
  doing: string;
  /** Replications finished, of all the job's replications. */
  done: number;
  total: number;
  /** Share of the whole job done, 0 to 1: finished replications, and running ones by how far their simulated clock has got. */
  fraction: number;
  /** Each running replication: the simulated day it has reached and the day it ends. */
  running: { day: number; ofDays: number }[];
}

const DAY_SECONDS = 86_400;

/**
 * JobProgress from the worker pool's progress of each batch a job runs: a job made of several
 * batches (a compare runs the baseline's replications, then the variant's) reports one
 * `done`/`total` and one fraction across all of them, so an ETA drawn from it covers the job.
 *
 * @example
 *   const job = new JobTracker(2 * replications, show);
 *   await runStudy(base, { ...options, onProgress: job.batch(0, () => 'baseline', () => horizonSeconds) });
 *   await runStudy(variant, { ...options, onProgress: job.batch(replications, () => 'variant', () => horizonSeconds) });
 */
export class JobTracker {
  constructor(
    readonly total: number,
    private readonly report?: (p: JobProgress) => void,
  ) {}

  /**
   * The pool's onProgress for one batch: `doneBefore` replications of the job finished before it;
   * `describe` names what runs (from the batch's running job indices); `horizonSecondsOf` gives a
   * job's whole simulated time (warm-up included). Undefined when nobody listens.
   */
  batch(doneBefore: number, describe: (runningJobs: number[]) => string, horizonSecondsOf: (job: number) => number): ((p: Progress) => void) | undefined {
    const report = this.report;
    if (!report) return undefined;
    return (p) => {
      const ids = [...p.running.keys()].sort((a, b) => a - b);
      const running = ids.map((id) => ({ seconds: p.running.get(id)!, horizon: horizonSecondsOf(id) }));
      const partial = running.reduce((s, r) => s + Math.min(1, r.seconds / Math.max(r.horizon, 1e-9)), 0);
      const done = doneBefore + p.done;
      report({
        doing: describe(ids),
        done,
        total: this.total,
        fraction: Math.min(1, (done + partial) / Math.max(1, this.total)),
        running: running.map((r) => ({ day: r.seconds / DAY_SECONDS, ofDays: r.horizon / DAY_SECONDS })),
      });
    };
  }
}

/** A scenario's whole simulated time, warm-up included, in seconds (what a replication's clock runs to). */
export function simulatedSeconds(scenario: Pick<Scenario, 'horizon'>): number {
  const h = horizonSeconds(scenario);
  return h.warmupSeconds + h.countedSeconds;
}
