/**
 * The package as a user meets it: --version, a LICENSE that says what package.json says, and
 * an `engines` range that the dependencies really accept.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './fixtures/harness.js';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('the package', () => {
  it('--version prints the version of package.json, alone or after a command', async () => {
    for (const args of [['--version'], ['run', '--version']]) {
      const r = await cli(...args);
      expect(r.code).toBe(0);
      expect(r.out.trim()).toBe(pkg.version);
    }
  });

  it('has a LICENSE file whose licence is the one package.json names (MIT)', () => {
    expect(pkg.license).toBe('MIT');
    const text = readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
    expect(text.split('\n')[0]).toBe('MIT License');
    expect(text).toContain('Permission is hereby granted, free of charge');
  });

  it('engines.node allows only Node versions every production dependency accepts', () => {
    const ours = pkg.engines.node as string;
    const dirs = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');
    expect(dirs.length).toBeGreaterThan(10);
    const refusing: string[] = [];
    for (const dir of dirs.slice(1)) {
      const dep = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      const theirs = dep.engines?.node as string | undefined;
      if (theirs && !semver.subset(ours, theirs)) refusing.push(`${dep.name}@${dep.version} needs ${theirs}`);
    }
    expect(refusing).toEqual([]);
    // and it is no stricter than it must be: the oldest Node 20 yargs 18 runs on is allowed
    expect(semver.satisfies('20.19.0', ours)).toBe(true);
    expect(semver.satisfies('20.18.0', ours)).toBe(false);
  });

  it('exports the library with its type declarations', () => {
    const root = pkg.exports['.'];
    expect(root.types).toBe('./dist/index.d.ts');
    expect(existsSync(path.join(ROOT, root.types)), 'dist/index.d.ts (built by npm test)').toBe(true);
    expect(existsSync(path.join(ROOT, root.import))).toBe(true);
    expect(pkg.files).toContain('schema');
  });
});
