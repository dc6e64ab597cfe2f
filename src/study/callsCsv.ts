import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { callsFileName, callsHeaderBytes, type CallsFormat } from './callsFormat.js';
import type { ShardFile } from './shardFile.js';

/**
 * `merge`'s per-call log: the shards' logs interleaved back into replication order, without
 * holding every call in memory. calls.csv is read line by line; calls.csv.gz is copied member
 * by member (each replication's gzip member, found from the sizes shard.json records), so the
 * merged file has the bytes of an unsharded run's without compressing anything again.
 */
export async function mergeCalls(target: string, dirs: readonly string[], shards: readonly ShardFile[], format: CallsFormat): Promise<void> {
  if (format === 'csv.gz') return mergeMembers(target, dirs, shards);
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
  await writeCalls(target, format, async (write) => {
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

/** calls.csv.gz: replication k is member k div n (after the header member) of shard k mod n's file. */
async function mergeMembers(target: string, dirs: readonly string[], shards: readonly ShardFile[]): Promise<void> {
  const count = shards[0].shard.count;
  const byIndex = new Map(shards.map((s, i) => [s.shard.index, { file: path.join(dirs[i], callsFileName('csv.gz')), offsets: memberOffsets(s.calls_part_bytes!) }]));
  await writeCalls(target, 'csv.gz', async (write) => {
    for (let k = 0; k < shards[0].replications; k++) {
      const { file, offsets } = byIndex.get(k % count)!;
      const member = Math.floor(k / count) + 1;
      const [start, end] = [offsets[member], offsets[member + 1]];
      if (end > start) for await (const chunk of createReadStream(file, { start, end: end - 1, highWaterMark: 1 << 20 })) await write(chunk as Buffer);
    }
  });
}

/** Where each member starts (and, last, where the file ends), from the members' sizes. */
function memberOffsets(bytes: readonly number[]): number[] {
  const offsets = [0];
  for (const n of bytes) offsets.push(offsets[offsets.length - 1] + n);
  return offsets;
}

/** Write the log's header, then what `body` writes (with back-pressure), and wait until the file is closed. */
async function writeCalls(target: string, format: CallsFormat, body: (write: (chunk: string | Buffer) => Promise<void>) => Promise<void>): Promise<void> {
  const out = createWriteStream(target);
  const closed = new Promise<void>((resolve, reject) => {
    out.once('close', () => resolve());
    out.once('error', reject);
  });
  out.write(callsHeaderBytes(format));
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
