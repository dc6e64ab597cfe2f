import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync, createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { format, type CsvFormatterStream } from 'fast-csv';

/**
 * StagedFiles: report files written under temporary names in their folder and renamed to
 * their real names only when every one of them is complete (`commit`). A run that fails or is
 * killed leaves no report half-written; `abort` removes the temporary files.
 *
 * @example
 *   const staged = new StagedFiles('reports/x');
 *   await staged.csv('summary.csv', ['a', 'b'], [['1', '2']]);
 *   staged.commit();
 */
export class StagedFiles {
  private readonly pending: { tmp: string; final: string }[] = [];
  private readonly suffix = `.tmp-${process.pid}-${Date.now().toString(36)}`;

  constructor(readonly dir: string) {
    removeLeftovers(dir);
  }

  /** The temporary path for `name` (registered for commit). */
  stage(name: string): string {
    mkdirSync(path.dirname(path.join(this.dir, name)), { recursive: true });
    const final = path.join(this.dir, name);
    const tmp = final + this.suffix;
    this.pending.push({ tmp, final });
    return tmp;
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
    const csv = format<string[], string[]>({ headers: [...headers], writeHeaders: true, includeEndRowDelimiter: true });
    const file = createWriteStream(tmpPath);
    csv.pipe(file);
    return Object.assign(csv, { file });
  }

  /** Write a text file (for example run.json). */
  text(name: string, content: string): void {
    writeFileSync(this.stage(name), content);
  }

  /**
   * Rename every staged file to its real name. Files named in `replacing` that this commit did
   * not write are removed, so a folder reused for another run never mixes two runs' reports.
   */
  commit(replacing: readonly string[] = []): void {
    const written = new Set(this.pending.map(({ final }) => path.resolve(final)));
    for (const { tmp, final } of this.pending) renameSync(tmp, final);
    this.pending.length = 0;
    for (const name of replacing) {
      const file = path.resolve(this.dir, name);
      if (!written.has(file)) rmSync(file, { force: true });
    }
  }

  /** Remove every staged file. */
  abort(): void {
    for (const { tmp } of this.pending) rmSync(tmp, { force: true });
    this.pending.length = 0;
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

/** Temporary names carry the writing process's id: `.tmp-<pid>-...` files, `.calls-parts-<pid>-...` folders. */
const LEFTOVER = /(?:\.tmp-|^\.calls-parts-)(\d+)-/;

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
 * Remove what runs that were killed left in `dir`: temporary report files and per-call part
 * folders whose process is gone. A run still writing into the same folder is left alone.
 */
export function removeLeftovers(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const m = LEFTOVER.exec(name);
    if (m && !alive(Number(m[1]))) rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}
