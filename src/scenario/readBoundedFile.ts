import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** The largest scenario file read: the shipped MetCC baseline is 12 KB; 4 MB leaves room for long empirical lists. */
export const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;

/** A path that names something other than a regular file, or one too large: bad input. */
export class NotARegularFile extends Error {
  override name = 'NotARegularFile';
}

const CHUNK_BYTES = 1024 * 1024;

/**
 * The bytes of a regular file of at most `maxBytes`. A device (/dev/zero, /dev/urandom), a
 * named pipe or a socket is refused without reading (opened non-blocking, so a pipe with no
 * writer cannot hang), and never more than `maxBytes` bytes (plus one chunk) are read,
 * whatever size the file claims or grows to while it is read. `what` names the file expected
 * in the messages ('a scenario file', 'a shard file').
 */
export function readBoundedFile(file: string, maxBytes: number, what = 'a scenario file'): Buffer {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new NotARegularFile(`is not a regular file (a device, pipe or socket); expected ${what}`);
    if (st.size > maxBytes) throw new NotARegularFile(tooLarge(st.size, maxBytes, what));
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      length += n;
      if (length > maxBytes) throw new NotARegularFile(tooLarge(length, maxBytes, what));
    }
    return Buffer.concat(chunks, length);
  } finally {
    closeSync(fd);
  }
}

const tooLarge = (size: number, maxBytes: number, what: string) =>
  `is ${size.toLocaleString('en-GB')} bytes or more; expected ${what} of at most ${(maxBytes / 1024 / 1024).toFixed(0)} MB`;
