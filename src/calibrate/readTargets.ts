import { parseString } from 'fast-csv';
import { existsSync, statSync } from 'node:fs';
import { ScenarioError } from '../scenario/load.js';
import type { Problem } from '../scenario/Problem.js';
import { NotARegularFile, readBoundedFile } from '../scenario/readBoundedFile.js';
import { parsePeriod, type PeriodSpec } from './period.js';
import { METRIC_NAMES, TARGET_METRICS, type TargetMetric } from './targetMetric.js';

/** One published figure to fit (or, with weight 0, to hold back and check). */
export interface Target {
  /** Line of the targets file it came from (the header is line 1). */
  line: number;
  period: string;
  periodSpec: PeriodSpec;
  /** As written: a contact type, or several joined by + (999+101) for their calls together. */
  contact: string;
  contacts: string[];
  metric: TargetMetric;
  /** The published figure, in the metric's unit. */
  value: number;
  /** 0: held back (reported with its residual, not fitted). */
  weight: number;
  /** What a residual is divided by: the `scale` column, else the published value. */
  scale: number;
  source: string;
  note: string;
}

export const REQUIRED_COLUMNS = ['period', 'contact', 'metric', 'value', 'weight', 'source'] as const;
export const OPTIONAL_COLUMNS = ['scale', 'note'] as const;
const MAX_TARGETS_BYTES = 1024 * 1024;

/**
 * Read a targets CSV: `period,contact,metric,value,weight,source` and, if wished, `scale`
 * (what the residual is divided by, in the metric's unit; default the published value, so a
 * residual is relative) and `note`. Every problem is reported at once, each with its line and
 * column; a file with any problem throws a ScenarioError naming the file.
 */
export async function readTargets(file: string): Promise<Target[]> {
  const fail = (message: string) => new ScenarioError(file, [{ path: '', message }]);
  if (!existsSync(file)) throw fail('file not found; expected a targets CSV (period,contact,metric,value,weight,source)');
  if (statSync(file).isDirectory()) throw fail('is a directory; expected a targets CSV');
  let text: string;
  try {
    text = readBoundedFile(file, MAX_TARGETS_BYTES, 'a targets CSV').toString('utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    if (err instanceof NotARegularFile) throw fail(err.message);
    throw fail(`cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let rows: string[][];
  try {
    rows = await new Promise<string[][]>((resolve, reject) => {
      const out: string[][] = [];
      parseString<string[], string[]>(text, { headers: false, trim: true })
        .on('error', reject)
        .on('data', (row: string[]) => out.push(row))
        .on('end', () => resolve(out));
    });
  } catch (err) {
    throw fail(`not a well-formed CSV: ${(err as Error).message}`);
  }
  const header = rows[0]?.map((h) => h.toLowerCase()) ?? [];
  const problems: Problem[] = [];
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !(REQUIRED_COLUMNS as readonly string[]).includes(h) && !(OPTIONAL_COLUMNS as readonly string[]).includes(h));
  if (missing.length > 0 || unknown.length > 0) {
    const what = [missing.length ? `missing column ${missing.join(', ')}` : '', unknown.length ? `unknown column ${unknown.join(', ')}` : ''].filter(Boolean).join('; ');
    throw new ScenarioError(file, [{ path: 'line 1', message: `${what}; expected the header ${REQUIRED_COLUMNS.join(',')} (then, if wished, ${OPTIONAL_COLUMNS.join(', ')})` }]);
  }
  const targets: Target[] = [];
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    if (row.every((cell) => cell === '')) return; // a blank line
    const at = (column: string) => `line ${line}, ${column}`;
    if (row.length !== header.length) {
      problems.push({ path: `line ${line}`, message: `has ${row.length} fields; expected ${header.length}, one per column of the header` });
      return;
    }
    const cell = (c: string) => row[header.indexOf(c)] ?? '';
    const before = problems.length;
    const periodSpec = parsePeriod(cell('period'));
    if (typeof periodSpec === 'string') problems.push({ path: at('period'), message: periodSpec });
    const contact = cell('contact');
    const contacts = contact.split('+').map((c) => c.trim());
    if (contacts.some((c) => c === '')) problems.push({ path: at('contact'), message: 'expected a contact type (999), or several joined by + (999+101)' });
    const metric = TARGET_METRICS.find((m) => m.name === cell('metric'));
    if (!metric) problems.push({ path: at('metric'), message: `unknown metric '${cell('metric')}'; expected one of ${METRIC_NAMES.join(', ')}` });
    const value = number(cell('value'));
    if (value === null) problems.push({ path: at('value'), message: `expected the published figure as a number, got '${cell('value')}'` });
    else if (metric?.scale === 100 && (value < 0 || value > 100)) problems.push({ path: at('value'), message: `expected a percentage from 0 to 100, got ${value}` });
    else if (value < 0) problems.push({ path: at('value'), message: `expected a figure >= 0, got ${value}` });
    const weight = number(cell('weight'));
    if (weight === null || weight < 0) problems.push({ path: at('weight'), message: `expected a weight >= 0 (0: held back, not fitted), got '${cell('weight')}'` });
    const scaleText = header.includes('scale') ? cell('scale') : '';
    let scale = value ?? NaN;
    if (scaleText !== '') {
      const s = number(scaleText);
      if (s === null || s <= 0) problems.push({ path: at('scale'), message: `expected a scale > 0 in the metric's unit (what a residual is divided by), got '${scaleText}'` });
      else scale = s;
    } else if (value === 0) {
      problems.push({ path: at('scale'), message: 'a published value of 0 needs a scale (a residual is divided by the published value by default)' });
    }
    const source = cell('source');
    if (source === '') problems.push({ path: at('source'), message: 'expected where the figure was published (a URL or a reference)' });
    if (problems.length > before) return;
    targets.push({
      line,
      period: cell('period'),
      periodSpec: periodSpec as PeriodSpec,
      contact,
      contacts,
      metric: metric!,
      value: value!,
      weight: weight!,
      scale,
      source,
      note: header.includes('note') ? cell('note') : '',
    });
  });
  if (problems.length === 0 && targets.length === 0) problems.push({ path: '', message: 'has no targets; expected one row per published figure after the header' });
  if (problems.length > 0) throw new ScenarioError(file, problems);
  return targets;
}

/** A finite decimal number, or null. */
function number(text: string): number | null {
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text.trim())) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
