/**
 * The per-call log's files (issue 12, item 3): one thread writes straight into the staged log;
 * calls.csv.gz has the same bytes from 1 worker, 2 workers and merged shards, and decompresses
 * to calls.csv's bytes; merge checks the member sizes shard.json records.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, stackLines, TempDirs } from './fixtures/harness.js';
import { StagedFiles } from '../src/report/StagedFiles.js';
import { CallsLog } from '../src/study/CallsLog.js';
import { writeToString } from 'fast-csv';
import { loadScenario } from '../src/scenario/load.js';
import { reportShape, runReplication } from '../src/simulate.js';
import { CALLS_HEADERS, callRow } from '../src/report/reports.js';

const temp = new TempDirs();
afterAll(() => temp.cleanup());

const SMALL = fixture('small.yaml');
const ARGS = ['--replications', '5', '--set', 'horizon.hours=4', '--calls', '--quiet'];
let work: string;

async function ok(...argv: string[]): Promise<void> {
  const r = await cli(...argv);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.err}`);
}

describe('calls.csv.gz: the same bytes whatever the workers or shards', () => {
  beforeAll(async () => {
    work = temp.make();
    await ok('run', SMALL, ...ARGS, '--workers', '1', '--out', path.join(work, 'csv'));
    await ok('run', SMALL, ...ARGS, '--calls-format', 'csv.gz', '--workers', '1', '--out', path.join(work, 'one'));
    await ok('run', SMALL, ...ARGS, '--calls-format', 'csv.gz', '--workers', '2', '--out', path.join(work, 'two'));
    for (const i of [0, 1]) await ok('run', SMALL, ...ARGS, '--calls-format', 'csv.gz', '--workers', '2', '--shard', `${i}/2`, '--out', path.join(work, `shard-${i}`));
    await ok('merge', path.join(work, 'shard-1'), path.join(work, 'shard-0'), '--out', path.join(work, 'merged'));
  }, 120_000);

  it('1 worker = 2 workers = 2 shards merged, byte for byte', () => {
    const one = readFileSync(path.join(work, 'one', 'calls.csv.gz'));
    expect(readFileSync(path.join(work, 'two', 'calls.csv.gz')).equals(one)).toBe(true);
    expect(readFileSync(path.join(work, 'merged', 'calls.csv.gz')).equals(one)).toBe(true);
  });

  it('decompresses to the bytes of calls.csv, and is much smaller', () => {
    const gz = readFileSync(path.join(work, 'one', 'calls.csv.gz'));
    const csv = readFileSync(path.join(work, 'csv', 'calls.csv'));
    expect(csv.length).toBeGreaterThan(100_000);
    expect(gunzipSync(gz).equals(csv)).toBe(true);
    expect(gz.length).toBeLessThan(csv.length / 2.5);
  });

  it('is deterministic gzip: modification time 0, operating system "unknown", level-1 flag', () => {
    const gz = readFileSync(path.join(work, 'one', 'calls.csv.gz'));
    expect([...gz.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 255]);
  });

  it('sits beside the other reports instead of calls.csv; the other reports do not change', () => {
    expect(existsSync(path.join(work, 'one', 'calls.csv'))).toBe(false);
    for (const report of ['summary.csv', 'intervals.csv', 'waits.csv']) {
      expect(readFileSync(path.join(work, 'one', report)).equals(readFileSync(path.join(work, 'csv', report)))).toBe(true);
    }
  });

  it('a run into the same folder as calls.csv replaces it (no stale log of the other format)', async () => {
    const out = temp.make();
    await ok('run', SMALL, ...ARGS, '--workers', '1', '--out', out);
    await ok('run', SMALL, ...ARGS, '--calls-format', 'csv.gz', '--workers', '1', '--out', out);
    expect(existsSync(path.join(out, 'calls.csv'))).toBe(false);
    expect(existsSync(path.join(out, 'calls.csv.gz'))).toBe(true);
  });

  it('merge refuses member sizes that do not account for the file', async () => {
    const bad = temp.make();
    for (const i of [0, 1]) await ok('run', SMALL, ...ARGS, '--calls-format', 'csv.gz', '--workers', '1', '--shard', `${i}/2`, '--out', path.join(bad, `s${i}`));
    const file = path.join(bad, 's1', 'shard.json');
    const shard = JSON.parse(readFileSync(file, 'utf8'));
    shard.calls_part_bytes[1] += 1;
    shard.calls_part_bytes[2] -= 2;
    writeFileSync(file, JSON.stringify(shard));
    // the folder's manifest would refuse the edited shard.json first (its hash changed): without
    // one (a folder written before manifests) the member sizes themselves are checked
    rmSync(path.join(bad, 's1', 'metcc-manifest.json'));
    const r = await cli('merge', path.join(bad, 's0'), path.join(bad, 's1'), '--out', path.join(bad, 'merged'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/s1[/\\]shard\.json: calls_part_bytes: expected the sizes of calls\.csv\.gz's 3 gzip members/);
    expect(stackLines(r.err)).toEqual([]);
    expect(existsSync(path.join(bad, 'merged'))).toBe(false);
  });
});

describe('calls.csv from the command line has the bytes fast-csv gave', () => {
  it('on one thread and on two workers, across many 1 MiB chunks (chunks reused once written)', async () => {
    const dir = temp.make();
    const args = ['--replications', '2', '--set', 'horizon.hours=60', '--calls', '--quiet'];
    await ok('run', SMALL, ...args, '--workers', '1', '--out', path.join(dir, 'one'));
    await ok('run', SMALL, ...args, '--workers', '2', '--out', path.join(dir, 'two'));
    const { scenario } = loadScenario(SMALL, [{ keyPath: 'horizon.hours', value: 60 }]);
    const shape = reportShape(scenario);
    const rows: string[][] = [[...CALLS_HEADERS]];
    for (const replication of [0, 1]) {
      await runReplication(scenario, shape, { seed: scenario.seed, replication, onCall: (c) => rows.push(callRow(c, shape.grades, shape.levels)) });
    }
    const expected = Buffer.from(await writeToString(rows, { includeEndRowDelimiter: true }), 'utf8');
    expect(expected.length).toBeGreaterThan(3 << 20);
    const one = readFileSync(path.join(dir, 'one', 'calls.csv'));
    expect(one.length).toBe(expected.length);
    expect(one.equals(expected)).toBe(true);
    expect(readFileSync(path.join(dir, 'two', 'calls.csv')).equals(expected)).toBe(true);
  });
});

describe('--calls-format on the command line', () => {
  it('without --calls is a usage error, and writes nothing', async () => {
    const out = path.join(temp.make(), 'out');
    const r = await cli('run', SMALL, '--calls-format', 'csv.gz', '--out', out, '--quiet');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--calls-format csv\.gz: expected it with --calls/);
    expect(existsSync(out)).toBe(false);
  });

  it('names its choices when given another', async () => {
    const r = await cli('run', SMALL, '--calls', '--calls-format', 'parquet', '--quiet');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/calls-format/);
    expect(r.err).toMatch(/csv\.gz/);
    expect(stackLines(r.err)).toEqual([]);
  });
});

describe('where each replication writes', () => {
  it('on one thread, straight into the staged log; with workers, a part of its own', () => {
    const staged = new StagedFiles(temp.make());
    try {
      const direct = new CallsLog(staged, 'a', 'csv', [0, 1, 2], 1);
      expect([0, 1, 2].map((k) => direct.target(k))).toEqual([0, 1, 2].map(() => ({ path: direct.path, format: 'csv', append: true })));
      const single = new CallsLog(staged, 'b', 'csv.gz', [3], 4);
      expect(single.target(3)).toEqual({ path: single.path, format: 'csv.gz', append: true });
      const parts = new CallsLog(staged, 'c', 'csv', [0, 1], 2);
      expect(parts.target(0).append).toBe(false);
      expect(parts.target(0).path).not.toBe(parts.target(1).path);
      expect(parts.target(1).path).not.toBe(parts.path);
    } finally {
      staged.abort();
    }
  });
});
