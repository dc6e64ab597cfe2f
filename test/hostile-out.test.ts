/**
 * An odd or unwritable --out (issue 13, finding 5) is bad input found before simulating:
 * exit 1, the option named, nothing written and no time spent on replications first.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, fixture, stackLines, TempDirs } from './fixtures/harness.js';

const temp = new TempDirs();
afterAll(() => temp.cleanup());

const RUN = ['run', fixture('small.yaml'), '--workers', '1', '--quiet', '--replications', '1'];

function expectBadInput(r: { code: number; err: string }, ...patterns: RegExp[]): void {
  expect(r.code, r.err).toBe(1);
  for (const p of patterns) expect(r.err).toMatch(p);
  expect(stackLines(r.err)).toEqual([]);
}

describe('--out that cannot take the reports', () => {
  it('an empty --out is refused (it would write into the current folder)', async () => {
    for (const out of ['', '  ']) {
      const before = readdirSync('.');
      expectBadInput(await cli(...RUN, '--out', out), /--out: expected a folder for the reports, got an empty value/);
      expect(readdirSync('.')).toEqual(before);
    }
  });

  it('a folder name too long for the file system is refused before simulating', async () => {
    const dir = temp.make();
    const started = Date.now();
    expectBadInput(await cli(...RUN, '--set', 'horizon.hours=200', '--out', path.join(dir, 'x'.repeat(300))), /--out .*: too long; expected folder names of at most 255 bytes/);
    expect(Date.now() - started).toBeLessThan(2_000); // (the 200-hour run would take longer)
    expect(readdirSync(dir)).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)('a read-only folder is refused before simulating (skipped as root: root writes anywhere)', async () => {
    const dir = temp.make();
    const locked = path.join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    try {
      expectBadInput(await cli(...RUN, '--out', path.join(locked, 'out')), /cannot write in .*locked \(EACCES\)/);
      expect(existsSync(path.join(locked, 'out'))).toBe(false);
    } finally {
      chmodSync(locked, 0o755);
    }
  });
});
