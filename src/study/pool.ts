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

/** How many jobs per worker may run ahead of the next result to hand over. */
export const REORDER_WINDOW_PER_WORKER = 4;

/** The compiled worker script (tests run the TypeScript sources, so always use dist/). */
function workerScript(): string {
  const file = fileURLToPath(new URL('../../dist/study/worker.js', import.meta.url));
  if (!existsSync(file)) throw new Error(`worker script ${file} is missing: run 'npm run build' first`);
  return file;
}

/**
 * Run jobs on `workers` threads (1: in this thread, no worker) and hand each result to
 * `onResult` in job order, whatever order they finish in: results never depend on how many
 * workers ran them. Memory stays bounded: a job starts only while it is fewer than
 * REORDER_WINDOW_PER_WORKER x workers jobs ahead of the next result to hand over.
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
      report(); // started: a display can name what runs from the first moment
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
  const window = REORDER_WINDOW_PER_WORKER * workers;
  const pending = new Map<number, ReplicationResult>(); // finished, waiting for their turn
  const idle: Worker[] = [];
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
      // A job may start while it lies within the window after the next result to hand over.
      // The window moves only when a result is handed over, so every hand-over (and every
      // worker that falls idle) is followed by `dispatch`: no worker stays idle while a job
      // it may start remains. Progress is guaranteed: if the window is full, job nextToHand
      // has started and is running or pending, and its hand-over moves the window.
      const dispatch = () => {
        while (!failed && idle.length > 0 && nextToStart < jobs.length && nextToStart - nextToHand < window) {
          const id = nextToStart++;
          progress.running.set(id, 0);
          report();
          idle.pop()!.postMessage({ id, job: jobs[id] });
        }
      };
      const handOver = async () => {
        while (!failed && pending.has(nextToHand)) {
          const r = pending.get(nextToHand)!;
          pending.delete(nextToHand);
          await onResult(nextToHand, r);
          nextToHand++;
          dispatch();
        }
        if (nextToHand === jobs.length) resolve();
      };
      let handing = Promise.resolve();
      for (let t = 0; t < Math.min(workers, jobs.length); t++) {
        const w = new Worker(script);
        threads.push(w);
        w.on('message', (msg: { type: string; id: number; simSeconds?: number; result?: TransferResult; name?: string; message?: string; stack?: string }) => {
          try {
            if (msg.type === 'progress') {
              progress.running.set(msg.id, msg.simSeconds!);
              report();
            } else if (msg.type === 'result') {
              progress.running.delete(msg.id);
              progress.done++;
              pending.set(msg.id, fromTransfer(msg.result!));
              idle.push(w);
              dispatch();
              handing = handing.then(handOver).catch(fail);
              report();
            } else if (msg.type === 'error') {
              const err = msg.name === 'SimulationError' ? new SimulationError(msg.message) : new Error(msg.message);
              if (msg.stack) err.stack = msg.stack;
              fail(err);
            }
          } catch (err) {
            fail(err as Error); // a throwing onProgress fails the batch, as it does on one thread
          }
        });
        w.on('error', fail);
        w.on('exit', (code) => {
          if (code !== 0 && nextToHand < jobs.length) fail(new Error(`worker thread exited with code ${code}`));
        });
        idle.push(w);
      }
      dispatch();
    });
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
  }
}
