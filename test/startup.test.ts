/**
 * Start-up: the CLI loads only what the command typed needs. The check is on the module graph
 * the built CLI really loads (every file Node resolves, logged by a resolve hook, and for the
 * bundle's files the modules esbuild put in each, from its metafile), not on timing, so it
 * holds on a loaded machine: `--help` and `--version` load yargs and no more; `validate` adds
 * the scenario checker (zod, yaml) but not the simulator, RxJS or the report writers.
 * `npm run bench:startup` prints the CPU figures themselves.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS, commandName } from '../src/cli/commandList.js';
import { inliningBudgetGiven } from '../src/engine/inliningBudget.js';
import { cli, ROOT, TempDirs } from './fixtures/harness.js';

const temp = new TempDirs();
afterAll(() => temp.cleanup());

/** The source modules each command loads (paths from the repository's root: `src/...`, `node_modules/...`). */
function modulesLoadedBy(args: string[]): Set<string> {
  const dir = temp.make('metcc-startup-');
  const log = path.join(dir, 'resolved.txt');
  const hooks = path.join(dir, 'hooks.mjs');
  writeFileSync(hooks, `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, r.url + '\\n');
  return r;
}\n`);
  writeFileSync(log, '');
  const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hooks).href)});`)}`;
  const r = spawnSync(process.execPath, ['--import', register, path.join(ROOT, 'dist/cli/bin.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const modules = new Set<string>();
  for (const url of readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
    if (!url.startsWith('file:')) continue;
    const file = path.relative(ROOT, fileURLToPath(url)).split(path.sep).join('/');
    const bundled = BUNDLE.outputs[file];
    if (bundled) Object.keys(bundled.inputs).forEach((m) => modules.add(m));
    else modules.add(file);
  }
  return modules;
}

/** The packages and dist/ folders each command loads (package names, and 'dist/model' etc.). */
function loadedBy(args: string[]): Set<string> {
  const parts = new Set<string>();
  for (const file of modulesLoadedBy(args)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
    const own = /(?:^|\/)(?:dist|src)\/([^/]+)\//.exec(file);
    if (pkg) parts.add(pkg[1]);
    else if (own) parts.add(`dist/${own[1]}`);
  }
  return parts;
}

/** The source modules in a bundle output and every output it imports statically, as its code runs (esbuild's metafile). */
function bundledClosure(output: string): Set<string> {
  const seen = new Set<string>();
  const modules = new Set<string>();
  const visit = (out: string) => {
    if (seen.has(out)) return;
    seen.add(out);
    const o = BUNDLE.outputs[out];
    if (o === undefined) return; // a package left outside the bundle, or a Node built-in
    Object.keys(o.inputs).forEach((m) => modules.add(m));
    for (const i of o.imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(output);
  return modules;
}

/** esbuild's metafile of the bundle (scripts/bundle.mjs): the source modules in each output file. */
const BUNDLE = JSON.parse(readFileSync(path.join(ROOT, 'dist/bundle/meta.json'), 'utf8')) as {
  outputs: Record<string, { inputs: Record<string, unknown>; imports: { path: string; kind: string }[] }>;
};

const SIMULATOR = ['rxjs', 'fast-csv', 'seedrandom', 'simple-statistics', 'highs', 'vega', 'vega-lite', 'dist/model', 'dist/engine', 'dist/study', 'dist/metrics', 'dist/staffing'];
const CHECKER = ['zod', 'yaml', 'jsonc-parser', 'dist/scenario', 'dist/report'];

describe('start-up loads only what the command needs', () => {
  it('--help and --version load yargs, neither the scenario checker nor the simulator', () => {
    for (const args of [['--help'], ['--version']]) {
      const parts = loadedBy(args);
      expect(parts.has('yargs'), `${args}: yargs`).toBe(true);
      expect([...parts].filter((p) => SIMULATOR.includes(p) || CHECKER.includes(p)), args.join(' ')).toEqual([]);
    }
  });

  it('validate loads the scenario checker but not the simulator, RxJS or the report writers', () => {
    const parts = loadedBy(['validate', 'scenarios/erlang-a-check.yaml']);
    expect(parts.has('zod') && parts.has('yaml')).toBe(true);
    // (dist/engine's clock helpers are shared with the checks; its scheduler would bring rxjs)
    expect([...parts].filter((p) => SIMULATOR.includes(p) && p !== 'dist/engine')).toEqual([]);
  });

  it('the commands listed for --help are the modules loaded to run them (same name, positionals, description)', async () => {
    const io = { out: () => {}, err: () => {} };
    for (const entry of COMMANDS) {
      const file = `../src/cli/commands/${commandName(entry)}.js`;
      const mod = (await import(file)) as Record<string, (io: unknown) => { command: string; describe: string }>;
      const made = mod[`${commandName(entry)}Command`](io);
      expect({ command: made.command, describe: made.describe }).toEqual({ command: entry.command, describe: entry.describe });
    }
  });

  it("a command's own --help lists its options, loaded on demand", async () => {
    const r = await cli('run', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('--replications');
    expect(r.out).toContain('metcc-sim run <scenario>');
  });
});

describe('the built command', () => {
  it("prints the same help as the sources (the bundle's changes to string-width and yargs' assert change no output)", async () => {
    for (const args of [['--help'], ['run', '--help'], ['calibrate', '--help'], ['nonsense']]) {
      const own = await cli(...args);
      const built = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli/bin.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, COLUMNS: undefined } });
      expect(built.status, args.join(' ')).toBe(own.code);
      expect(built.stdout.trimEnd(), args.join(' ')).toBe(own.out.trimEnd());
      expect(built.stderr.trimEnd(), args.join(' ')).toBe(own.err.trimEnd());
    }
  });

  it('is the bundle (scripts/bundle.mjs): --help reads a handful of files, not the hundreds of modules behind them', () => {
    expect(Object.keys(BUNDLE.outputs)).toContain('dist/cli/bin.js');
    expect(Object.keys(BUNDLE.outputs)).toContain('dist/study/worker.js');
    const dir = temp.make('metcc-startup-');
    const log = path.join(dir, 'resolved.txt');
    const hooks = path.join(dir, 'hooks.mjs');
    writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }\n`);
    writeFileSync(log, '');
    const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hooks).href)});`)}`;
    const r = spawnSync(process.execPath, ['--import', register, path.join(ROOT, 'dist/cli/bin.js'), '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const files = readFileSync(log, 'utf8').split('\n').filter((u) => u.startsWith('file:'));
    expect(files.length).toBeGreaterThan(0);
    expect(files.length).toBeLessThan(15);
  });

  it('validates without the optimising compiler, which other commands keep (src/cli/onlyChecks.ts)', () => {
    // V8's --trace-opt logs each function compiled by TurboFan; `validate` caps the tiers at the baseline compiler
    const turbofan = (args: string[]) => {
      const r = spawnSync(process.execPath, ['--trace-opt', path.join(ROOT, 'dist/cli/bin.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.split('\n').filter((l) => /turbofan/i.test(l)).length;
    };
    expect(turbofan(['validate', 'scenarios/metcc-2022-baseline.yaml'])).toBe(0);
    expect(turbofan(['run', '--help'])).toBeGreaterThan(0);
  });

  it('raises V8\'s inlining budget wherever the simulator runs, never for --help or validate (src/engine/inliningBudget.ts)', () => {
    const budget = 'src/engine/inliningBudget.ts';
    expect(modulesLoadedBy(['--help']).has(budget)).toBe(false);
    expect(modulesLoadedBy(['validate', 'scenarios/erlang-a-check.yaml']).has(budget)).toBe(false);
    // the worker, and every command's module that simulates, load it with the simulator's code
    const simulating = Object.keys(BUNDLE.outputs).filter((o) => o.endsWith('.js') && bundledClosure(o).has('src/simulate.ts'));
    expect(simulating).toContain('dist/study/worker.js');
    expect(simulating.some((o) => BUNDLE.outputs[o].inputs['src/cli/commands/run.ts'])).toBe(true);
    for (const o of simulating) expect(bundledClosure(o).has(budget), o).toBe(true);
  });

  it('leaves an inlining budget given on Node\'s command line as it is', () => {
    expect(inliningBudgetGiven(['--max-inlined-bytecode-size-cumulative=6000'])).toBe(true);
    expect(inliningBudgetGiven(['--max_inlined_bytecode_size_cumulative=6000'])).toBe(true);
    expect(inliningBudgetGiven(['--expose-gc', '--max-inlined-bytecode-size=2000'])).toBe(false);
    expect(inliningBudgetGiven([])).toBe(false);
  });

  it('is executable, so `npx metcc-sim` (the README and its Slurm script) runs from a fresh clone', () => {
    // tsc writes dist/cli/bin.js without the execute bit; the build script sets it
    const bin = path.join(ROOT, 'dist', 'cli', 'bin.js');
    expect(statSync(bin).mode & 0o111).not.toBe(0);
  });
});
