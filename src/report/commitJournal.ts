import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { readBoundedFile } from '../scenario/readBoundedFile.js';
import { faultPoint } from './faultPoint.js';
import { MANIFEST_FILE, MAX_BOOKKEEPING_BYTES, matches, readManifest, safeRelative, type ManifestEntry } from './manifest.js';
import { processGone, processStartMs, thisProcess, type ProcessIdentity } from './processIdentity.js';

/**
 * The commit journal: while a unit's files are being moved into place, this file in the folder
 * says which (with their sizes and SHA-256), which files of the unit it replaces are to be
 * removed, and where the staged copies are. It is moved into place (one atomic rename) only
 * once every file is staged whole and the new manifest written beside them: that rename is the
 * commit point. A run killed before it changed nothing in the folder; a run killed after it
 * left a folder that says so (this file), and whoever comes next finishes the commit from the
 * journal (`finishCommit`): the folder then holds exactly the new unit. Visible on purpose: a
 * person looking into the folder sees that it is mid-commit.
 */
export const JOURNAL_FILE = 'metcc-commit-in-progress.json';

export interface Journal {
  format: 'metcc-sim-commit/1';
  run_id: string;
  owner: ProcessIdentity;
  /** The staging folder's name in the folder; the files are in its `files/`, the manifest at its top. */
  staging: string;
  files: ManifestEntry[];
  /** Files (relative, `/`-separated) of the unit replaced that the new one does not write. */
  remove: string[];
}

/** Staging folders: `.metcc-staging-<pid>-<start ticks>-<random>`. */
export const STAGING_PREFIX = '.metcc-staging-';
const STAGING = /^\.metcc-staging-(\d+)-(\d+)-/;
/** Temporaries of earlier versions, named by process id only: `.staging-<pid>-`, `...tmp-<pid>-`, `.calls-parts-<pid>-`. */
const OLD_LEFTOVER = /(?:^\.staging-|\.tmp-|^\.calls-parts-)(\d+)-/;

/** Staging folders of this process still in use (not leftovers, though this process is alive). */
export const liveStaging = new Set<string>();

/** A committed journal whose staged files are gone, so the commit cannot be finished. */
export class Unfinishable extends Error {
  override name = 'Unfinishable';
}

const fromPortable = (p: string) => p.split('/').join(path.sep);

/** The journal in `root`: undefined if none; 'unreadable' if the file is not one. */
export function readJournal(root: string): Journal | undefined | 'unreadable' {
  const file = path.join(root, JOURNAL_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const j = JSON.parse(readBoundedFile(file, MAX_BOOKKEEPING_BYTES, 'a metcc-sim commit journal').toString('utf8')) as Journal;
    const ok = j?.format === 'metcc-sim-commit/1' && typeof j.staging === 'string' && STAGING.test(j.staging) && !j.staging.includes('/') &&
      Array.isArray(j.files) && j.files.every((e) => safeRelative(e?.path) && Number.isInteger(e.bytes) && typeof e.sha256 === 'string') &&
      Array.isArray(j.remove) && j.remove.every(safeRelative) && Number.isInteger(j.owner?.pid) && Number.isInteger(j.owner?.startTicks);
    return ok ? j : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/** Remove `rel` (a file) and then its parent folders inside `root` that it leaves empty. */
function removeFile(root: string, rel: string): void {
  const file = path.join(root, fromPortable(rel));
  rmSync(file, { force: true });
  for (let at = path.dirname(file); at.startsWith(root + path.sep); at = path.dirname(at)) {
    try {
      rmdirSync(at);
    } catch {
      break;
    }
  }
}

/**
 * Do (or finish) the commit a journal in `root` describes: move each staged file into place
 * (one already moved is recognised by its size and SHA-256), remove the replaced files, move
 * the manifest into place, then remove the journal and the staging folder. Every step can be
 * done again, so a commit killed at any point is finished by running this once more. Throws
 * Unfinishable, changing nothing more, when a file is neither staged nor already in place.
 */
export function finishCommit(root: string, journal: Journal): void {
  const staging = path.join(root, journal.staging);
  for (const entry of journal.files) {
    const tmp = path.join(staging, 'files', fromPortable(entry.path));
    const final = path.join(root, fromPortable(entry.path));
    if (existsSync(tmp)) {
      mkdirSync(path.dirname(final), { recursive: true });
      renameSync(tmp, final);
      faultPoint('rename');
    } else if (!matches(final, entry)) {
      throw new Unfinishable(`${final}: neither staged nor in place`);
    }
  }
  for (const rel of journal.remove) removeFile(root, rel);
  const manifest = path.join(staging, MANIFEST_FILE);
  if (existsSync(manifest)) renameSync(manifest, path.join(root, MANIFEST_FILE));
  else {
    const m = readManifest(root);
    if (m === undefined || m === 'unreadable' || m.run_id !== journal.run_id) throw new Unfinishable(`${path.join(root, MANIFEST_FILE)}: neither staged nor in place`);
  }
  faultPoint('manifest');
  unlinkSync(path.join(root, JOURNAL_FILE));
  liveStaging.delete(staging);
  rmSync(staging, { recursive: true, force: true });
}

/** True when the staging folder `name` in `root`, written by `who`, belongs to no commit still running. */
function abandoned(root: string, name: string, who: ProcessIdentity): boolean {
  const mine = who.pid === thisProcess.pid && who.startTicks === thisProcess.startTicks;
  return mine ? !liveStaging.has(path.join(root, name)) : processGone(who);
}

/** True when the file or folder `name` in `root` is a temporary that no running commit uses. */
function leftover(root: string, name: string): boolean {
  const m = STAGING.exec(name);
  if (m) return abandoned(root, name, { pid: Number(m[1]), startTicks: Number(m[2]) });
  const old = OLD_LEFTOVER.exec(name);
  if (!old) return false;
  const pid = Number(old[1]);
  if (processGone({ pid, startTicks: 0 })) return true;
  // that id is in use: by the writer, or by a later process that got its id (then the leftover is older than it)
  const started = processStartMs(pid);
  try {
    return started !== undefined && statSync(path.join(root, name)).mtimeMs < started - 2000;
  } catch {
    return false;
  }
}

/**
 * Set `root` right after a killed run: finish a commit it left half-done (its journal's owner
 * gone), then remove its staging folders and the temporaries of earlier versions. A commit that
 * cannot be finished (its staged files removed by hand) is left as it is, journal and all: the
 * readers refuse the folder, and the next unit committed there replaces what the journal names.
 * Returns what it did, in words (for a note), or [].
 */
export function recoverFolder(root: string): string[] {
  if (!existsSync(root) || !statSync(root).isDirectory()) return [];
  const done: string[] = [];
  const journal = readJournal(root);
  let keep: string | undefined;
  if (journal !== undefined && journal !== 'unreadable') {
    keep = journal.staging;
    if (abandoned(root, journal.staging, journal.owner)) {
      try {
        finishCommit(root, journal);
        done.push(`finished the commit of run ${journal.run_id} into ${root}, which was killed while moving its files into place`);
        keep = undefined;
      } catch (err) {
        if (!(err instanceof Unfinishable)) throw err;
      }
    }
  }
  for (const name of readdirSync(root)) {
    if (name === keep || !leftover(root, name)) continue;
    try {
      rmSync(path.join(root, name), { recursive: true, force: true });
    } catch {
      // best effort: a folder this process cannot change fails later with a clear message, not here
    }
  }
  return done;
}
