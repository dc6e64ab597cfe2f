/**
 * No import cycles in src/ (the project's standard), at two levels:
 *  - files: no file reaches itself through the imports that stay in the JavaScript (a cycle
 *    there makes module initialisation order matter). Type-only imports are erased, so two
 *    domain types may name each other (a Call knows its ContactType, whose queue holds Calls).
 *  - folders: src/'s folders are layers, e.g. engine/ below model/ below metrics/; no folder
 *    may depend on one that depends back on it, type imports included (a type is a dependency
 *    of the reader, and a newcomer should be able to read a folder knowing only those below).
 * The graph comes from the TypeScript parser (test/helpers/importGraph.ts).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, folderEdges, folderOf, importGraph, runtimeEdges, sourcesUnder, type ImportEdge } from './helpers/importGraph.js';

const SRC = path.resolve(__dirname, '..', 'src');
const edges = importGraph(sourcesUnder(SRC));

/** A folder cycle, with the file imports that make each step of it. */
function explain(loop: string[], all: readonly ImportEdge[]): string {
  const steps = loop.slice(1).map((to, i) => {
    const from = loop[i];
    const because = all.filter((e) => folderOf(e.from) === from && folderOf(e.to) === to).map((e) => `${e.from} imports ${e.to}`);
    return `  ${from} -> ${to}: ${because.join('; ')}`;
  });
  return `${loop.join(' -> ')}\n${steps.join('\n')}`;
}

describe('import cycles in src/', () => {
  it('reads the imports of every file (the test sees the tree)', () => {
    // a parser that missed imports would find no cycles: check it finds the obvious ones
    expect(edges.length).toBeGreaterThan(100);
    expect(edges).toContainEqual({ from: 'simulate.ts', to: 'metrics/ReplicationTally.ts', typeOnly: false });
    expect(edges).toContainEqual({ from: 'engine/distributions.ts', to: 'engine/distributions/Gamma.ts', typeOnly: false });
    expect(edges).toContainEqual({ from: 'metrics/ReplicationTally.ts', to: 'model/records.ts', typeOnly: true });
  });

  it('no file imports itself round a loop (type-only imports aside)', () => {
    const found = cycles(runtimeEdges(edges)).map((loop) => loop.join(' -> '));
    expect(found, `import cycles between files:\n${found.join('\n')}`).toEqual([]);
  });

  it('no folder depends on one that depends back on it', () => {
    const found = cycles(folderEdges(edges));
    expect(found.map((l) => l.join(' -> ')), `import cycles between folders:\n${found.map((l) => explain(l, edges)).join('\n')}`).toEqual([]);
  });
});

describe('importGraph and cycles (on a tree made up here)', () => {
  const tree = new Map([
    ['a/one.ts', "import { two } from './two.js';\nexport const one = 1;"],
    ['a/two.ts', "// import { one } from './one.js' -- a comment, not an import\nexport { three as two } from '../b/three.js';"],
    ['b/three.ts', "import type { One } from '../a/one.js';\nconst s = \"from '../a/two.js'\";\nexport const three = async () => (await import('./four.js')).four;"],
    ['b/four.ts', "import { type Two } from '../a/two.js';\nimport { one } from '../a/one.js';\nexport const four = one;"],
    ['c/five.ts', "import './five.js';"],
  ]);
  const g = importGraph(tree);

  it('reads import, export-from, dynamic and side-effect imports, and marks the type-only ones', () => {
    expect(g).toEqual([
      { from: 'a/one.ts', to: 'a/two.ts', typeOnly: false },
      { from: 'a/two.ts', to: 'b/three.ts', typeOnly: false },
      { from: 'b/three.ts', to: 'a/one.ts', typeOnly: true },
      { from: 'b/three.ts', to: 'b/four.ts', typeOnly: false },
      { from: 'b/four.ts', to: 'a/two.ts', typeOnly: true },
      { from: 'b/four.ts', to: 'a/one.ts', typeOnly: false },
      { from: 'c/five.ts', to: 'c/five.ts', typeOnly: false },
    ]);
  });

  it('finds each loop once, from its first node', () => {
    // runtime: one -> two -> three -> four -> one, and five -> five
    expect(cycles(runtimeEdges(g))).toEqual([
      ['a/one.ts', 'a/two.ts', 'b/three.ts', 'b/four.ts', 'a/one.ts'],
      ['c/five.ts', 'c/five.ts'],
    ]);
    expect(cycles(folderEdges(g))).toEqual([['a/', 'b/', 'a/']]);
    expect(cycles([{ from: 'x', to: 'y' }, { from: 'y', to: 'z' }])).toEqual([]);
  });

  it('names an import that resolves to no file', () => {
    expect(() => importGraph(new Map([['x.ts', "import { y } from './y.js';"]]))).toThrow("x.ts imports './y.js', which is not a file of the tree (y.ts)");
  });
});
