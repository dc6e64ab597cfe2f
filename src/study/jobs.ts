import { createWriteStream } from 'node:fs';
import { format } from 'fast-csv';
import type { ReplicationResult } from '../metrics/ReplicationResult.js';
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

type Contact = ReplicationResult['contacts'][number];

/** A ReplicationResult as a worker thread posts it: typed arrays (transferred, not copied) and histogram states. */
export type TransferResult = Omit<ReplicationResult, 'contacts'> & {
  contacts: (Omit<Contact, 'waits'> & { waits: ReturnType<WaitHistogram['toState']> })[];
};

/** The result to post from a worker, and the buffers to transfer with it. */
export function toTransfer(r: ReplicationResult): { result: TransferResult; transfer: ArrayBuffer[] } {
  const result: TransferResult = { ...r, contacts: r.contacts.map((c) => ({ ...c, waits: c.waits.toState() })) };
  const arrays = [
    ...r.intervals,
    ...r.months,
    ...r.groups.flatMap((g) => [g.staffedSeconds, g.busySeconds]),
    r.triage,
    ...result.contacts.map((c) => c.waits.dense),
  ];
  return { result, transfer: [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))] };
}

export function fromTransfer(t: TransferResult): ReplicationResult {
  return { ...t, contacts: t.contacts.map((c) => ({ ...c, waits: WaitHistogram.fromState(c.waits) })) };
}

/** A ReplicationResult as JSON for shard files (plain arrays; histograms as [bin, count] pairs). */
export type PortableResult = Omit<ReplicationResult, 'contacts' | 'intervals' | 'months' | 'groups' | 'triage'> & {
  contacts: (Omit<Contact, 'waits'> & { waits: [number, number][] })[];
  intervals: number[][];
  months: number[][];
  groups: { staffedSeconds: number[]; busySeconds: number[] }[];
  triage: number[];
};

export function toPortable(r: ReplicationResult): PortableResult {
  return {
    ...r,
    contacts: r.contacts.map((c) => ({ ...c, waits: c.waits.toJSON() })),
    intervals: r.intervals.map((a) => Array.from(a)),
    months: r.months.map((a) => Array.from(a)),
    groups: r.groups.map((g) => ({ staffedSeconds: Array.from(g.staffedSeconds), busySeconds: Array.from(g.busySeconds) })),
    triage: Array.from(r.triage),
  };
}

export function fromPortable(p: PortableResult): ReplicationResult {
  return {
    ...p,
    contacts: p.contacts.map((c) => ({ ...c, waits: WaitHistogram.fromJSON(c.waits) })),
    intervals: p.intervals.map((a) => Float64Array.from(a)),
    months: p.months.map((a) => Float64Array.from(a)),
    groups: p.groups.map((g) => ({ staffedSeconds: Float64Array.from(g.staffedSeconds), busySeconds: Float64Array.from(g.busySeconds) })),
    triage: Float64Array.from(p.triage),
  };
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
    // a write error (a full disk) may come while the simulation runs: it is heard when `closed` is awaited, not as an unhandled rejection
    closed.catch(() => undefined);
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
            // the drain never comes once the file has failed: `closed` rejects instead, ending the wait
            blocked = Promise.race([
              new Promise<void>((resolve) =>
                csv!.once('drain', () => {
                  blocked = undefined;
                  resolve();
                }),
              ),
              closed!,
            ]);
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
