import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** The largest scenario file read: the shipped MetCC baseline is 12 KB; 4 MB leaves room for long empirical lists. */
export const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;

/** A path that names something other than a regular file, or one too large: bad input. */
export class NotARegularFile extends Error {
  override name = 'NotARegularFile';
}

/**
 * The bytes of a regular file of at most `maxBytes`. A device (/dev/zero, /dev/urandom), a
 * named pipe or a socket is refused without reading (opened non-blocking, so a pipe with no
 * writer cannot hang), and never more than `maxBytes + 1` bytes are read, whatever the size
 * the file claims or grows to while it is read.
 */
export function readBoundedFile(file: string, maxBytes: number): Buffer {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new NotARegularFile('is not a regular file (a device, pipe or socket); expected a scenario file');
    if (st.size > maxBytes) throw new NotARegularFile(tooLarge(st.size, maxBytes));
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) throw new NotARegularFile(tooLarge(length, maxBytes));
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

const tooLarge = (size: number, maxBytes: number) =>
  `is ${size.toLocaleString('en-GB')} bytes or more; expected a scenario file of at most ${(maxBytes / 1024 / 1024).toFixed(0)} MB`;
