import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmdirSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { format, type CsvFormatterStream } from 'fast-csv';
import { finishCommit, JOURNAL_FILE, liveStaging, readJournal, recoverFolder, STAGING_PREFIX, type Journal } from './commitJournal.js';
import { faultPoint } from './faultPoint.js';
import { describeFile, MANIFEST_FILE, portable, readManifest, type Manifest, type ManifestEntry } from './manifest.js';
import { processGone, thisProcess } from './processIdentity.js';
import { unitRoot } from './unitProblem.js';

/** A commit that failed after its commit point: the folder says so, and the next run into it finishes it. */
export class CommitInterrupted extends Error {
  override name = 'CommitInterrupted';
}

/**
 * StagedFiles: the files of one unit of output (a run, a compare with both scenarios' folders,
 * a sweep, a merge) written into a hidden staging folder beside them and committed as one unit:
 *
 *  1. every file is staged whole (`csv`, `text`, or `stage` for a writer of one's own);
 *  2. `commit` records each file's size and SHA-256 in the new manifest (metcc-manifest.json,
 *     staged too) and in a commit journal, and moves the journal into the folder: one atomic
 *     rename, the commit point;
 *  3. it moves the files into place, removes those of the unit they replace, moves the
 *     manifest into place, and removes the journal.
 *
 * Killed before the commit point, a run has changed nothing (its staging folder is removed by
 * the next one). Killed after it, it leaves the journal, which marks the folder as mid-commit
 * (`merge`, `report` and `--resume` refuse such a folder) and lets the next StagedFiles on that
 * folder finish the commit: the folder then holds exactly the new unit, never a mix. A folder
 * cannot be swapped in whole instead: rename(2) does not replace a folder that has files in
 * it, Node has no renameat2(RENAME_EXCHANGE), and --out may hold the user's own files.
 *
 * A folder inside another unit (a compare's scenario folder) is committed through that unit's
 * manifest. A failed run (`abort`) overwrites nothing, and removes `dir` if it made it.
 *
 * @example
 *   const staged = new StagedFiles('reports/x');
 *   await staged.csv('summary.csv', ['a', 'b'], [['1', '2']]);
 *   await staged.csv('baseline/summary.csv', ['a', 'b'], [['1', '2']]);
 *   staged.commit();
 */
export class StagedFiles {
  private readonly pending: { tmp: string; final: string }[] = [];
  /** The staging folder, made at the first file staged. */
  private staging: string | undefined;
  /** The outermost folder made for `dir`, if it did not exist (removed again by `abort`). */
  private made: string | undefined;
  /** The folder whose manifest covers `dir` (`dir` itself, or a unit holding it), absolute. */
  private readonly root: string;
  /** Files or folders (manifest paths) of the earlier unit carried into this one unchanged. */
  private readonly keeping: string[] = [];
  /** Past the commit point: `abort` must leave the staged files for the next run to finish with. */
  private committing = false;
  /** The id of this commit (in the manifest). */
  readonly runId = randomUUID();
  /** What was done to set the folder right after a killed run, in words (usually nothing). */
  readonly recovered: string[];

  constructor(readonly dir: string) {
    this.root = unitRoot(dir);
    this.recovered = recoverFolder(this.root);
  }

  /** The path inside `dir` that `name` stands for; a name that would lead outside it, or a bookkeeping file's, is refused. */
  private inside(name: string): string {
    const file = path.resolve(this.dir, name);
    const rel = path.relative(path.resolve(this.dir), file);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
      throw new Error(`report file '${name}' would lie outside the output folder ${this.dir}`);
    }
    if ([MANIFEST_FILE, JOURNAL_FILE].includes(path.basename(file))) throw new Error(`report file '${name}': a name metcc-sim keeps for its own bookkeeping`);
    return file;
  }

  /** `file` (absolute, inside root) as the manifest names it. */
  private entryPath(file: string): string {
    return portable(path.relative(this.root, file));
  }

  private stagingFolder(): string {
    if (this.staging === undefined) {
      this.made = mkdirSync(this.dir, { recursive: true }) ?? undefined;
      const name = `${STAGING_PREFIX}${thisProcess.pid}-${thisProcess.startTicks}-${randomBytes(6).toString('hex')}`;
      this.staging = path.join(this.root, name);
      mkdirSync(this.staging);
      liveStaging.add(this.staging);
    }
    return this.staging;
  }

  /** The temporary path for `name` (a path relative to `dir`; registered for commit). */
  stage(name: string): string {
    const final = this.inside(name);
    faultPoint('stage');
    const tmp = path.join(this.stagingFolder(), 'files', path.relative(this.root, final));
    mkdirSync(path.dirname(tmp), { recursive: true });
    this.pending.push({ tmp, final });
    return tmp;
  }

  /** Where `name` (relative to `dir`) is staged, if it is: its content before `commit` (report.html is drawn from it). */
  stagedPath(name: string): string | undefined {
    const final = path.resolve(this.dir, name);
    return this.pending.find((p) => p.final === final)?.tmp;
  }

  /** A scratch folder in the staging area for temporaries that are never committed (removed with it). */
  scratch(name: string): string {
    const folder = path.join(this.stagingFolder(), 'scratch', name);
    mkdirSync(folder, { recursive: true });
    return folder;
  }

  /** Write a whole CSV (header and rows of already formatted cells). */
  async csv(name: string, headers: readonly string[], rows: readonly (readonly string[])[]): Promise<void> {
    const tmp = this.stage(name);
    const stream = this.csvStream(tmp, headers);
    for (const row of rows) {
      if (!stream.write(row as string[])) await new Promise<void>((resolve) => stream.once('drain', resolve));
    }
    await endCsv(stream);
  }

  /** A fast-csv stream for a large CSV written row by row; `end` it with `endCsv`. */
  csvStream(tmpPath: string, headers: readonly string[]): CsvStream {
    // alwaysWriteHeaders: a report with no rows (nobody answered) still has its header row
    const csv = format<string[], string[]>({ headers: [...headers], writeHeaders: true, alwaysWriteHeaders: true, includeEndRowDelimiter: true });
    const file = createWriteStream(tmpPath);
    csv.pipe(file);
    return Object.assign(csv, { file });
  }

  /**
   * Keep the files of the unit now in the folder at or under `name` (relative to `dir`) as they
   * are: part of the new unit unchanged (a compare shard's scenario folder that --resume found
   * complete). Without this, a commit removes the earlier unit's files it does not write.
   */
  keep(name: string): void {
    this.keeping.push(this.entryPath(this.inside(name)));
  }

  /** Write a text file (for example run.json). */
  text(name: string, content: string): void {
    writeFileSync(this.stage(name), content);
  }

  /**
   * Commit every staged file as one unit (see the class). The unit replaces what the folder held
   * before: the files of the previous unit in `dir` (as its manifest lists them) and the files
   * named in `replacing` (paths relative to `dir`, for folders written before manifests) that
   * this commit did not write are removed, so a folder reused for another run never mixes two
   * runs' reports. With `update`, only the files written are replaced and the rest of the unit
   * stays (`metcc-sim report` redrawing report.html). Every file must be complete (streams ended).
   */
  commit(replacing: readonly string[] = [], options: { update?: boolean } = {}): void {
    if (this.pending.length === 0 && replacing.length === 0) return this.abort(); // nothing to commit (a --resume that found its shard complete)
    const stale = new Set(replacing.map((name) => this.entryPath(this.inside(name))));
    const staging = this.stagingFolder();
    const written = this.pending.map(({ tmp, final }) => describeFile(tmp, this.entryPath(final)));
    const wrote = new Set(written.map((e) => e.path));
    const old = readManifest(this.root);
    const oldFiles = old === undefined || old === 'unreadable' ? [] : old.files;
    const prefix = this.entryPath(path.resolve(this.dir)).replace(/^$/, '.');
    const under = (p: string) => prefix === '.' || p.startsWith(prefix + '/');
    const keptByName = (p: string) => this.keeping.some((k) => p === k || p.startsWith(k + '/'));
    if (!options.update) for (const e of oldFiles) if (under(e.path) && !keptByName(e.path)) stale.add(e.path);
    // a unit committed on its own earlier in a sub-folder that this one now writes into is superseded (its manifest, or its cut commit's journal)
    for (const e of written) {
      for (let d = path.posix.dirname(e.path); d !== '.'; d = path.posix.dirname(d)) {
        for (const own of [MANIFEST_FILE, JOURNAL_FILE]) if (existsSync(path.join(this.root, d, own))) stale.add(`${d}/${own}`);
      }
    }
    const unfinished = this.takeOverUnfinished(stale);
    for (const p of wrote) stale.delete(p);
    const kept = oldFiles.filter((e) => !stale.has(e.path) && !wrote.has(e.path));
    const manifest: Manifest = { format: 'metcc-sim-manifest/1', run_id: this.runId, files: byPath([...kept, ...written]) };
    writeFileSync(path.join(staging, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
    const journal: Journal = {
      format: 'metcc-sim-commit/1',
      run_id: this.runId,
      owner: thisProcess,
      staging: path.basename(staging),
      files: written,
      remove: [...stale].sort(),
    };
    const journalTmp = path.join(staging, 'journal.json');
    writeFileSync(journalTmp, JSON.stringify(journal, null, 2) + '\n');
    faultPoint('staged');
    renameSync(journalTmp, path.join(this.root, JOURNAL_FILE)); // the commit point
    this.committing = true;
    faultPoint('commit');
    try {
      finishCommit(this.root, journal);
    } catch (err) {
      liveStaging.delete(staging); // the next run into the folder finishes the commit from the journal
      throw new CommitInterrupted(
        `${this.dir}: the reports were being moved into place when this failed: ${(err as Error).message}; ` +
          `the folder is marked (${JOURNAL_FILE}) and the next run into it, or 'metcc-sim report ${this.dir}', finishes the move`,
      );
    }
    if (unfinished) rmSync(path.join(this.root, unfinished), { recursive: true, force: true });
    this.pending.length = 0;
    this.staging = undefined;
    this.made = undefined;
    this.committing = false;
  }

  /**
   * A journal left by a commit that cannot be finished (its staged files removed by hand): this
   * commit replaces it, so every file it names goes unless written now. Returns its staging
   * folder's name, to remove once committed. A commit still running in another process is refused.
   */
  private takeOverUnfinished(stale: Set<string>): string | undefined {
    const j = readJournal(this.root);
    if (j === undefined) return undefined;
    if (j !== 'unreadable' && !processGone(j.owner) && !(j.owner.pid === thisProcess.pid && j.owner.startTicks === thisProcess.startTicks)) {
      throw new Error(`${this.dir}: another metcc-sim (process ${j.owner.pid}) is committing its reports into this folder right now; expected one run at a time in a folder`);
    }
    if (j === 'unreadable') return undefined;
    for (const e of j.files) stale.add(e.path);
    for (const p of j.remove) stale.add(p);
    return j.staging;
  }

  /** Remove every staged file, and the output folder if this object made it and it is empty (not once past the commit point). */
  abort(): void {
    if (this.committing) return;
    this.pending.length = 0;
    if (this.staging !== undefined) {
      liveStaging.delete(this.staging);
      try {
        rmSync(this.staging, { recursive: true, force: true });
      } catch {
        // best effort (the disk may have gone read-only): the error that made the run fail is the one to report, and the next run removes what is left
      }
    }
    this.staging = undefined;
    if (this.made !== undefined) {
      // from dir up to the outermost folder made for it, each only if empty (someone else may write there)
      const top = path.resolve(this.made);
      for (let at = path.resolve(this.dir); ; at = path.dirname(at)) {
        try {
          rmdirSync(at);
        } catch {
          break;
        }
        if (at === top || path.dirname(at) === at) break;
      }
      this.made = undefined;
    }
  }
}

const byPath = (entries: ManifestEntry[]) => [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

/** A fast-csv formatter piped to a file. */
export type CsvStream = CsvFormatterStream<string[], string[]> & { file: WriteStream };

/** End a CSV stream and wait until its file is flushed and closed. */
export function endCsv(stream: CsvStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const file = stream.file;
    file.once('close', () => resolve());
    file.once('error', reject);
    stream.end();
  });
}
