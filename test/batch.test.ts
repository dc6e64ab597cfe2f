/**
 * Batch runs: one worker, many workers, and sharded-then-merged runs write the same bytes;
 * sweep runs every combination on common random numbers; --resume skips complete shards; a
 * killed run leaves no half-written report.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { sweepPoints } from '../src/study/sweep.js';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'dist', 'cli', 'bin.js');
const work = mkdtempSync(path.join(tmpdir(), 'metcc-batch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const captured = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
};
const run = async (args: string[]) => {
  const c = captured();
  const code = await main(args, c.io);
  if (code !== 0) throw new Error(`exit ${code}: ${c.err.join('\n')}`);
  return c;
};

const BASELINE = path.join(ROOT, 'scenarios', 'metcc-2022-baseline.yaml');
const SHORT = ['--set', 'horizon.days=1', '--set', 'horizon.warmup_days=1', '--replications', '5', '--seed', '3', '--calls', '--quiet'];
const REPORTS = ['summary.csv', 'handlers.csv', 'replications.csv', 'intervals.csv', 'peel.csv', 'staffing.csv', 'triage.csv', 'grading.csv', 'waits.csv', 'report.html', 'calls.csv'];
const withoutTiming = (file: string) => {
  const j = JSON.parse(readFileSync(file, 'utf8'));
  delete j.timing;
  return j;
};

describe('workers, shards and merge give the same bytes', () => {
  beforeAll(async () => {
    await run(['run', BASELINE, ...SHORT, '--workers', '1', '--out', path.join(work, 'one')]);
    await run(['run', BASELINE, ...SHORT, '--workers', '2', '--out', path.join(work, 'two')]);
    for (const i of [0, 1, 2]) await run(['run', BASELINE, ...SHORT, '--workers', '2', '--shard', `${i}/3`, '--out', path.join(work, `shard-${i}`)]);
    await run(['merge', path.join(work, 'shard-2'), path.join(work, 'shard-0'), path.join(work, 'shard-1'), '--out', path.join(work, 'merged')]);
  }, 120_000);

  for (const report of REPORTS) {
    it(`${report}: 1 worker = 2 workers = 3 shards merged`, () => {
      const one = readFileSync(path.join(work, 'one', report));
      expect(one.length).toBeGreaterThan(100);
      expect(readFileSync(path.join(work, 'two', report)).equals(one)).toBe(true);
      expect(readFileSync(path.join(work, 'merged', report)).equals(one)).toBe(true);
    });
  }

  it('run.json is the same apart from timing', () => {
    const one = withoutTiming(path.join(work, 'one', 'run.json'));
    expect(withoutTiming(path.join(work, 'two', 'run.json'))).toEqual(one);
    expect(withoutTiming(path.join(work, 'merged', 'run.json'))).toEqual(one);
  });

  it('calls.csv holds every replication in order, and each shard only its own', () => {
    const reps = readFileSync(path.join(work, 'one', 'calls.csv'), 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
    expect(reps.length).toBeGreaterThan(1000);
    expect([...new Set(reps)]).toEqual([0, 1, 2, 3, 4]);
    expect(reps).toEqual([...reps].sort((a, b) => a - b));
    const shard1 = readFileSync(path.join(work, 'shard-1', 'calls.csv'), 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
    expect([...new Set(shard1)]).toEqual([1, 4]);
  });

  it('merge refuses an incomplete or mixed set of shards', async () => {
    const c = captured();
    expect(await main(['merge', path.join(work, 'shard-0'), path.join(work, 'shard-1'), '--out', path.join(work, 'bad')], c.io)).toBe(1);
    expect(c.err.join('\n')).toMatch(/missing shard 2\/3/);
    expect(existsSync(path.join(work, 'bad'))).toBe(false);
    const d = captured();
    expect(await main(['merge', path.join(work, 'shard-0'), path.join(work, 'shard-0'), path.join(work, 'shard-1')], d.io)).toBe(1);
    expect(d.err.join('\n')).toMatch(/given twice/);
  });

  it('--resume skips a shard whose output is complete, and redoes one that is not', async () => {
    const file = path.join(work, 'shard-0', 'shard.json');
    const before = statSync(file).mtimeMs;
    const c = await run(['run', BASELINE, ...SHORT, '--shard', '0/3', '--resume', '--out', path.join(work, 'shard-0')]);
    expect(c.out.join('\n')).toMatch(/already complete/);
    expect(statSync(file).mtimeMs).toBe(before);
    // a different seed is a different study: not complete
    const d = await run(['run', BASELINE, ...SHORT.map((a) => (a === '3' ? '4' : a)), '--shard', '0/3', '--resume', '--out', path.join(work, 'shard-0b')]);
    expect(d.out.join('\n')).not.toMatch(/already complete/);
  });
});

describe('sweep', () => {
  it('makes every combination, first key slowest', () => {
    const points = sweepPoints([
      { keyPath: 'a', values: [1, 2] },
      { keyPath: 'b', values: ['x', 'y', 'z'] },
    ]);
    expect(points.map((p) => p.map((o) => `${o.keyPath}=${o.value}`).join(' '))).toEqual([
      'a=1 b=x', 'a=1 b=y', 'a=1 b=z', 'a=2 b=x', 'a=2 b=y', 'a=2 b=z',
    ]);
  });

  it('writes one row per point and contact type, on common random numbers', async () => {
    const out = path.join(work, 'sweep');
    await run(['sweep', 'scenarios/erlang-a-check.yaml', '--set', 'handlers.all.staff=48,52', '--set', 'horizon.hours=20', '--replications', '2', '--workers', '2', '--out', out, '--quiet']);
    const lines = readFileSync(path.join(out, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(lines[0].startsWith('handlers.all.staff,scenario,contact,replications,offered')).toBe(true);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => `${r[0]} ${r[2]}`)).toEqual(['48 101', '48 999', '52 101', '52 999']);
    // same seed at every point: the same calls arrive (offered identical), more staff answers more of them in time
    expect(rows[1][4]).toBe(rows[3][4]);
    expect(Number(rows[3][7])).toBeGreaterThan(Number(rows[1][7]));
    // and each point equals a plain run with that value
    const single = path.join(work, 'single-52');
    await run(['run', 'scenarios/erlang-a-check.yaml', '--set', 'handlers.all.staff=52', '--set', 'horizon.hours=20', '--replications', '2', '--out', single, '--quiet']);
    const summary = readFileSync(path.join(single, 'summary.csv'), 'utf8').trim().split('\n').slice(1);
    expect(rows.slice(2).map((r) => r.slice(1).join(','))).toEqual(summary);
  });
});

describe('sweep over the study keys seed and replications', () => {
  const SMALL = path.join(ROOT, 'test', 'fixtures', 'small.yaml');
  const SHORTER = ['--set', 'horizon.hours=5', '--quiet'];
  const SWEPT = ['--set', 'seed=1,2', '--set', 'replications=1,3'];

  it('runs each point with its own seed and replications: every row is the plain run with those values', async () => {
    const out = path.join(work, 'sweep-study-keys');
    await run(['sweep', SMALL, ...SWEPT, ...SHORTER, '--workers', '2', '--out', out]);
    const rows = readFileSync(path.join(out, 'sweep.csv'), 'utf8').trim().split('\n').slice(1);
    expect(rows).toHaveLength(4 * 2);
    for (const seed of [1, 2]) {
      for (const replications of [1, 3]) {
        const single = path.join(work, `single-seed-${seed}-reps-${replications}`);
        await run(['run', SMALL, '--set', `seed=${seed}`, '--set', `replications=${replications}`, ...SHORTER, '--out', single]);
        const summary = readFileSync(path.join(single, 'summary.csv'), 'utf8').trim().split('\n').slice(1);
        const point = rows.filter((r) => r.startsWith(`${seed},${replications},`)).map((r) => r.split(',').slice(2).join(','));
        expect(point, `seed ${seed}, replications ${replications}`).toEqual(summary);
      }
    }
    // sharded and merged: the same sweep.csv
    for (const i of [0, 1]) await run(['sweep', SMALL, ...SWEPT, ...SHORTER, '--shard', `${i}/2`, '--out', path.join(work, `sweep-study-keys-${i}`)]);
    await run(['merge', path.join(work, 'sweep-study-keys-0'), path.join(work, 'sweep-study-keys-1'), '--out', path.join(work, 'sweep-study-keys-merged')]);
    expect(readFileSync(path.join(work, 'sweep-study-keys-merged', 'sweep.csv')).equals(readFileSync(path.join(out, 'sweep.csv')))).toBe(true);
  }, 120_000);

  it('--seed or --replications sets every point; with the same key swept it is a usage error', async () => {
    const out = path.join(work, 'sweep-option-all');
    await run(['sweep', SMALL, '--set', 'handlers.all.staff=6,7', '--seed', '2', '--replications', '2', ...SHORTER, '--out', out]);
    const reps = readFileSync(path.join(out, 'sweep.csv'), 'utf8').trim().split('\n').slice(1).map((r) => r.split(',')[3]); // staff, scenario, contact, replications
    expect(reps).toEqual(['2', '2', '2', '2']);
    for (const [key, option] of [['seed', '--seed'], ['replications', '--replications']]) {
      const c = captured();
      const clash = path.join(work, `sweep-clash-${key}`);
      expect(await main(['sweep', SMALL, '--set', `${key}=1,2`, option, '3', ...SHORTER, '--out', clash], c.io)).toBe(1);
      expect(c.err.join('\n')).toMatch(new RegExp(`${key} is swept \\(--set ${key}=\\.\\.\\.\\) and given as ${option} too`));
      expect(existsSync(clash)).toBe(false);
    }
  }, 60_000);
});

describe('compare and sweep shard and merge like run', () => {
  it('compare --shard i/n then merge = compare', async () => {
    const INVEST = path.join(ROOT, 'scenarios', 'metcc-2023-investment.yaml');
    const args = ['compare', BASELINE, INVEST, '--set', 'horizon.days=1', '--set', 'horizon.warmup_days=1', '--replications', '3', '--quiet'];
    await run([...args, '--out', path.join(work, 'cmp-whole')]);
    for (const i of [0, 1]) await run([...args, '--shard', `${i}/2`, '--out', path.join(work, `cmp-shard-${i}`)]);
    const merged = await run(['merge', path.join(work, 'cmp-shard-1'), path.join(work, 'cmp-shard-0'), '--out', path.join(work, 'cmp-merged')]);
    expect(merged.out.join('\n')).toMatch(/answered within 10 s/);
    // (the investment file brings a third scenario, its levers alone, and comparison_parts.csv)
    for (const file of ['comparison.csv', 'comparison_parts.csv', 'comparison_hours.csv', 'comparison_intervals.csv', 'comparison_profile.csv', 'compare.json', 'report.html', 'metcc-2022-baseline/summary.csv', 'metcc-2023-investment/summary.csv', 'metcc-2023-investment/peel.csv', 'metcc-2023-investment/report.html', 'metcc-2023-investment-investment-only/summary.csv', 'metcc-2023-investment-investment-only/peel.csv']) {
      const whole = readFileSync(path.join(work, 'cmp-whole', file));
      expect(readFileSync(path.join(work, 'cmp-merged', file)).equals(whole), file).toBe(true);
    }
  }, 120_000);

  it('sweep --shard i/n then merge = sweep, and --resume skips a complete sweep shard', async () => {
    const args = ['sweep', 'scenarios/erlang-a-check.yaml', '--set', 'handlers.all.staff=48,52', '--set', 'horizon.hours=10', '--replications', '3', '--quiet'];
    await run([...args, '--out', path.join(work, 'sw-whole')]);
    for (const i of [0, 1, 2]) await run([...args, '--shard', `${i}/3`, '--out', path.join(work, `sw-shard-${i}`)]);
    const again = await run([...args, '--shard', '1/3', '--resume', '--out', path.join(work, 'sw-shard-1')]);
    expect(again.out.join('\n')).toMatch(/already complete/);
    await run(['merge', path.join(work, 'sw-shard-0'), path.join(work, 'sw-shard-1'), path.join(work, 'sw-shard-2'), '--out', path.join(work, 'sw-merged')]);
    const whole = readFileSync(path.join(work, 'sw-whole', 'sweep.csv'));
    expect(whole.toString().split('\n').length).toBeGreaterThan(4);
    expect(readFileSync(path.join(work, 'sw-merged', 'sweep.csv')).equals(whole)).toBe(true);
    expect(readFileSync(path.join(work, 'sw-merged', 'report.html')).equals(readFileSync(path.join(work, 'sw-whole', 'report.html')))).toBe(true);
  }, 120_000);
});

describe('interrupted runs', () => {
  it('a run killed mid-way leaves no report file under its real name', async () => {
    const out = path.join(work, 'killed');
    const child = spawn(process.execPath, [BIN, 'run', BASELINE, '--set', 'horizon.days=60', '--replications', '4', '--workers', '1', '--calls', '--out', out, '--quiet'], {
      stdio: 'ignore',
    });
    // wait until the run has started writing (its staging folder with per-call part files exists), then kill it
    const started = Date.now();
    while (Date.now() - started < 20_000) {
      await new Promise((r) => setTimeout(r, 100));
      if (existsSync(out) && readdirSync(out).some((f) => f.startsWith('.metcc-staging-'))) break;
    }
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const left = existsSync(out) ? readdirSync(out) : [];
    for (const report of [...REPORTS, 'run.json']) expect(left).not.toContain(report);
    // the next run into the folder clears what the killed one left and writes complete reports
    expect(left.some((f) => f.startsWith('.metcc-staging-'))).toBe(true);
    await run(['run', BASELINE, '--set', 'horizon.days=1', '--replications', '1', '--out', out, '--quiet']);
    const after = readdirSync(out);
    expect(after.filter((f) => f.startsWith('.'))).toEqual([]);
    expect(after).toContain('summary.csv');
  }, 60_000);
});
