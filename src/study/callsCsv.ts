import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { CALLS_HEADERS } from '../report/reports.js';
import type { ShardFile } from './shardFile.js';

/**
 * calls.csv, assembled from pieces without holding every call in memory: a run's per-replication
 * part files concatenated in replication order, or the shards' calls.csv files interleaved back
 * into replication order by `merge`.
 */
export async function concatenateCalls(target: string, parts: readonly string[]): Promise<void> {
  await writeCalls(target, async (write) => {
    for (const part of parts) {
      for await (const chunk of createReadStream(part)) await write(chunk);
    }
  });
}

/** Interleave the shards' calls.csv files (in `dirs`, described by `shards`) back into replication order. */
export async function mergeCalls(target: string, dirs: readonly string[], shards: readonly ShardFile[]): Promise<void> {
  const byIndex = new Map(shards.map((s, i) => [s.shard.index, dirs[i]]));
  const count = shards[0].shard.count;
  const readers = new Map<number, AsyncIterator<string>>();
  const lookahead = new Map<number, string | undefined>();
  for (const [index, dir] of byIndex) {
    const it = createInterface({ input: createReadStream(path.join(dir, 'calls.csv')), crlfDelay: Infinity })[Symbol.asyncIterator]();
    await it.next(); // header
    readers.set(index, it);
    const n = await it.next();
    lookahead.set(index, n.done ? undefined : n.value);
  }
  await writeCalls(target, async (write) => {
    for (let k = 0; k < shards[0].replications; k++) {
      const index = k % count;
      const it = readers.get(index)!;
      let line = lookahead.get(index);
      while (line !== undefined && line.slice(0, line.indexOf(',')) === String(k)) {
        await write(line + '\n');
        const n = await it.next();
        line = n.done ? undefined : n.value;
      }
      lookahead.set(index, line);
    }
  });
}

/** Write calls.csv's header, then what `body` writes (with back-pressure), and wait until the file is closed. */
async function writeCalls(target: string, body: (write: (chunk: string | Buffer) => Promise<void>) => Promise<void>): Promise<void> {
  const out = createWriteStream(target);
  const closed = new Promise<void>((resolve, reject) => {
    out.once('close', () => resolve());
    out.once('error', reject);
  });
  out.write(CALLS_HEADERS.join(',') + '\n');
  try {
    await body(async (chunk) => {
      // a write error (a full disk) rejects `closed`, so waiting for a drain that never comes cannot hang
      if (!out.write(chunk)) await Promise.race([new Promise<void>((resolve) => out.once('drain', () => resolve())), closed]);
    });
  } catch (err) {
    closed.catch(() => undefined);
    out.destroy();
    throw err;
  }
  out.end();
  await closed;
}
