import { existsSync } from 'node:fs';
import path from 'node:path';
import { JOURNAL_FILE, readJournal } from './commitJournal.js';
import { MANIFEST_FILE, matches, portable, readManifest, type ManifestEntry } from './manifest.js';

/** Files up to this size are checked by SHA-256 as well as size (larger ones, a big calls.csv, by size: merge checks its hash). */
const HASH_UP_TO_BYTES = 64 * 1024 * 1024;

/**
 * The folder whose manifest (or commit journal) covers `dir`: `dir` itself if it has one, else
 * the nearest folder above it whose manifest or journal lists files inside `dir` (a compare's
 * scenario folder, a sweep shard's point folder), else `dir`. Absolute.
 */
export function unitRoot(dir: string): string {
  const target = path.resolve(dir);
  if (existsSync(path.join(target, MANIFEST_FILE)) || existsSync(path.join(target, JOURNAL_FILE))) return target;
  const lists = (files: readonly ManifestEntry[], prefix: string) => files.some((e) => e.path.startsWith(prefix));
  for (let at = path.dirname(target); ; at = path.dirname(at)) {
    const prefix = portable(path.relative(at, target)) + '/';
    const m = readManifest(at);
    const j = readJournal(at);
    if ((typeof m === 'object' && lists(m.files, prefix)) || (typeof j === 'object' && lists(j.files, prefix))) return at;
    if (path.dirname(at) === at) return target;
  }
}

/**
 * Why the reports in `dir` cannot be trusted as one unit, or null: a commit into it was cut
 * short by a kill (its journal is still there), or a file its manifest lists is missing or
 * differs from it, or one of `expected` (names relative to `dir`) is there but not in the
 * manifest (mixed in from another run); files for which `skip` (given the name relative to
 * `dir`, `/`-separated) is true are not checked. A folder without a manifest (written by an earlier
 * version, or not by metcc-sim) has nothing to check it against and passes. The sentence
 * names the file; the caller says what to do.
 */
export function unitProblem(dir: string, expected: readonly string[] = [], skip: (name: string) => boolean = () => false): string | null {
  const root = unitRoot(dir);
  if (readJournal(root) !== undefined) {
    return `${dir}: a run was killed (or failed) while moving its files into place (${path.join(root, JOURNAL_FILE)} is there), so the folder may mix two runs' files`;
  }
  const m = readManifest(root);
  if (m === undefined) return null;
  if (m === 'unreadable') return `${path.join(root, MANIFEST_FILE)}: damaged (not a metcc-sim manifest), so the folder's files cannot be checked`;
  const prefix = portable(path.relative(root, path.resolve(dir)));
  const own = (p: string) => (prefix === '' ? p : p.startsWith(prefix + '/') ? p.slice(prefix.length + 1) : undefined);
  const listed = new Set<string>();
  for (const e of m.files) {
    const rel = own(e.path);
    if (rel === undefined) continue;
    listed.add(rel);
    if (skip(rel)) continue;
    const file = path.join(root, ...e.path.split('/'));
    if (!matches(file, e, HASH_UP_TO_BYTES)) {
      return existsSync(file)
        ? `${path.join(dir, rel)}: changed since metcc-sim wrote it (its size or SHA-256 differs from ${MANIFEST_FILE}), so the folder is damaged or mixes two runs' files`
        : `${path.join(dir, rel)}: missing, though ${MANIFEST_FILE} lists it, so the folder is incomplete`;
    }
  }
  const stray = expected.find((name) => !listed.has(portable(name)) && existsSync(path.join(dir, name)));
  if (stray !== undefined) return `${path.join(dir, stray)}: not among the files ${MANIFEST_FILE} lists (it was not written with the rest), so the folder mixes two runs' files`;
  return null;
}
