import type { ReplicationResult } from '../metrics/ReplicationResult.js';
import { WaitHistogram } from '../metrics/WaitHistogram.js';
import type { Scenario } from '../scenario/load.js';
import { reportShape, runReplication } from '../simulate.js';
import { CallRowEncoder } from './CallRowEncoder.js';
import type { CallsFormat } from './callsFormat.js';
import { CallsOutput } from './CallsOutput.js';

/** One replication to run: where it may go (this thread or a worker) never changes its result. */
export interface Job {
  scenario: Scenario;
  seed: number;
  replication: number;
  /** Write this replication's per-call rows (no header) here. */
  calls?: CallsTarget;
}

/** Where a job writes its per-call rows: a file of its own, or (one thread) the log itself, appended to. */
export interface CallsTarget {
  path: string;
  format: CallsFormat;
  /** Append to what the file holds (the header and earlier replications) rather than create it. */
  append: boolean;
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
 * Run one job here: simulate the replication, fold it, and write its per-call rows as they
 * end to `job.calls` with back-pressure (the simulation pauses while the file catches up).
 * `onProgress` hears the simulated clock now and then.
 */
export async function executeJob(job: Job, onProgress?: (simSeconds: number) => void): Promise<ReplicationResult> {
  const shape = reportShape(job.scenario);
  const out = job.calls ? new CallsOutput(job.calls.path, job.calls.format, job.calls.append) : undefined;
  const encoder: CallRowEncoder | undefined = out ? new CallRowEncoder(shape.grades, shape.levels, (chunk) => out.write(chunk, (c) => encoder!.recycle(c))) : undefined;
  let lastProgressAt = 0;
  let result: ReplicationResult;
  try {
    result = await runReplication(job.scenario, shape, {
      seed: job.seed,
      replication: job.replication,
      onCall: encoder ? (c) => encoder.row(c) : undefined,
      // the encoder writes each row's bytes as it is handed on and keeps no record
      recycle: true,
      pause: (simSeconds) => {
        if (onProgress) {
          const t = Date.now();
          if (t - lastProgressAt > 250) {
            lastProgressAt = t;
            onProgress(simSeconds);
          }
        }
        return out?.waiting;
      },
    });
  } catch (err) {
    // close the file before the caller removes its folder, and let nothing reject unheard
    out?.destroy();
    throw err;
  }
  if (out) {
    encoder!.flush();
    await out.end();
  }
  return result;
}
