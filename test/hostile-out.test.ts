/**
 * An odd or unwritable --out (issue 13, finding 5) is bad input found before simulating:
 * exit 1, the option named, nothing written and no time spent on replications first.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, fixture, snapshot, stackLines, TempDirs } from './fixtures/harness.js';
import { unitProblem } from '../src/report/unitProblem.js';

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
      expectBadInput(await cli(...RUN, '--out', path.join(locked, 'out')), /no permission to make a folder in .*locked/);
      expect(existsSync(path.join(locked, 'out'))).toBe(false);
    } finally {
      chmodSync(locked, 0o755);
    }
  });
});

/** A small tmpfs (root only, where mount is allowed), or null with the reason. */
function smallDisk(size = '300k'): { dir: string; release(): void } | string {
  if (process.getuid?.() !== 0) return 'not root';
  const dir = temp.make('metcc-full-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    return `mount failed: ${String((err as Error).message).split('\n')[0]}`;
  }
  return { dir, release: () => execFileSync('umount', [dir]) };
}

describe('a full disk', () => {
  const disk = smallDisk();
  if (typeof disk === 'string') console.log(`full-disk test skipped: ${disk}`);
  afterAll(() => typeof disk !== 'string' && disk.release());

  for (const [workers, format] of [['1', 'csv'], ['2', 'csv'], ['1', 'csv.gz'], ['2', 'csv.gz']]) {
    it.skipIf(typeof disk === 'string')(`run --calls --calls-format ${format} with ${workers} worker(s): exit 2, one clear line, no temporaries, earlier reports intact`, async () => {
      const { dir } = disk as { dir: string };
      const out = path.join(dir, `out-${workers}-${format}`);
      const first = await cli(...RUN, '--out', out, '--set', 'horizon.hours=1');
      expect(first.code, first.err).toBe(0);
      const before = snapshot(out);
      // csv.gz: 12 hours of calls still fill the small disk after gzip
      const r = await cli('run', fixture('small.yaml'), '--calls', '--calls-format', format, '--workers', workers, '--replications', '2', '--quiet', '--out', out, ...(format === 'csv.gz' ? ['--set', 'horizon.hours=200'] : []));
      expect(r.code, r.err).toBe(2);
      expect(r.err.trim().split('\n')).toEqual([expect.stringMatching(/^metcc-sim: internal error: ENOSPC: no space left on device/)]);
      expect(snapshot(out)).toEqual(before);
      expect(readdirSync(out, { withFileTypes: true }).filter((e) => e.name.startsWith('.'))).toEqual([]);
      rmSync(out, { recursive: true }); // room on the small disk for the next case's first run
    });
  }

  it.skipIf(typeof disk === 'string')('compare over an earlier compare that fills the disk: exit 2, the earlier compare intact, no temporaries', async () => {
    const big = smallDisk('800k');
    if (typeof big === 'string') return;
    try {
      const out = path.join(big.dir, 'cmp');
      const args = ['compare', fixture('small.yaml'), fixture('small-more-staff.yaml'), '--set', 'horizon={ hours: 1, warmup_hours: 0.2 }', '--replications', '2', '--workers', '1', '--quiet', '--out', out];
      const first = await cli(...args, '--seed', '1');
      expect(first.code, first.err).toBe(0);
      const before = snapshot(out);
      const r = await cli(...args, '--seed', '2'); // a second copy does not fit beside the first
      expect(r.code, r.err).toBe(2);
      expect(r.err.trim().split('\n')).toEqual([expect.stringMatching(/^metcc-sim: internal error: ENOSPC: no space left on device/)]);
      expect(snapshot(out)).toEqual(before);
      expect(unitProblem(out)).toBeNull();
      expect(readdirSync(out).filter((f) => f.startsWith('.') || f.startsWith('metcc-commit'))).toEqual([]);
    } finally {
      big.release();
    }
  }, 60_000);
});

/**
 * A read-only output folder holding earlier reports: every command that writes is refused
 * before it simulates (exit 1, the folder named), and the reports are untouched. As root,
 * chmod stops nothing, so: a tmpfs remounted read-only, and a folder made immutable with
 * `chattr +i` (where the file system takes it).
 */
describe('a read-only output folder', () => {
  const SHORT = ['--set', 'horizon={ hours: 1, warmup_hours: 0.2 }', '--replications', '2', '--workers', '1', '--quiet'];
  const commands = (out: string, shards: string[]) => [
    ['run', fixture('small.yaml'), ...SHORT, '--out', out],
    ['compare', fixture('small.yaml'), fixture('small-more-staff.yaml'), ...SHORT, '--out', out],
    ['sweep', fixture('small.yaml'), ...SHORT, '--set', 'handlers.all.staff=5,6', '--out', out],
    ['merge', ...shards, '--out', out],
    ['report', out],
  ];

  async function refusedEverywhere(out: string, lock: () => void, unlock: () => void, reason: RegExp): Promise<void> {
    const shards = [0, 1].map((i) => path.join(temp.make(), `s${i}`));
    for (const [i, s] of shards.entries()) expect((await cli('run', fixture('small.yaml'), ...SHORT, '--shard', `${i}/2`, '--out', s)).code).toBe(0);
    expect((await cli('run', fixture('small.yaml'), ...SHORT, '--out', out)).code).toBe(0);
    const before = snapshot(out);
    lock();
    try {
      for (const args of commands(out, shards)) {
        const started = Date.now();
        const r = await cli(...args);
        expectBadInput(r, reason);
        expect(r.err, args[0]).toContain(out);
        expect(Date.now() - started, `${args[0]} refused before simulating`).toBeLessThan(5_000);
        expect(snapshot(out)).toEqual(before);
      }
    } finally {
      unlock();
    }
  }

  const ro = smallDisk('2m');
  if (typeof ro === 'string') console.log(`read-only mount test skipped: ${ro}`);
  afterAll(() => typeof ro !== 'string' && ro.release());
  it.skipIf(typeof ro === 'string')('on a file system remounted read-only', async () => {
    const { dir } = ro as { dir: string };
    const remount = (mode: string) => execFileSync('mount', ['-o', `remount,${mode}`, dir]);
    await refusedEverywhere(path.join(dir, 'out'), () => remount('ro'), () => remount('rw'), /is on a read-only file system; expected a folder the reports can be written to/);
  }, 120_000);

  const chattr = (flag: string, target: string) => execFileSync('chattr', [flag, target], { stdio: 'pipe' });
  const immutable = (() => {
    if (process.getuid?.() !== 0) return 'not root (and chmod is tested above)';
    const probe = temp.make();
    try {
      chattr('+i', probe);
      chattr('-i', probe);
      return null;
    } catch (err) {
      return `chattr +i not available here: ${String((err as Error).message).split('\n')[0]}`;
    }
  })();
  if (immutable) console.log(`immutable-folder test skipped: ${immutable}`);
  it.skipIf(immutable !== null)('made immutable (chattr +i)', async () => {
    const out = path.join(temp.make(), 'out');
    await refusedEverywhere(out, () => chattr('+i', out), () => chattr('-i', out), /no permission to make a folder in .*out; expected a folder the reports can be written to/);
  }, 120_000);
});
