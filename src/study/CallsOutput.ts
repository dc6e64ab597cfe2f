import { createWriteStream, type WriteStream } from 'node:fs';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, type ZlibOptions } from 'node:zlib';
import { CALLS_GZIP_LEVEL, GZIP_OS_BYTE, GZIP_OS_UNKNOWN, type CallsFormat } from './callsFormat.js';

/** Bytes a writer may queue before it asks the simulation to wait (a few encoder chunks). */
const QUEUE_BYTES = 4 << 20;

/**
 * Where one replication's per-call rows go: a file (created, or appended to after what is
 * there), straight or through gzip (one gzip member). `write` takes whole chunks; when the
 * queue is full, `waiting` is a promise the simulation awaits (back-pressure), which also
 * ends if the file fails (a full disk): the failure itself is heard from `end`.
 */
export class CallsOutput {
  private readonly file: WriteStream;
  private readonly head: Writable;
  private readonly closed: Promise<void>;
  /** A promise to wait on before writing more, or undefined. */
  waiting: Promise<void> | undefined;

  constructor(file: string, format: CallsFormat, append: boolean) {
    this.file = createWriteStream(file, { flags: append ? 'a' : 'w', highWaterMark: QUEUE_BYTES });
    if (format === 'csv') {
      this.head = this.file;
      this.closed = new Promise<void>((resolve, reject) => {
        this.file.once('close', () => resolve());
        this.file.once('error', reject);
      });
    } else {
      // zlib hands its options on to the Transform it is, writableHighWaterMark included (not in ZlibOptions' type)
      const gzip = createGzip({ level: CALLS_GZIP_LEVEL, writableHighWaterMark: QUEUE_BYTES, chunkSize: 256 << 10 } as ZlibOptions);
      this.head = gzip;
      this.closed = pipeline(gzip, osUnknown(), this.file);
    }
    // a failure while the simulation runs is heard when `end` awaits `closed`, not as an unhandled rejection
    this.closed.catch(() => undefined);
  }

  /** Queue a chunk (the caller gives it up until `written` hears it is written). */
  write(chunk: Buffer, written?: (chunk: Buffer) => void): void {
    const queued = this.head.write(chunk, written && ((err) => err || written(chunk)));
    if (!queued && !this.waiting) {
      this.waiting = Promise.race([new Promise<void>((resolve) => this.head.once('drain', () => resolve())), this.closed.catch(() => undefined)]).then(() => {
        this.waiting = undefined;
      });
    }
  }

  /** Finish the file and wait until it is closed (rejects with the write's failure, if any). */
  async end(): Promise<void> {
    this.head.end();
    await this.closed;
    if (!this.file.closed) await new Promise<void>((resolve) => this.file.once('close', () => resolve()));
  }

  /** Abandon the file (after a failure elsewhere): close it without waiting. */
  destroy(): void {
    this.head.destroy();
    this.file.destroy();
  }
}

/** Set the operating-system byte of the gzip header that passes through (see GZIP_OS_BYTE). */
function osUnknown(): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (seen <= GZIP_OS_BYTE && seen + chunk.length > GZIP_OS_BYTE) chunk[GZIP_OS_BYTE - seen] = GZIP_OS_UNKNOWN;
      seen += chunk.length;
      done(null, chunk);
    },
  });
}
