import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseString } from 'fast-csv';
import type { Table } from '../reports.js';
import type { StagedFiles } from '../StagedFiles.js';

/** A report's rows, each a record of its cells by column name (the text as written). */
export type Rows = Record<string, string>[];

/**
 * ReportSource: the files a report.html is drawn from, read from a reports folder, with the
 * files being written right now (staged, not yet in the folder) taken from memory. The page
 * is drawn from the files alone, so `metcc-sim report <dir>` draws the same page later.
 *
 * @example
 *   const src = ReportSource.of('reports/x', tables, { 'run.json': runJson });
 *   (await src.rows('summary.csv'))?.[0].contact; // '101'
 */
export class ReportSource {
  private constructor(
    readonly dir: string,
    private readonly pendingRows: ReadonlyMap<string, Rows>,
    private readonly pendingJson: ReadonlyMap<string, unknown>,
    /** Where a file of this folder (a relative name) is: staged, or on disk; undefined when it is in neither. */
    private readonly locate: (name: string) => string | undefined,
  ) {}

  /** A folder's files as they are on disk. */
  static folder(dir: string): ReportSource {
    return new ReportSource(dir, new Map(), new Map(), onDisk(dir));
  }

  /**
   * A folder's files, with these tables and JSON files as they are about to be written; other
   * files are read where `staged` holds them (not yet committed), else from disk.
   */
  static of(dir: string, tables: readonly Table[], json: Record<string, unknown> = {}, staged?: StagedFiles): ReportSource {
    const rows = new Map(tables.map((t) => [t.name, t.rows.map((r) => Object.fromEntries(t.headers.map((h, i) => [h, r[i] ?? ''])))]));
    const disk = onDisk(dir);
    const locate = staged ? (name: string) => staged.stagedPath(path.relative(staged.dir, path.join(dir, name))) ?? disk(name) : disk;
    return new ReportSource(dir, rows, new Map(Object.entries(json)), locate);
  }

  /** The same, for a sub-folder (a compare's scenario folders). */
  sub(name: string): ReportSource {
    return new ReportSource(path.join(this.dir, name), new Map(), new Map(), (file) => this.locate(path.join(name, file)));
  }

  has(name: string): boolean {
    return this.pendingRows.has(name) || this.pendingJson.has(name) || this.locate(name) !== undefined;
  }

  /** A CSV's rows, or [] when the file is not there. */
  async rows(name: string): Promise<Rows> {
    const pending = this.pendingRows.get(name);
    if (pending) return pending;
    const file = this.locate(name);
    if (file === undefined) return [];
    const text = readFileSync(file, 'utf8');
    return new Promise((resolve, reject) => {
      const out: Rows = [];
      parseString(text, { headers: true })
        .on('error', (err) => reject(new Error(`${path.join(this.dir, name)}: not a readable CSV report (${err.message})`)))
        .on('data', (row: Record<string, string>) => out.push(row))
        .on('end', () => resolve(out));
    });
  }

  /** A JSON file's content, or undefined when it is not there. */
  json<T>(name: string): T | undefined {
    if (this.pendingJson.has(name)) return this.pendingJson.get(name) as T;
    const file = this.locate(name);
    if (file === undefined) return undefined;
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch {
      throw new Error(`${path.join(this.dir, name)}: not complete JSON`);
    }
  }

  /** Sweep.csv's headers (the swept keys come before `scenario`). */
  async headers(name: string): Promise<string[]> {
    const rows = await this.rows(name);
    return rows.length ? Object.keys(rows[0]) : [];
  }
}

/** Files of a folder on disk. */
function onDisk(dir: string): (name: string) => string | undefined {
  return (name) => {
    const file = path.join(dir, name);
    return existsSync(file) ? file : undefined;
  };
}
