import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { format, type CsvFormatterStream } from 'fast-csv';

/**
 * StagedFiles: the files of one unit of output (a run, or a compare with both scenarios'
 * folders) written into one hidden staging folder inside `dir` (`.staging-<pid>-...`) and
 * moved to their real names, sub-folders included, only when every one of them is complete
 * (`commit`). A run that fails or is killed overwrites nothing: `abort` removes the staging
 * folder, and `dir` itself if this object made it, so a failed first run leaves no folder;
 * the next run into `dir` removes what a killed one left.
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

  constructor(readonly dir: string) {
    removeLeftovers(dir);
  }

  /** The path inside `dir` that `name` stands for; a name that would lead outside it is refused. */
  private inside(name: string): string {
    const file = path.resolve(this.dir, name);
    const rel = path.relative(path.resolve(this.dir), file);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
      throw new Error(`report file '${name}' would lie outside the output folder ${this.dir}`);
    }
    return file;
  }

  private stagingFolder(): string {
    if (this.staging === undefined) {
      this.made = mkdirSync(this.dir, { recursive: true }) ?? undefined;
      this.staging = mkdtempSync(path.join(this.dir, `.staging-${process.pid}-`));
    }
    return this.staging;
  }

  /** The temporary path for `name` (a path relative to `dir`; registered for commit). */
  stage(name: string): string {
    const final = this.inside(name);
    const tmp = path.join(this.stagingFolder(), path.relative(path.resolve(this.dir), final));
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
    const folder = path.join(this.stagingFolder(), '.scratch', name);
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

  /** Write a text file (for example run.json). */
  text(name: string, content: string): void {
    writeFileSync(this.stage(name), content);
  }

  /**
   * Move every staged file to its real name (making sub-folders as needed). Files named in
   * `replacing` (paths relative to `dir`) that this commit did not write are removed, so a
   * folder reused for another run never mixes two runs' reports.
   */
  commit(replacing: readonly string[] = []): void {
    const written = new Set(this.pending.map(({ final }) => final));
    const stale = replacing.map((name) => this.inside(name)).filter((file) => !written.has(file));
    for (const { tmp, final } of this.pending) {
      mkdirSync(path.dirname(final), { recursive: true });
      renameSync(tmp, final);
    }
    this.pending.length = 0;
    for (const file of stale) rmSync(file, { force: true });
    if (this.staging !== undefined) rmSync(this.staging, { recursive: true, force: true });
    this.staging = undefined;
    this.made = undefined;
  }

  /** Remove every staged file, and the output folder if this object made it and it is empty. */
  abort(): void {
    this.pending.length = 0;
    if (this.staging !== undefined) rmSync(this.staging, { recursive: true, force: true });
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

/**
 * Temporary names carry the writing process's id: `.staging-<pid>-...` folders (and, from
 * earlier versions, `.tmp-<pid>-...` files and `.calls-parts-<pid>-...` folders).
 */
const LEFTOVER = /(?:^\.staging-|\.tmp-|^\.calls-parts-)(\d+)-/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove what runs that were killed left in `dir`: staging folders (and temporaries of earlier
 * versions) whose process is gone. A run still writing into the same folder is left alone.
 */
export function removeLeftovers(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const m = LEFTOVER.exec(name);
    if (m && !alive(Number(m[1]))) rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}
