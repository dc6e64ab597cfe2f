/**
 * Mutated scenarios for the fuzz test: the shipped scenarios and the test fixtures, changed by
 * a few random edits of their parsed form (a value replaced by a hostile one, a key removed,
 * renamed or added, a section copied elsewhere) or of their text (cut short, junk inserted, a
 * line repeated), written as YAML or JSON. Built from fast-check arbitraries, so a failure
 * shrinks to a small edit list.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml, stringify as toYaml } from 'yaml';

/** Values a hostile or careless user might write anywhere. */
const HOSTILE_VALUES: unknown[] = [
  -0, 0, -1, 0.5, 1, 2, 24, 60, 1e-300, 1e308, -1e308, Infinity, -Infinity, NaN, 2 ** 31, 2 ** 32 + 1, 2 ** 53 + 2, 1e9, 1e12,
  '', ' ', '..', '.', '../x', '/etc', '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '999', '101', 'all',
  '25:00', '24:00', '00:00', '2022-02-30', '2022-06-01', '2022-06-01T25:00', '2022-06-01T10:00', '02-30', '13-01', '12-25',
  'exponential', 'mon', 'I', 'none', null, true, false, [], {}, [0], [1, 2], { exponential: { mean_seconds: 1 } },
  { fixed: { seconds: 0 } }, new Array(24).fill(0), new Array(24).fill(1e308), new Array(25).fill(1),
];

/** Values that keep a short `run` short: no rate, headcount or count far past the fixtures'. */
const TAME_VALUES: unknown[] = HOSTILE_VALUES.filter((v) => typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) <= 60 || v === 1e-300);

/** Keys a hostile or careless user might add. */
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'seed', 'replications', 'extends', 'name', 'staff', 'shifts', 'answers', 'hours', 'days', '999', 'x', '..', 'a.b', ''];

/** Text a careless edit might leave in a file. */
const JUNK = [':', ': :', '&a ', '*a', '*nowhere', '{', '}', '[', ']', '\t', '\uFEFF', '"', "'", '- ', '\n  ', '\n', '#', '!!binary ', '<<: *a', '%YAML 1.1\n', '---\n', '\u0000', ',', '1e999'];

export type Edit =
  | { kind: 'nudge'; at: number; factor: number }
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; value: unknown }
  | { kind: 'rename'; at: number; key: string }
  | { kind: 'copy'; at: number; to: number };

export type TextEdit = { kind: 'cut'; at: number } | { kind: 'insert'; at: number; junk: string } | { kind: 'repeat'; line: number };

export interface Mutant {
  source: string;
  format: 'yaml' | 'json';
  edits: Edit[];
  textEdits: TextEdit[];
}

export interface Source {
  name: string;
  value: Record<string, unknown>;
}

/** The shipped scenarios and the fixtures, parsed (the root folder of the repository given). */
export function loadSources(root: string, files: readonly string[]): Source[] {
  return files.map((f) => ({ name: path.basename(f), value: parseYaml(readFileSync(path.join(root, f), 'utf8')) as Record<string, unknown> }));
}

/** A mutant: which source, its format, 1-3 structural edits and 0-1 text edits. */
export function mutantArbitrary(sources: readonly Source[], tame: boolean): fc.Arbitrary<Mutant> {
  const value = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(tame ? TAME_VALUES : HOSTILE_VALUES)) },
    { weight: 1, arbitrary: tame ? fc.double({ min: -60, max: 60 }) : fc.double() },
    { weight: 1, arbitrary: fc.integer({ min: tame ? -5 : -1e6, max: tame ? 60 : 1e9 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  const at = fc.nat({ max: 10_000 });
  const key = fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 }));
  const factor = fc.constantFrom(...(tame ? [0, 0.5, 0.9, 1.1, 2] : [0, 0.5, 0.9, 1.1, 2, 10, 1000, -1]));
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    { weight: 14, arbitrary: fc.record({ kind: fc.constant('nudge' as const), at, factor }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), at, value }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('add' as const), at, key, value }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), at, key }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('copy' as const), at, to: at }) },
  );
  const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
    fc.record({ kind: fc.constant('cut' as const), at }),
    fc.record({ kind: fc.constant('insert' as const), at, junk: fc.constantFrom(...JUNK) }),
    fc.record({ kind: fc.constant('repeat' as const), line: at }),
  );
  return fc.record({
    source: fc.constantFrom(...sources.map((s) => s.name)),
    format: fc.constantFrom('yaml' as const, 'yaml' as const, 'json' as const),
    edits: fc.array(edit, { minLength: 1, maxLength: 2 }),
    textEdits: fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(textEdit, { minLength: 1, maxLength: 1 }) }),
  });
}

type Node = Record<string, unknown> | unknown[];

/** Every section and list in the tree, with its key path (the root is ''). */
function containers(root: Node): { node: Node; path: string }[] {
  const out: { node: Node; path: string }[] = [];
  const stack: { node: Node; path: string }[] = [{ node: root, path: '' }];
  while (stack.length) {
    const item = stack.pop()!;
    out.push(item);
    for (const [k, v] of Object.entries(item.node)) {
      if (v !== null && typeof v === 'object') stack.push({ node: v as Node, path: item.path ? `${item.path}.${k}` : k });
    }
  }
  return out;
}

/** Set own property `key` (also `__proto__`, which plain assignment would turn into a prototype). */
function put(node: Node, key: string | number, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The mutant's file text. */
export function mutantText(m: Mutant, sources: readonly Source[]): string {
  const tree = structuredClone(sources.find((s) => s.name === m.source)!.value) as Node;
  for (const e of m.edits) {
    const all = containers(tree);
    const { node } = all[e.at % all.length];
    const keys = Object.keys(node);
    const pick = keys.length ? keys[e.at % keys.length] : undefined;
    switch (e.kind) {
      case 'nudge': {
        // a number somewhere scaled (often still valid: the run then goes on with it)
        const numbers = all.flatMap(({ node: n }) => Object.entries(n).filter(([, v]) => typeof v === 'number').map(([k]) => ({ n, k })));
        if (numbers.length) {
          const { n, k } = numbers[e.at % numbers.length];
          put(n, Array.isArray(n) ? Number(k) : k, ((n as Record<string, number>)[k]) * e.factor);
        }
        break;
      }
      case 'set':
        if (pick !== undefined) put(node, Array.isArray(node) ? Number(pick) : pick, structuredClone(e.value));
        break;
      case 'delete':
        if (pick !== undefined) {
          if (Array.isArray(node)) node.splice(Number(pick), 1);
          else delete node[pick];
        }
        break;
      case 'add':
        if (Array.isArray(node)) node.push(structuredClone(e.value));
        else put(node, e.key, structuredClone(e.value));
        break;
      case 'rename':
        if (pick !== undefined && !Array.isArray(node)) {
          const v = node[pick];
          delete node[pick];
          put(node, e.key, v);
        }
        break;
      case 'copy': {
        const target = all[e.to % all.length].node;
        if (pick !== undefined && !Array.isArray(target)) put(target, pick, structuredClone((node as Record<string, unknown>)[pick]));
        break;
      }
    }
  }
  let text = m.format === 'json' ? JSON.stringify(tree, null, 2) : toYaml(tree);
  for (const t of m.textEdits) {
    if (t.kind === 'cut') text = text.slice(0, t.at % (text.length + 1));
    else if (t.kind === 'insert') {
      const i = t.at % (text.length + 1);
      text = text.slice(0, i) + t.junk + text.slice(i);
    } else {
      const lines = text.split('\n');
      const i = t.line % lines.length;
      lines.splice(i, 0, lines[i]);
      text = lines.join('\n');
    }
  }
  return text;
}
