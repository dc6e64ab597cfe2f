import { existsSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { LineCounter, parseDocument, parse as parseYamlValue, visit } from 'yaml';
import { scenarioSchema, type ScenarioInput } from './schema.js';
import { zodProblems } from './zodProblems.js';
import { contextOf } from './CheckContext.js';
import { crossChecks, type Problem } from './checks.js';
import { rangeChecks } from './rangeChecks.js';
import { resolveScenario, type Scenario } from './resolve.js';
import { wellFormedParts } from './wellFormedParts.js';
import { checkUntrusted, RESERVED_NAMES, reservedMessage } from './untrustedData.js';
import { parseJson } from './parseJson.js';
import { MAX_SCENARIO_BYTES, NotARegularFile, readBoundedFile } from './readBoundedFile.js';
import { investmentStep, nameOrigin, type InvestmentOptions, type InvestmentReport } from './investmentStep.js';

export type { Scenario };

/** A scenario that could not be loaded: every problem, each with its key path. */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly problems: Problem[],
  ) {
    super(problems.map((p) => `${file}: ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n'));
    this.name = 'ScenarioError';
  }
}

export interface LoadedScenario {
  scenario: Scenario;
  /** The file given, as given. */
  file: string;
  /** SHA-256 of the file's bytes (hex). */
  sha256: string;
  /** Every file of the extends chain, this one first, each with the SHA-256 of its bytes (paths as given, parents relative to it). */
  sources: ScenarioSource[];
  /** Non-fatal findings (for example hours when a contact type has nobody to answer it). */
  warnings: Problem[];
  /** With an `investment:` or `other_changes:` section: its costing and what each part changed (the scenario has them applied). */
  investment?: InvestmentReport;
}

/** A file a scenario was read from. */
export interface ScenarioSource {
  file: string;
  sha256: string;
}

/** One `--set key.path=value` override. */
export interface Override {
  keyPath: string;
  value: unknown;
}

/** Parse `KEY=VALUE` (the value read as a YAML scalar or flow list: 60, 0.5, true, [a, b], text). */
export function parseOverride(text: string): Override {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new Error(`--set ${text}: expected KEY=VALUE, for example handlers.all.staff=60`);
  const keyPath = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1);
  let value: unknown;
  try {
    value = parseYamlValue(raw);
  } catch {
    value = raw;
  }
  return { keyPath, value };
}

/**
 * Read, compose (`extends`), override (`--set`), validate and default a scenario file. With an
 * `investment:` section, the levers are priced (over budget: a problem) and applied, then the
 * other changes, then the `--set`s; `--set`s into investment or other_changes apply before.
 */
export function loadScenario(file: string, overrides: readonly Override[] = [], options: InvestmentOptions = {}): LoadedScenario {
  const { raw: composed, sha256, sources } = readComposed(file, []);
  const early = (o: Override) => /^(investment|other_changes)(\.|$)/.test(o.keyPath);
  for (const o of overrides.filter(early)) setPath(composed, o.keyPath, o.value, file);
  const step = investmentStep(composed, options, checkScenario);
  if (step.problems.length > 0) throw new ScenarioError(file, step.problems);
  const raw = step.raw;
  for (const o of overrides.filter((o) => !early(o))) setPath(raw, o.keyPath, o.value, file);
  const { scenario, problems, warnings } = checkScenario(raw);
  if (problems.length > 0) throw new ScenarioError(file, nameOrigin(problems, step.report));
  return { scenario, file, sha256, sources, warnings, ...(step.report ? { investment: step.report } : {}) };
}

/**
 * Validate an already-parsed scenario object (what `loadScenario` does after reading), its
 * `investment:` and `other_changes:` applied as loading applies them (`investment` reports them).
 */
export function validateScenario(raw: unknown, options: InvestmentOptions = {}): { scenario: Scenario; problems: Problem[]; warnings: Problem[]; investment?: InvestmentReport } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || !(Object.hasOwn(raw, 'investment') || Object.hasOwn(raw, 'other_changes'))) return checkScenario(raw);
  const step = investmentStep(raw as Record<string, unknown>, options, checkScenario);
  if (step.problems.length > 0) return { scenario: undefined as unknown as Scenario, problems: step.problems, warnings: [] };
  const checked = checkScenario(step.raw);
  return { ...checked, problems: nameOrigin(checked.problems, step.report), ...(step.report ? { investment: step.report } : {}) };
}

/** The schema's and the cross-checks' problems of a scenario object, and its resolved form (no investment step). */
function checkScenario(raw: unknown): { scenario: Scenario; problems: Problem[]; warnings: Problem[] } {
  const parsed = scenarioSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    // the cross-key problems of the parts that are well-formed, in the same go as the schema's
    const { parts, context } = wellFormedParts(raw);
    return { scenario: undefined as unknown as Scenario, problems: [...zodProblems(parsed.error), ...crossChecks(parts, context).problems], warnings: [] };
  }
  const { problems, warnings } = crossChecks(parsed.data, contextOf(parsed.data));
  problems.push(...rangeChecks(parsed.data));
  return { scenario: problems.length ? (undefined as unknown as Scenario) : resolveScenario(parsed.data), problems, warnings };
}

function readFile(file: string, chain: string[]): { text: string; bytes: Buffer } {
  if (!existsSync(file)) {
    const via = chain.length ? ` (named by extends in ${chain[chain.length - 1]})` : '';
    throw new ScenarioError(file, [{ path: '', message: `file not found${via}` }]);
  }
  if (statSync(file).isDirectory()) throw new ScenarioError(file, [{ path: '', message: 'is a directory, expected a scenario file' }]);
  let bytes: Buffer;
  try {
    bytes = readBoundedFile(file, MAX_SCENARIO_BYTES);
  } catch (err) {
    if (err instanceof NotARegularFile) throw new ScenarioError(file, [{ path: '', message: err.message }]);
    throw new ScenarioError(file, [{ path: '', message: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` }]);
  }
  // a byte-order mark (some Windows editors write one) is not part of the scenario
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  return { text, bytes };
}

function parseText(file: string, text: string): Record<string, unknown> {
  if (text.trim() === '') throw new ScenarioError(file, [{ path: '', message: 'file is empty, expected a scenario (name, horizon, contacts, handlers)' }]);
  const isJson = file.toLowerCase().endsWith('.json');
  let value: unknown;
  if (isJson) {
    const parsed = parseJson(text);
    if (parsed.problems.length > 0) throw new ScenarioError(file, parsed.problems);
    value = parsed.value;
  } else {
    // prettyErrors: false leaves linePos unset, so count lines ourselves for the messages
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter, logLevel: 'error' });
    if (doc.errors.length > 0) {
      throw new ScenarioError(
        file,
        doc.errors.map((e) => {
          const line = e.linePos?.[0] ?? (e.pos ? lineCounter.linePos(e.pos[0]) : undefined);
          const where = line ? `line ${line.line}, column ${line.col}: ` : '';
          return { path: '', message: `YAML syntax error: ${where}${e.message.split('\n')[0]}` };
        }),
      );
    }
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      // an alias bomb (excessive aliases) or an alias to no anchor: the yaml guard throws; name the first alias's line
      const first = firstAliasLine(doc, lineCounter);
      const where = first ? `line ${first.line}, column ${first.col}: ` : '';
      throw new ScenarioError(file, [{ path: '', message: `YAML aliases: ${where}${(err as Error).message.split('\n')[0]}; expected at most 100 aliases, each to an anchor defined before it` }]);
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ScenarioError(file, [{ path: '', message: 'expected a mapping of scenario keys (name, horizon, contacts, handlers)' }]);
  }
  const { problems } = checkUntrusted(value);
  if (problems.length > 0) throw new ScenarioError(file, problems);
  return value as Record<string, unknown>;
}

/** Line and column of the first alias (*name) in a YAML document, if any. */
function firstAliasLine(doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter): { line: number; col: number } | undefined {
  let at: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      at = node.range?.[0];
      return visit.BREAK;
    },
  });
  return at === undefined ? undefined : lineCounter.linePos(at);
}

/** Read a file and everything it extends, merged; detects loops and missing files. */
function readComposed(file: string, chain: string[]): { raw: Record<string, unknown>; sha256: string; sources: ScenarioSource[] } {
  const resolved = path.resolve(file);
  if (chain.includes(resolved)) {
    throw new ScenarioError(chain[0], [
      { path: 'extends', message: `extends chain loops: ${[...chain, resolved].map((f) => path.basename(f)).join(' -> ')}` },
    ]);
  }
  const { text, bytes } = readFile(file, chain);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const own = parseText(file, text);
  const parentRef = own.extends;
  const sources = [{ file: file.split(path.sep).join('/'), sha256 }];
  if (parentRef === undefined) return { raw: own, sha256, sources };
  if (typeof parentRef !== 'string' || parentRef.trim() === '') {
    throw new ScenarioError(file, [{ path: 'extends', message: 'expected a path to another scenario file' }]);
  }
  const parentFile = path.resolve(path.dirname(resolved), parentRef);
  if (!existsSync(parentFile)) {
    throw new ScenarioError(file, [{ path: 'extends', message: `file not found: ${parentFile}; expected a path to another scenario file, relative to this one` }]);
  }
  const kind = statSync(parentFile);
  if (!kind.isFile()) {
    // (extends: . names this file's own folder): the mistake is in this file's extends key
    const what = kind.isDirectory() ? 'a directory' : 'not a regular file (a device, pipe or socket)';
    throw new ScenarioError(file, [{ path: 'extends', message: `${parentFile} is ${what}; expected a path to another scenario file, relative to this one` }]);
  }
  // the parent named as this file names it, relative to this file as given (portable across machines)
  const parent = readComposed(path.isAbsolute(parentRef) ? parentRef : path.join(path.dirname(file), parentRef), [...chain, resolved]);
  const merged = mergeScenario(parent.raw, own);
  delete merged.extends;
  return { raw: merged, sha256, sources: [...sources, ...parent.sources] };
}

/** Objects merge key by key; lists and scalars replace; null removes the inherited key. */
export function mergeScenario(base: Record<string, unknown>, top: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(top)) {
    const b = Object.hasOwn(out, k) ? out[k] : undefined;
    if (v === null) delete out[k]; // a key left empty (or null) removes the inherited value
    else out[k] = isPlainObject(b) && isPlainObject(v) ? mergeScenario(b, v) : v;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function setPath(raw: Record<string, unknown>, keyPath: string, value: unknown, file: string): void {
  const parts = keyPath.split('.');
  if (parts.some((p) => p === '')) throw new ScenarioError(file, [{ path: keyPath, message: '--set: expected a key path like handlers.all.staff' }]);
  const reserved = parts.find((p) => RESERVED_NAMES.has(p));
  if (reserved !== undefined) throw new ScenarioError(file, [{ path: keyPath, message: `--set: ${reservedMessage(reserved)}` }]);
  const checked = checkUntrusted(value, keyPath);
  if (checked.problems.length > 0) throw new ScenarioError(file, checked.problems.map((p) => ({ ...p, message: `--set: ${p.message}` })));
  value = checked.value;
  let node: Record<string, unknown> | unknown[] = raw;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const last = i === parts.length - 1;
    const here = parts.slice(0, i + 1).join('.');
    if (Array.isArray(node)) {
      // a list element by its 0-based index, as validation names it (handlers.all.answers.1)
      const index = Number(part);
      if (!Number.isInteger(index) || index < 0 || index > node.length) {
        throw new ScenarioError(file, [{ path: here, message: `--set ${keyPath}: expected an index from 0 to ${node.length} into this list, or replace the whole list (KEY=[a, b])` }]);
      }
      if (last) {
        node[index] = value;
        continue;
      }
      const element = (node[index] ??= {});
      if (element === null || typeof element !== 'object') {
        throw new ScenarioError(file, [{ path: here, message: `--set ${keyPath}: this list element holds a value, not a section or a list` }]);
      }
      node = element as Record<string, unknown> | unknown[];
      continue;
    }
    if (last) {
      if (value === null) delete node[part]; // KEY=null removes a key (say, shifts, to use staff)
      else node[part] = value;
      return;
    }
    const next = Object.hasOwn(node, part) ? node[part] : undefined;
    if (next === undefined) node[part] = {};
    else if (next === null || typeof next !== 'object') {
      throw new ScenarioError(file, [{ path: here, message: `--set ${keyPath}: this key holds a value, not a section or a list` }]);
    }
    node = node[part] as Record<string, unknown> | unknown[];
  }
}

export type { Problem };
