/**
 * merge and damaged shards (issue 13, finding 6): a shard's calls.csv cut short or edited, a
 * shard.json with results removed, and an --out that names a shard folder are bad input:
 * exit 1, the file named, nothing written, the shards untouched.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, ROOT, snapshot, stackLines, TempDirs } from './fixtures/harness.js';

const temp = new TempDirs();
afterAll(() => temp.cleanup());

let dir: string;
const shardDir = (i: number) => path.join(dir, `s${i}`);
const SHORT = ['--set', 'horizon.hours=2', '--replications', '4', '--workers', '1', '--quiet'];

beforeAll(async () => {
  dir = temp.make();
  for (const i of [0, 1]) {
    const r = await cli('run', fixture('small.yaml'), '--out', shardDir(i), '--shard', `${i}/2`, '--calls', ...SHORT);
    expect(r.code, r.err).toBe(0);
  }
});

function expectBadInput(r: { code: number; err: string }, ...patterns: RegExp[]): void {
  expect(r.code, r.err).toBe(1);
  for (const p of patterns) expect(r.err).toMatch(p);
  expect(stackLines(r.err)).toEqual([]);
}

/**
 * Run `damage` on a copy of the two shards, merge them, and expect bad input and nothing
 * written: first as written (their manifest catches the damage: `manifest` names the file),
 * then without metcc-manifest.json (shards of an earlier version: merge's own checks, `patterns`).
 */
async function mergeDamaged(damage: (copies: string[]) => void, manifest: RegExp, ...patterns: RegExp[]): Promise<void> {
  await mergeDamagedCopies(damage, true, manifest, /changed since metcc-sim wrote it .*differs from metcc-manifest\.json/);
  await mergeDamagedCopies(damage, false, ...patterns);
}

async function mergeDamagedCopies(damage: (copies: string[]) => void, withManifest: boolean, ...patterns: RegExp[]): Promise<void> {
  const work = temp.make();
  const copies = [0, 1].map((i) => {
    const to = path.join(work, `s${i}`);
    for (const [name] of Object.entries(snapshot(shardDir(i)))) {
      const bytes = readFileSync(path.join(shardDir(i), name));
      const target = path.join(to, name);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }
    return to;
  });
  for (const c of copies) expect(existsSync(path.join(c, 'metcc-manifest.json'))).toBe(true);
  if (!withManifest) for (const c of copies) rmSync(path.join(c, 'metcc-manifest.json'));
  damage(copies);
  const out = path.join(work, 'merged');
  expectBadInput(await cli('merge', ...copies, '--out', out), ...patterns);
  expect(existsSync(out)).toBe(false);
}

describe('merge refuses damaged shards', () => {
  it('the shards merge when whole (the control)', async () => {
    const out = path.join(temp.make(), 'merged');
    const r = await cli('merge', shardDir(0), shardDir(1), '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(path.join(out, 'calls.csv'), 'utf8').split('\n').length).toBeGreaterThan(100);
  });

  it('a calls.csv cut short (a full disk, a kill) is refused, not merged with a cut row', async () => {
    await mergeDamaged((copies) => {
      const file = path.join(copies[1], 'calls.csv');
      truncateSync(file, Math.floor(statSync(file).size / 2));
    }, /s1\/calls\.csv: /, /s1\/calls\.csv: damaged or changed since the shard wrote it/);
  });

  it('a calls.csv edited by hand is refused', async () => {
    await mergeDamaged((copies) => {
      const file = path.join(copies[0], 'calls.csv');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/\n[^\n]*\n$/, '\n'));
    }, /s0\/calls\.csv: /, /s0\/calls\.csv: damaged or changed/);
  });

  it('a shard.json with a replication removed is refused', async () => {
    await mergeDamaged((copies) => {
      const file = path.join(copies[1], 'shard.json');
      const s = JSON.parse(readFileSync(file, 'utf8'));
      writeFileSync(file, JSON.stringify({ ...s, results: s.results.slice(1) }));
    }, /s1\/shard\.json: /, /s1\/shard\.json: holds the results of 1 replication, expected replications 1, 3 of shard 1\/2/);
  });

  it('a shard.json with a replication repeated is refused', async () => {
    await mergeDamaged((copies) => {
      const file = path.join(copies[0], 'shard.json');
      const s = JSON.parse(readFileSync(file, 'utf8'));
      writeFileSync(file, JSON.stringify({ ...s, results: [s.results[0], s.results[0]] }));
    }, /s0\/shard\.json: /, /s0\/shard\.json: holds the results of 2 replications, expected replications 0, 2/);
  });
});

it('a shard.json that is a named pipe is refused, not waited on', () => {
  const work = temp.make();
  const shard = path.join(work, 's0');
  mkdirSync(shard);
  execFileSync('mkfifo', [path.join(shard, 'shard.json')]);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli', 'bin.js'), 'merge', shard, '--out', path.join(work, 'out')], { encoding: 'utf8', timeout: 20_000 });
  expect(r.error, 'merge hung on the pipe').toBeUndefined();
  expect(r.status, r.stderr).toBe(1);
  expect(r.stderr).toMatch(/s0\/shard\.json: is not a regular file \(a device, pipe or socket\); expected a metcc-sim shard file/);
});

describe('merge never writes into its inputs', () => {
  for (const where of ['the first shard folder', 'a folder inside a shard', 'the folder holding the shards']) {
    it(`--out naming ${where} is refused and the shards are untouched`, async () => {
      const before = [snapshot(shardDir(0)), snapshot(shardDir(1))];
      const out = where.startsWith('the first') ? shardDir(0) : where.startsWith('a folder') ? path.join(shardDir(1), 'merged') : dir;
      expectBadInput(await cli('merge', shardDir(0), shardDir(1), '--out', out), /the shard folder .* that merge reads/);
      expect([snapshot(shardDir(0)), snapshot(shardDir(1))]).toEqual(before);
    });
  }
});
