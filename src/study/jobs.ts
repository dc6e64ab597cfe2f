import { createWriteStream } from 'node:fs';
import { format } from 'fast-csv';
import type { ReplicationResult } from '../metrics/ReplicationTally.js';
import { WaitHistogram } from '../metrics/WaitHistogram.js';
import { callRow } from '../report/reports.js';
import type { Scenario } from '../scenario/load.js';
import { reportShape, runReplication } from '../simulate.js';

/** One replication to run: where it may go (this thread or a worker) never changes its result. */
export interface Job {
  scenario: Scenario;
  seed: number;
  replication: number;
  /** Write this replication's calls.csv rows (no header) here. */
  callsPartPath?: string;
}

/** A ReplicationResult in a form that survives structured cloning and JSON (histograms as pairs). */
export type PortableResult = Omit<ReplicationResult, 'contacts'> & {
  contacts: (Omit<ReplicationResult['contacts'][number], 'waits'> & { waits: [number, number][] })[];
};

export function toPortable(r: ReplicationResult): PortableResult {
  return { ...r, contacts: r.contacts.map((c) => ({ ...c, waits: c.waits.toJSON() })) };
}

export function fromPortable(p: PortableResult): ReplicationResult {
  return { ...p, contacts: p.contacts.map((c) => ({ ...c, waits: WaitHistogram.fromJSON(c.waits) })) };
}

/**
 * Run one job here: simulate the replication, fold it, and stream its per-call rows to its
 * part file with back-pressure (the simulation pauses while the file catches up).
 * `onProgress` hears the simulated clock now and then.
 */
export async function executeJob(job: Job, onProgress?: (simSeconds: number) => void): Promise<ReplicationResult> {
  const shape = reportShape(job.scenario);
  let csv: ReturnType<typeof format<string[], string[]>> | undefined;
  let file: ReturnType<typeof createWriteStream> | undefined;
  let closed: Promise<void> | undefined;
  if (job.callsPartPath) {
    csv = format<string[], string[]>({ includeEndRowDelimiter: true });
    file = createWriteStream(job.callsPartPath);
    closed = new Promise((resolve, reject) => {
      file!.once('close', () => resolve());
      file!.once('error', reject);
    });
    csv.pipe(file);
  }
  let blocked: Promise<void> | undefined;
  let lastProgressAt = 0;
  let result: ReplicationResult;
  try {
    result = await runReplication(job.scenario, shape, {
    seed: job.seed,
    replication: job.replication,
    onCall: csv
      ? (c) => {
          if (!csv!.write(callRow(c, shape.grades, shape.levels)) && !blocked) {
            blocked = new Promise<void>((resolve) =>
              csv!.once('drain', () => {
                blocked = undefined;
                resolve();
              }),
            );
          }
        }
      : undefined,
    pause: (simSeconds) => {
      if (onProgress) {
        const t = Date.now();
        if (t - lastProgressAt > 250) {
          lastProgressAt = t;
          onProgress(simSeconds);
        }
      }
      return blocked;
    },
  });
  } catch (err) {
    // close the part file before the caller removes its folder, and let nothing reject unheard
    closed?.catch(() => undefined);
    csv?.destroy();
    file?.destroy();
    throw err;
  }
  if (csv) {
    csv.end();
    await closed;
  }
  return result;
}
