import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { readBoundedFile } from '../scenario/readBoundedFile.js';

/** The largest manifest or journal read (a million files' entries). */
export const MAX_BOOKKEEPING_BYTES = 64 * 1024 * 1024;

/**
 * The manifest of a reports folder: every file of the unit last committed there (a run, a
 * compare with its two scenario folders, a sweep, a merge, or a shard), with its size and
 * SHA-256, and the id of the commit that wrote it. It is moved into place last, so it always
 * describes a whole unit: a file that differs from it was changed or mixed in afterwards.
 * `merge`, `report` and `--resume` check it (`unitProblem`). Not a report: its run id differs
 * from run to run.
 */
export const MANIFEST_FILE = 'metcc-manifest.json';

export interface ManifestEntry {
  /** Relative to the folder holding the manifest, with `/` on every platform. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: 'metcc-sim-manifest/1';
  /** A random id for the commit that wrote the folder. */
  run_id: string;
  files: ManifestEntry[];
}

/** `p` (relative, in the system's form) in the manifest's form. */
export const portable = (p: string): string => p.split(path.sep).join('/');

/**
 * Whether `p`, a path read from a manifest or journal, stays inside the folder holding it:
 * relative, `/`-separated, with no empty, `.` or `..` segment. A crafted file naming anything
 * else is not one of ours (metcc-sim removes the files these name: never outside the folder).
 */
export function safeRelative(p: unknown): p is string {
  return typeof p === 'string' && p !== '' && !p.includes('\\') && !p.includes('\0') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

/** Size and SHA-256 of a file, read in pieces (calls.csv may be larger than memory). */
export function describeFile(file: string, name: string): ManifestEntry {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(file, 'r');
  let bytes = 0;
  try {
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; bytes += n) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return { path: portable(name), bytes, sha256: hash.digest('hex') };
}

/** The manifest in `root`; undefined if there is none; 'unreadable' if it is not one. */
export function readManifest(root: string): Manifest | undefined | 'unreadable' {
  const file = path.join(root, MANIFEST_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const m = JSON.parse(readBoundedFile(file, MAX_BOOKKEEPING_BYTES, 'a metcc-sim manifest').toString('utf8')) as Manifest;
    const ok = m?.format === 'metcc-sim-manifest/1' && Array.isArray(m.files) && m.files.every((e) => safeRelative(e?.path) && Number.isInteger(e.bytes) && typeof e.sha256 === 'string');
    return ok ? m : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/** Whether the file at `file` is the one `entry` describes (size first; the hash only for files up to `hashUpTo` bytes). */
export function matches(file: string, entry: ManifestEntry, hashUpTo = Infinity): boolean {
  let size: number;
  try {
    const s = statSync(file);
    if (!s.isFile()) return false;
    size = s.size;
  } catch {
    return false;
  }
  if (size !== entry.bytes) return false;
  return size > hashUpTo || describeFile(file, entry.path).sha256 === entry.sha256;
}
