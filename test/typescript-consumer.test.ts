/**
 * The library as a TypeScript user gets it: the README's "Use it from TypeScript" example,
 * compiled (strict, against the package's own declarations) and run from a separate package
 * that installs the `npm pack` tarball, as `npm install metcc-sim` would.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, TempDirs } from './fixtures/harness.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

/** The first ```ts block of the README's "Use it from TypeScript" section. */
function readmeExample(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf('## Use it from TypeScript');
  expect(at, 'the README has a "Use it from TypeScript" section').toBeGreaterThan(0);
  const m = /```ts\n([\s\S]*?)```/.exec(readme.slice(at));
  expect(m, 'with a ```ts example').not.toBeNull();
  return m![1];
}

/** Every .d.ts file under a folder. */
function declarations(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? declarations(path.join(dir, e.name)) : e.name.endsWith('.d.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('a TypeScript consumer of the packed package', () => {
  it("finds every type the declarations import: only the package's own files, Node's and its dependencies'", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const allowed = new Set(Object.keys(pkg.dependencies));
    const files = declarations(path.join(ROOT, 'dist'));
    expect(files.length).toBeGreaterThan(20);
    const strays: string[] = [];
    for (const file of files) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, ''); // not the doc comments' examples
      for (const m of code.matchAll(/(?:from |import\()\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1];
        if (spec.startsWith('.') || spec.startsWith('node:')) continue;
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (!allowed.has(name)) strays.push(`${path.relative(ROOT, file)}: ${spec}`);
      }
    }
    expect(strays).toEqual([]);
  });

  it('compiles the README example against the tarball without errors, and runs it', () => {
    const work = dirs.make('metcc-consumer-');
    // dist/ is built by `npm test` (pretest); pack it as published, without building again
    execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
    const app = path.join(work, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { 'metcc-sim': `file:../${tarball}` } }));
    writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          // skipLibCheck: checking every library's declarations takes half a minute; what they import is checked below
          target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmitOnError: true,
          types: ['node'], typeRoots: [path.join(ROOT, 'node_modules', '@types')], outDir: 'out',
        },
        include: ['main.ts'],
      }),
    );
    writeFileSync(path.join(app, 'main.ts'), readmeExample());
    // the dependencies come from npm's cache (npm ci filled it): no network needed
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--silent'], { cwd: app, encoding: 'utf8' });
    const installed = JSON.parse(readFileSync(path.join(app, 'node_modules', 'metcc-sim', 'package.json'), 'utf8'));
    expect(installed.version).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const compiled = (() => {
      try {
        return execFileSync(process.execPath, [tsc, '-p', app], { cwd: app, encoding: 'utf8' });
      } catch (err) {
        throw new Error(`tsc: ${(err as { stdout?: string }).stdout}`);
      }
    })();
    expect(compiled).toBe('');
    const out = execFileSync(process.execPath, [path.join(app, 'out', 'main.js')], { cwd: app, encoding: 'utf8' });
    expect(out).toMatch(/^999: \d+(\.\d)?% answered within 10 s, \d+(\.\d)?% abandoned, over 4 replications$/m);
  }, 240_000);
});
