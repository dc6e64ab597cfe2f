import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReplicationResult } from '../metrics/ReplicationResult.js';
import { executeJob, fromTransfer, type Job, type TransferResult } from './jobs.js';
import { SimulationError } from '../model/SimulationError.js';

/** Progress of a batch: replications done, and the simulated clock of each one running. */
export interface Progress {
  done: number;
  total: number;
  /** Simulated seconds reached by the jobs still running. */
  running: Map<number, number>;
}

/** The compiled worker script (tests run the TypeScript sources, so always use dist/). */
function workerScript(): string {
  const file = fileURLToPath(new URL('../../dist/study/worker.js', import.meta.url));
  if (!existsSync(file)) throw new Error(`worker script ${file} is missing: run 'npm run build' first`);
  return file;
}

/**
 * Run jobs on `workers` threads (1: in this thread, no worker) and hand each result to
 * `onResult` in job order, whatever order they finish in: results never depend on how many
 * workers ran them. At most `workers` results wait for their turn beyond those running.
 */
export async function runJobs(
  jobs: readonly Job[],
  workers: number,
  onResult: (index: number, result: ReplicationResult) => void | Promise<void>,
  onProgress?: (p: Progress) => void,
): Promise<void> {
  const progress: Progress = { done: 0, total: jobs.length, running: new Map() };
  const report = () => onProgress?.(progress);
  if (workers <= 1 || jobs.length <= 1) {
    for (let i = 0; i < jobs.length; i++) {
      progress.running.set(i, 0);
      const result = await executeJob(jobs[i], (s) => {
        progress.running.set(i, s);
        report();
      });
      progress.running.delete(i);
      progress.done++;
      report();
      await onResult(i, result);
    }
    return;
  }

  const script = workerScript();
  const pending = new Map<number, ReplicationResult>();
  let nextToHand = 0;
  let nextToStart = 0;
  const threads: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (err: Error) => {
        if (!failed) {
          failed = true;
          reject(err);
        }
      };
      const handOver = async () => {
        while (pending.has(nextToHand)) {
          const r = pending.get(nextToHand)!;
          pending.delete(nextToHand);
          await onResult(nextToHand, r);
          nextToHand++;
        }
        if (nextToHand === jobs.length) resolve();
      };
      let handing = Promise.resolve();
      const startNext = (w: Worker) => {
        // keep the reorder buffer bounded: do not run too far ahead of the next result to hand over
        if (nextToStart < jobs.length && nextToStart - nextToHand < 4 * workers) {
          const id = nextToStart++;
          progress.running.set(id, 0);
          w.postMessage({ id, job: jobs[id] });
          return true;
        }
        return false;
      };
      const idle: Worker[] = [];
      for (let t = 0; t < Math.min(workers, jobs.length); t++) {
        const w = new Worker(script);
        threads.push(w);
        w.on('message', (msg: { type: string; id: number; simSeconds?: number; result?: TransferResult; name?: string; message?: string; stack?: string }) => {
          if (msg.type === 'progress') {
            progress.running.set(msg.id, msg.simSeconds!);
            report();
          } else if (msg.type === 'result') {
            progress.running.delete(msg.id);
            progress.done++;
            report();
            pending.set(msg.id, fromTransfer(msg.result!));
            handing = handing.then(handOver).catch(fail);
            if (!startNext(w)) idle.push(w);
            while (idle.length && startNext(idle[idle.length - 1])) idle.pop();
          } else if (msg.type === 'error') {
            const err = msg.name === 'SimulationError' ? new SimulationError(msg.message) : new Error(msg.message);
            if (msg.stack) err.stack = msg.stack;
            fail(err);
          }
        });
        w.on('error', fail);
        w.on('exit', (code) => {
          if (code !== 0 && nextToHand < jobs.length) fail(new Error(`worker thread exited with code ${code}`));
        });
        if (!startNext(w)) idle.push(w);
      }
    });
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
  }
}
