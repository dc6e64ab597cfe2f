import { createReadStream, createWriteStream, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { StagedFiles } from '../report/StagedFiles.js';
import { callsFileName, callsHeaderBytes, type CallsFormat } from './callsFormat.js';
import type { CallsTarget } from './jobs.js';

/**
 * A study's per-call log while its replications run: its header is staged first, then each
 * replication's rows join it in replication order, so the file has the same bytes whatever
 * the number of workers (and, for `merge`, of shards).
 *
 * On one thread the replications run one after another in order (pool.ts's runJobs), so each
 * appends straight to the staged log: no copy. With worker threads, each replication writes a
 * part file of its own (in csv.gz: its own gzip member), appended to the log and removed as
 * soon as every earlier replication has joined it.
 */
export class CallsLog {
  /** calls.csv or calls.csv.gz. */
  readonly name: string;
  /** The staged log's path. */
  readonly path: string;
  /** Bytes of the header, then of each replication's rows as they joined (shard.json records them for merge). */
  readonly partBytes: number[] = [];
  private readonly partsDir: string | undefined;
  private size: number;

  /**
   * `replications`: those the study runs, in order; `workers`: as given to runJobs (one
   * thread when it is 1 or there is one replication).
   */
  constructor(staged: StagedFiles, folder: string, readonly format: CallsFormat, replications: readonly number[], workers: number) {
    this.name = callsFileName(format);
    this.path = staged.stage(path.join(folder, this.name));
    const header = callsHeaderBytes(format);
    writeFileSync(this.path, header);
    this.size = header.length;
    this.partBytes.push(header.length);
    this.partsDir = workers <= 1 || replications.length <= 1 ? undefined : staged.scratch(path.join(folder, 'calls-parts'));
  }

  /** Where replication `replication` writes its rows. */
  target(replication: number): CallsTarget {
    if (this.partsDir === undefined) return { path: this.path, format: this.format, append: true };
    return { path: path.join(this.partsDir, `${replication}.part`), format: this.format, append: false };
  }

  /** Replication `replication` has finished (called in replication order): its rows join the log. */
  async done(replication: number): Promise<void> {
    const target = this.target(replication);
    if (!target.append) {
      await pipeline(createReadStream(target.path, { highWaterMark: 1 << 20 }), createWriteStream(this.path, { flags: 'a' }));
      rmSync(target.path);
    }
    const size = statSync(this.path).size;
    this.partBytes.push(size - this.size);
    this.size = size;
  }
}
