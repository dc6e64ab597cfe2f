/**
 * importGraph: the relative imports between the files of a source tree, read with the
 * TypeScript parser (already a devDependency: it skips comments and strings and knows
 * `import type`, `export ... from` and `import()`, where a regex would not), and the cycles in
 * it, between files or between folders.
 *
 * @example
 *   const g = importGraph(sourcesUnder('src'));
 *   cycles(runtimeEdges(g)); // [['a.ts', 'b.ts', 'a.ts']]: a.ts imports b.ts, which imports a.ts
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One import of one file by another (paths relative to the tree's root, with '/'). */
export interface ImportEdge {
  from: string;
  to: string;
  /** `import type`, `export type`, or every name imported marked `type`: erased from the JavaScript. */
  typeOnly: boolean;
}

/** Every .ts file under `root`, as { path relative to root: source }. */
export function sourcesUnder(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts')) out.set(path.relative(root, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return out;
}

/** The relative imports of every file; `./x.js` resolves to `x.ts`. Throws on one that names no file of the tree. */
export function importGraph(sources: Map<string, string>): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const [file, text] of sources) {
    const add = (specifier: string, typeOnly: boolean) => {
      if (!specifier.startsWith('.')) return; // a package
      const to = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier.replace(/\.js$/, '.ts')));
      if (!sources.has(to)) throw new Error(`${file} imports '${specifier}', which is not a file of the tree (${to})`);
      edges.push({ from: file, to, typeOnly });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.importClause;
        const bindings = clause?.namedBindings;
        const allNamedAreTypes = bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
        add(node.moduleSpecifier.text, clause !== undefined && (clause.isTypeOnly || (clause.name === undefined && allNamedAreTypes)));
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.exportClause;
        const allNamedAreTypes = clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
        add(node.moduleSpecifier.text, node.isTypeOnly || allNamedAreTypes);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) {
        add(node.arguments[0].text, false);
      }
      ts.forEachChild(node, visit);
    };
    visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS));
  }
  return edges;
}

/** The imports that stay in the JavaScript (type-only ones are erased by the compiler). */
export function runtimeEdges(edges: readonly ImportEdge[]): ImportEdge[] {
  return edges.filter((e) => !e.typeOnly);
}

/** A file's folder under the root ('model/'), or the file itself if it lies in the root ('simulate.ts'). */
export function folderOf(file: string): string {
  const slash = file.indexOf('/');
  return slash < 0 ? file : file.slice(0, slash + 1);
}

/** The imports between folders (each with the first file-level import that makes it). */
export function folderEdges(edges: readonly ImportEdge[]): ImportEdge[] {
  const seen = new Map<string, ImportEdge>();
  for (const e of edges) {
    const from = folderOf(e.from);
    const to = folderOf(e.to);
    if (from !== to && !seen.has(`${from} ${to}`)) seen.set(`${from} ${to}`, { from, to, typeOnly: e.typeOnly });
  }
  return [...seen.values()];
}

/**
 * One cycle per group of nodes that reach each other (strongly connected component, Tarjan),
 * as the path round it starting and ending at its alphabetically first node; sorted.
 */
export function cycles(edges: readonly { from: string; to: string }[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (!next.has(e.from)) next.set(e.from, []);
    next.get(e.from)!.push(e.to);
  }
  const nodes = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const connect = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || (next.get(v) ?? []).includes(v)) groups.push(group);
    }
  };
  for (const v of nodes) if (!index.has(v)) connect(v);
  return groups.map((group) => loopThrough(group.sort(), next)).sort((a, b) => (a.join() < b.join() ? -1 : 1));
}

/** The shortest path from the group's first node back to itself, inside the group (breadth first). */
function loopThrough(group: string[], next: Map<string, string[]>): string[] {
  const start = group[0];
  const inGroup = new Set(group);
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of next.get(v) ?? []) {
      if (!inGroup.has(w)) continue;
      if (w === start) {
        const route: string[] = [];
        for (let u = v; u !== start; u = cameFrom.get(u)!) route.unshift(u);
        return [start, ...route, start];
      }
      if (!cameFrom.has(w)) {
        cameFrom.set(w, v);
        queue.push(w);
      }
    }
  }
  throw new Error(`no loop through ${start}`); // unreachable for a strongly connected group
}
