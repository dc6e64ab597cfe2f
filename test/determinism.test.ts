/**
 * Determinism (interface.md): the same scenario, seed and replications give byte-identical
 * report files (run.json's timing aside); another seed gives other bytes; replication k's
 * results depend on (seed, k) only, not on how many replications run or on --workers.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, readCsv, ROOT, TempDirs } from './fixtures/harness.js';

const CSVS = ['summary.csv', 'replications.csv', 'intervals.csv', 'handlers.csv', 'peel.csv', 'waits.csv', 'report.html', 'calls.csv'];
const SHORT = ['--set', 'horizon.hours=6'];

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

/**
 * One run into a fresh folder. In this thread (--workers 1: the TypeScript sources under test)
 * unless the arguments name --workers (worker threads run the compiled dist/).
 */
async function run(...args: string[]): Promise<string> {
  const out = path.join(dirs.make('metcc-det-'), 'reports');
  const workers = args.includes('--workers') ? [] : ['--workers', '1'];
  const r = await cli('run', fixture('small.yaml'), ...SHORT, '--calls', ...workers, ...args, '--out', out);
  expect(r.code, r.err).toBe(0);
  return out;
}

const bytes = (dir: string, file: string) => readFileSync(path.join(dir, file));
function runJsonWithoutTiming(dir: string): unknown {
  const j = JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8'));
  expect(j.timing).toBeDefined();
  delete j.timing;
  return j;
}
/** The lines of a CSV (header excluded) whose `column` is `value`. */
function linesWhere(dir: string, file: string, column: string, value: string): string[] {
  const text = readFileSync(path.join(dir, file), 'utf8').trimEnd().split('\n');
  const i = text[0].split(',').indexOf(column);
  expect(i).toBeGreaterThanOrEqual(0);
  return text.slice(1).filter((l) => l.split(',')[i] === value);
}

describe('the same scenario, seed and replications', () => {
  let a: string;
  let b: string;

  beforeAll(async () => {
    a = await run('--seed', '42', '--replications', '3');
    b = await run('--seed', '42', '--replications', '3');
  });

  it('give byte-identical CSV reports, calls.csv included', () => {
    for (const f of CSVS) expect(bytes(a, f).equals(bytes(b, f)), f).toBe(true);
    expect(bytes(a, 'calls.csv').length).toBeGreaterThan(10_000);
  });

  it('give the same run.json apart from its timing', () => {
    expect(runJsonWithoutTiming(a)).toEqual(runJsonWithoutTiming(b));
  });

  it('give the same bytes whatever --workers says', async () => {
    // worker threads run dist/ (built by `npm test`; built here if missing)
    if (!existsSync(path.join(ROOT, 'dist', 'study', 'worker.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    const two = await run('--seed', '42', '--replications', '3', '--workers', '2');
    const four = await run('--seed', '42', '--replications', '3', '--workers', '4');
    for (const f of CSVS) {
      expect(bytes(two, f).equals(bytes(a, f)), `${f} with --workers 2`).toBe(true);
      expect(bytes(four, f).equals(bytes(a, f)), `${f} with --workers 4`).toBe(true);
    }
  });

  it('give the same bytes when the seed comes from the scenario file rather than --seed', async () => {
    const fromFile = await run('--replications', '3'); // small.yaml says seed: 11
    const fromOption = await run('--seed', '11', '--replications', '3');
    for (const f of CSVS) expect(bytes(fromFile, f).equals(bytes(fromOption, f)), f).toBe(true);
    expect(runJsonWithoutTiming(fromFile)).toEqual(runJsonWithoutTiming(fromOption));
  });

  it('another seed gives other bytes (and other replication seeds)', async () => {
    const other = await run('--seed', '43', '--replications', '3');
    for (const f of ['summary.csv', 'replications.csv', 'intervals.csv', 'peel.csv', 'calls.csv', 'handlers.csv']) {
      expect(bytes(other, f).equals(bytes(a, f)), `${f} should differ with another seed`).toBe(false);
    }
    const seeds = (dir: string) => readCsv(path.join(dir, 'replications.csv')).rows.map((r) => r.seed);
    expect(new Set([...seeds(a), ...seeds(other)]).size).toBe(6); // 3 replications x 2 base seeds, all different
  });
});

describe('replication k does not depend on how many replications run', () => {
  let two: string;
  let three: string;
  let one: string;

  beforeAll(async () => {
    one = await run('--seed', '5', '--replications', '1');
    two = await run('--seed', '5', '--replications', '2');
    three = await run('--seed', '5', '--replications', '3');
  });

  it('replications.csv rows of replications 0 and 1 are the same with 2 and with 3 replications', () => {
    for (const k of ['0', '1']) {
      const inTwo = linesWhere(two, 'replications.csv', 'replication', k);
      expect(inTwo.length).toBe(2); // one per contact type
      expect(linesWhere(three, 'replications.csv', 'replication', k)).toEqual(inTwo);
    }
    expect(linesWhere(one, 'replications.csv', 'replication', '0')).toEqual(linesWhere(three, 'replications.csv', 'replication', '0'));
    expect(linesWhere(three, 'replications.csv', 'replication', '2')).toHaveLength(2);
  });

  it('calls.csv rows of replication 0 are the same with 1, 2 and 3 replications', () => {
    const ref = linesWhere(one, 'calls.csv', 'replication', '0');
    expect(ref.length).toBeGreaterThan(1000);
    expect(linesWhere(two, 'calls.csv', 'replication', '0')).toEqual(ref);
    expect(linesWhere(three, 'calls.csv', 'replication', '0')).toEqual(ref);
    expect(linesWhere(three, 'calls.csv', 'replication', '1')).toEqual(linesWhere(two, 'calls.csv', 'replication', '1'));
  });

  it('the replications really differ from each other', () => {
    const r0 = linesWhere(three, 'replications.csv', 'replication', '0').map((l) => l.split(',').slice(3).join(','));
    const r1 = linesWhere(three, 'replications.csv', 'replication', '1').map((l) => l.split(',').slice(3).join(','));
    expect(r0).not.toEqual(r1);
  });
});

describe('a change to one contact type leaves the other\'s arrivals alone (common random numbers)', () => {
  it('more 101 handling time changes 101 and 999 waits, but not the arrivals of 999', async () => {
    const base = await run('--seed', '8', '--replications', '1');
    const slower = await run('--seed', '8', '--replications', '1', '--set', 'contacts.101.handling.exponential.mean_seconds=90');
    const arrivals = (dir: string) =>
      readCsv(path.join(dir, 'calls.csv'))
        .rows.filter((r) => r.contact === '999')
        .map((r) => r.arrived_at)
        .sort((x, y) => Number(x) - Number(y));
    expect(arrivals(slower)).toEqual(arrivals(base));
    expect(bytes(slower, 'summary.csv').equals(bytes(base, 'summary.csv'))).toBe(false);
  });
});
