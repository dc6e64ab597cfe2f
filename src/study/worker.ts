/** Worker thread entry: runs the jobs it is sent, one at a time, and posts their results back. */
import { parentPort } from 'node:worker_threads';
import { executeJob, toTransfer, type Job } from './jobs.js';

if (!parentPort) throw new Error('metcc-sim worker: expected to run as a worker thread');
const port = parentPort;

port.on('message', async (msg: { id: number; job: Job }) => {
  try {
    const result = await executeJob(msg.job, (simSeconds) => port.postMessage({ type: 'progress', id: msg.id, simSeconds }));
    const { result: posted, transfer } = toTransfer(result);
    port.postMessage({ type: 'result', id: msg.id, result: posted }, transfer);
  } catch (err) {
    const e = err as Error;
    port.postMessage({ type: 'error', id: msg.id, name: e?.name, message: e?.message ?? String(err), stack: e?.stack });
  }
});
