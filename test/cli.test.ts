/**
 * The command line's happy paths (interface.md): the files `run` writes and their headers,
 * `--set`, `validate`, `erlang`, the real process's exit codes, and a hand-worked story told
 * by calls.csv that every other report must agree with exactly.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, num, readCsv, ROOT, snapshot, stackLines, TempDirs, type Csv } from './fixtures/harness.js';
import { loadScenario } from '../src/scenario/load.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

const HEADERS: Record<string, string> = {
  'summary.csv':
    'scenario,contact,replications,offered,answered,abandoned,service_level_pct,service_level_pct_ci95,answered_within_target_pct,abandoned_pct,abandoned_pct_ci95,mean_answer_seconds,mean_answer_seconds_ci95,p50_answer_seconds,p90_answer_seconds,p95_answer_seconds,target_seconds',
  'handlers.csv': 'scenario,group,replications,staffed_hours,busy_hours,occupancy_pct',
  'replications.csv':
    'scenario,replication,seed,contact,offered,answered,abandoned,service_level_pct,answered_within_target_pct,abandoned_pct,mean_answer_seconds',
  'intervals.csv': 'scenario,interval_start,contact,offered,answered,abandoned,service_level_pct,mean_answer_seconds,handlers_staffed,handlers_busy',
  'peel.csv':
    'scenario,month,contact,offered,answered,abandoned,abandoned_pct,answered_lt_10s_pct,answered_10_to_60s_pct,answered_ge_60s_pct,mean_answer_seconds',
};
const CALLS_FIRST_COLUMNS = 'replication,call_id,contact,arrived_at,answered_at,ended_at,outcome,wait_seconds,handler_group';
const REPORTS = ['handlers.csv', 'intervals.csv', 'peel.csv', 'replications.csv', 'run.json', 'summary.csv'];
/**
 * Reports the richer model adds beyond interface.md ("extend, never contradict"). Listed here
 * on purpose: a new file in the report folder must be added knowingly.
 */
const EXTRA_REPORTS = ['staffing.csv', 'waits.csv', 'report.html', 'metcc-manifest.json'];
/** The files of a report folder that interface.md does not list (must all be known extras). */
const unlisted = (dir: string, listed: string[]) => readdirSync(dir).filter((f) => !listed.includes(f));

const firstLine = (file: string) => readFileSync(file, 'utf8').split('\n')[0];
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

/** `run` into a fresh folder, in this thread (worker threads would run the compiled dist/, not the sources). */
async function runOk(...args: string[]): Promise<{ out: string; dir: string; stdout: string }> {
  const out = path.join(dirs.make(), 'reports');
  const r = await cli('run', ...args, '--workers', '1', '--out', out);
  expect(r.code, r.err).toBe(0);
  return { out, dir: out, stdout: r.out };
}

describe('run', () => {
  let plain: string;
  let withCalls: string;
  let stdout: string;

  beforeAll(async () => {
    const a = await runOk(fixture('small.yaml'), '--set', 'horizon.hours=6');
    plain = a.out;
    stdout = a.stdout;
    withCalls = (await runOk(fixture('small.yaml'), '--set', 'horizon.hours=6', '--calls')).out;
  });

  it('writes the six reports (and only known extras), and calls.csv only with --calls', () => {
    for (const dir of [plain, withCalls]) {
      const files = readdirSync(dir);
      for (const f of REPORTS) expect(files, f).toContain(f);
      expect(unlisted(dir, [...REPORTS, 'calls.csv']).filter((f) => !EXTRA_REPORTS.includes(f)), 'unknown files').toEqual([]);
    }
    expect(readdirSync(plain)).not.toContain('calls.csv');
    expect(readdirSync(withCalls)).toContain('calls.csv');
    expect(stdout).toMatch(/reports written to/);
  });

  it('prints the service level under its own name (not as the answered-within-target share)', () => {
    const header = stdout.split('\n').find((l) => l.startsWith('contact'))!;
    expect(header).toMatch(/service level %/);
    const cols = header.split(/\s{2,}/);
    const row = stdout.split('\n').find((l) => l.startsWith('999'))!;
    const cells = row.split(/\s{2,}/);
    const printed = Number(cells[cols.indexOf('service level %')].split(' ')[0]);
    const summary = readCsv(path.join(plain, 'summary.csv')).rows.find((r) => r.contact === '999')!;
    expect(Math.abs(printed - num(summary.service_level_pct))).toBeLessThanOrEqual(0.05);
  });

  it('gives every CSV the columns interface.md lists, in its order, first (extras only after them)', () => {
    const startsWith = (line: string, header: string) => line === header || line.startsWith(header + ',');
    for (const [file, header] of Object.entries(HEADERS)) {
      for (const dir of [plain, withCalls]) {
        const line = firstLine(path.join(dir, file));
        expect(startsWith(line, header), `${file}: ${line}`).toBe(true);
        expect(new Set(line.split(',')).size, `${file}: no column twice`).toBe(line.split(',').length);
      }
    }
    const calls = firstLine(path.join(withCalls, 'calls.csv'));
    expect(startsWith(calls, CALLS_FIRST_COLUMNS), calls).toBe(true);
  });

  it('fills the rows the scenario implies (contacts, groups, replications, intervals, months)', () => {
    const summary = readCsv(path.join(plain, 'summary.csv'));
    expect(summary.rows.map((r) => r.contact).sort()).toEqual(['101', '999']);
    for (const r of summary.rows) {
      expect(r.scenario).toBe('small');
      expect(r.replications).toBe('2'); // the scenario's replications
      expect(num(r.offered)).toBeGreaterThan(0);
      expect(num(r.offered)).toBeCloseTo(num(r.answered) + num(r.abandoned), 3);
      expect(r.target_seconds).toBe(r.contact === '999' ? '10' : '60');
      expect(num(r.p50_answer_seconds)).toBeLessThanOrEqual(num(r.p90_answer_seconds));
      expect(num(r.p90_answer_seconds)).toBeLessThanOrEqual(num(r.p95_answer_seconds));
      for (const k of ['service_level_pct', 'answered_within_target_pct', 'abandoned_pct']) {
        expect(num(r[k])).toBeGreaterThanOrEqual(0);
        expect(num(r[k])).toBeLessThanOrEqual(100);
      }
      expect(r.service_level_pct_ci95).not.toBe(''); // 2 replications: a CI exists
    }
    const handlers = readCsv(path.join(plain, 'handlers.csv'));
    expect(handlers.rows).toHaveLength(1);
    expect(handlers.rows[0]).toMatchObject({ scenario: 'small', group: 'all', replications: '2', staffed_hours: '36' }); // 6 staff x 6 h
    const reps = readCsv(path.join(plain, 'replications.csv'));
    expect(reps.rows.map((r) => `${r.replication}/${r.contact}`).sort()).toEqual(['0/101', '0/999', '1/101', '1/999']);
    expect(new Set(reps.rows.map((r) => r.seed)).size).toBe(2);
    const intervals = readCsv(path.join(plain, 'intervals.csv'));
    expect(intervals.rows).toHaveLength(6 * 2);
    const starts = [...new Set(intervals.rows.map((r) => num(r.interval_start)))];
    expect(starts).toHaveLength(6);
    starts.forEach((s, i) => i > 0 && expect(s - starts[i - 1]).toBe(3600));
    const peel = readCsv(path.join(plain, 'peel.csv'));
    expect(peel.rows.map((r) => `${r.month}/${r.contact}`).sort()).toEqual(['all/101', 'all/999', 'month-1/101', 'month-1/999']);
  });

  it('run.json holds the provenance and the resolved scenario', () => {
    const j = readJson(path.join(plain, 'run.json'));
    const pkg = readJson(path.join(ROOT, 'package.json'));
    expect(j.version).toBe(pkg.version);
    expect(j.scenario_file).toMatch(/small\.yaml$/);
    expect(j.scenario_sha256).toBe(createHash('sha256').update(readFileSync(fixture('small.yaml'))).digest('hex'));
    expect(j.seed).toBe(11);
    expect(j.replications).toBe(2);
    expect(j.scenario.name).toBe('small');
    expect(j.scenario.horizon).toEqual({ hours: 6, warmup_hours: 1 }); // --set applied
    expect(j.scenario.reporting?.interval_minutes).toBe(60); // default applied
    expect(j.timing).toBeDefined();
    expect(typeof j.timing.wall_seconds).toBe('number');
    expect(JSON.stringify(j)).toMatch(/"events"/);
  });

  it('run.json hashes every file of the extends chain, and records the command line and Node version', async () => {
    const out = path.join(dirs.make('metcc-chain-'), 'reports');
    const args = ['run', fixture('extends-child.yaml'), '--out', out, '--quiet', '--workers', '1'];
    expect((await cli(...args)).code).toBe(0);
    const j = readJson(path.join(out, 'run.json'));
    const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
    expect(j.scenario_files).toEqual([
      { file: fixture('extends-child.yaml'), sha256: sha(fixture('extends-child.yaml')) },
      { file: fixture('base-parent.yaml'), sha256: sha(fixture('base-parent.yaml')) },
    ]);
    expect(j.scenario_sha256).toBe(sha(fixture('extends-child.yaml')));
    expect(j.timing.command_line).toEqual(['metcc-sim', ...args]);
    expect(j.timing.node_version).toBe(process.version);
  });

  it('--replications and --seed override the scenario and show in run.json', async () => {
    const { out } = await runOk(fixture('small.yaml'), '--set', 'horizon.hours=2', '--replications', '3', '--seed', '99');
    const j = readJson(path.join(out, 'run.json'));
    expect(j.seed).toBe(99);
    expect(j.replications).toBe(3);
    const summary = readCsv(path.join(out, 'summary.csv'));
    expect(summary.rows.every((r) => r.replications === '3')).toBe(true);
    expect(readCsv(path.join(out, 'replications.csv')).rows).toHaveLength(3 * 2);
  });

  it('one replication leaves the confidence intervals empty', async () => {
    const { out } = await runOk(fixture('small.yaml'), '--set', 'horizon.hours=2', '--replications', '1');
    for (const r of readCsv(path.join(out, 'summary.csv')).rows) {
      expect(r.service_level_pct_ci95).toBe('');
      expect(r.abandoned_pct_ci95).toBe('');
      expect(r.mean_answer_seconds_ci95).toBe('');
    }
  });

  it('--set handlers.all.staff=60 changes the result, and run.json shows staff 60', async () => {
    const { out } = await runOk(fixture('small.yaml'), '--set', 'horizon.hours=6', '--set', 'handlers.all.staff=60');
    const j = readJson(path.join(out, 'run.json'));
    expect(j.scenario.handlers.all.staff).toBe(60);
    expect(readJson(path.join(plain, 'run.json')).scenario.handlers.all.staff).toBe(6);
    expect(readFileSync(path.join(out, 'summary.csv'), 'utf8')).not.toBe(readFileSync(path.join(plain, 'summary.csv'), 'utf8'));
    const before = readCsv(path.join(plain, 'summary.csv')).rows.find((r) => r.contact === '999')!;
    const after = readCsv(path.join(out, 'summary.csv')).rows.find((r) => r.contact === '999')!;
    // same arrivals (same seed), far more handlers: shorter waits, fewer hang-ups
    expect(after.offered).toBe(before.offered);
    expect(num(after.mean_answer_seconds)).toBeLessThan(num(before.mean_answer_seconds));
    expect(num(after.abandoned_pct)).toBeLessThan(num(before.abandoned_pct));
    expect(readCsv(path.join(out, 'handlers.csv')).rows[0].staffed_hours).toBe('360');
  });

  it('runs a JSON scenario like its YAML twin', async () => {
    const dir = dirs.make();
    const yaml = await import('yaml');
    const asJson = path.join(dir, 'small.json');
    writeFileSync(asJson, JSON.stringify(yaml.parse(readFileSync(fixture('small.yaml'), 'utf8')), null, 2));
    const fromJson = await runOk(asJson, '--set', 'horizon.hours=6');
    for (const f of ['summary.csv', 'replications.csv', 'intervals.csv', 'handlers.csv', 'peel.csv']) {
      expect(readFileSync(path.join(fromJson.out, f), 'utf8'), f).toBe(readFileSync(path.join(plain, f), 'utf8'));
    }
  });

  it('extends: the child takes the parent and overrides it; --set applies after both', async () => {
    const { out } = await runOk(fixture('extends-child.yaml'), '--set', 'horizon.hours=2');
    const s = readJson(path.join(out, 'run.json')).scenario;
    expect(s.name).toBe('child');
    expect(s.extends).toBeUndefined();
    expect(s.seed).toBe(2); // from the parent
    expect(s.handlers.all).toEqual({ answers: ['999'], staff: 4, takes_calls_waiting_seconds: 0 }); // merged key by key
    expect(s.horizon).toEqual({ hours: 2, warmup_hours: 1 });
    expect(readCsv(path.join(out, 'summary.csv')).rows[0].scenario).toBe('child');
  });

  it('overwrites an earlier run in the same folder, leaving no staged files', async () => {
    const out = path.join(dirs.make(), 'reports');
    expect((await cli('run', fixture('small.yaml'), '--set', 'horizon.hours=2', '--calls', '--workers', '1', '--out', out)).code).toBe(0);
    expect((await cli('run', fixture('small.yaml'), '--set', 'horizon.hours=3', '--workers', '1', '--out', out)).code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files.filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(readJson(path.join(out, 'run.json')).scenario.horizon.hours).toBe(3);
  });
});

describe('validate', () => {
  it('says ok on stderr and, with --print, the resolved scenario on stdout; writes nothing', async () => {
    const before = snapshot(path.join(ROOT, 'test', 'fixtures'));
    const reportsBefore = snapshot(path.join(ROOT, 'reports'));
    const r = await cli('validate', fixture('extends-child.yaml'), '--set', 'handlers.all.staff=7', '--print');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^ok: .*extends-child\.yaml/m);
    expect(r.out).not.toMatch(/^ok\b/m);
    expect(r.out).toMatch(/name: child/);
    expect(r.out).toMatch(/staff: 7/);
    expect(r.out).toMatch(/mean_seconds: 45/); // from the parent
    expect(r.out).not.toMatch(/extends:/);
    expect(snapshot(path.join(ROOT, 'test', 'fixtures'))).toEqual(before);
    expect(snapshot(path.join(ROOT, 'reports'))).toEqual(reportsBefore);
  });

  it('prints nothing on stdout without --print', async () => {
    const r = await cli('validate', path.join(ROOT, 'scenarios', 'erlang-a-check.yaml'));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^ok: .*erlang-a-check\.yaml: scenario 'erlang-a-check'/m);
    expect(r.out).toBe('');
  });

  it('--print writes YAML that validate reads back as the same scenario, for every shipped scenario and fixture', async () => {
    const dir = dirs.make('metcc-print-');
    const files = [
      ...readdirSync(path.join(ROOT, 'scenarios')).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => path.join(ROOT, 'scenarios', f)), // (scenarios/ also holds targets CSVs)
      ...readdirSync(path.join(ROOT, 'test', 'fixtures')).filter((f) => f.endsWith('.yaml')).map(fixture),
    ];
    for (const file of files) {
      const printed = await cli('validate', file, '--print');
      expect(printed.code, printed.err).toBe(0);
      const copy = path.join(dir, path.basename(file));
      writeFileSync(copy, printed.out);
      const again = await cli('validate', copy, '--print');
      expect(again.code, `${copy}: ${again.err}`).toBe(0);
      expect(loadScenario(copy).scenario, path.basename(file)).toEqual(loadScenario(file).scenario);
    }
  });
});

describe('erlang', () => {
  it('prints the Erlang A figures of an interval', async () => {
    const r = await cli('erlang', '--calls-per-hour', '3800', '--handling-seconds', '45', '--handlers', '50', '--patience-seconds', '60');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Erlang A/);
    expect(r.out).toMatch(/47\.5 Erlangs/); // 3800 x 45 / 3600
    const row = r.out.split('\n').find((l) => /^50\s/.test(l));
    expect(row, r.out).toBeDefined();
    const cells = row!.trim().split(/\s+/).map(Number);
    expect(cells.every((c) => Number.isFinite(c))).toBe(true);
    const [, serviceLevel, withinTarget, meanAnswer, abandoned, occupancy] = cells;
    for (const pct of [serviceLevel, withinTarget, abandoned, occupancy]) {
      expect(pct).toBeGreaterThanOrEqual(0);
      expect(pct).toBeLessThanOrEqual(100);
    }
    expect(withinTarget).toBeGreaterThanOrEqual(serviceLevel);
    expect(meanAnswer).toBeGreaterThan(0);
    expect(abandoned).toBeGreaterThan(0);
    expect(r.out).toMatch(/fewest handlers .*: \d+/);
  });

  it('without patience gives Erlang C, and an overloaded group is unstable', async () => {
    const ok = await cli('erlang', '--calls-per-hour', '3800', '--handling-seconds', '45', '--handlers', '50');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/Erlang C/);
    const over = await cli('erlang', '--calls-per-hour', '3800', '--handling-seconds', '45', '--handlers', '40');
    expect(over.code, over.err).toBe(0);
    expect(over.out).toMatch(/unstable/);
  });
});

describe('the built program as a process', () => {
  const bin = path.join(ROOT, 'dist', 'cli', 'bin.js');
  beforeAll(() => {
    if (!existsSync(bin)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  });

  it('exits 1 on a bad file with a clean message, and 0 on success', () => {
    const dir = dirs.make();
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(fixture('small.yaml'), 'utf8').replace('staff: 6', 'staff: -6'));
    const failed = spawnSync(process.execPath, [bin, 'run', bad, '--out', path.join(dir, 'out')], { cwd: dir, encoding: 'utf8' });
    expect(failed.status, failed.stderr).toBe(1);
    expect(failed.stderr).toMatch(/bad\.yaml: handlers\.all\.staff: must be >= 0/);
    expect(stackLines(failed.stderr)).toEqual([]);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);

    const option = spawnSync(process.execPath, [bin, 'run', fixture('small.yaml'), '--replicatons', '2'], { cwd: dir, encoding: 'utf8' });
    expect(option.status, option.stderr).toBe(1);
    expect(stackLines(option.stderr)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['bad.yaml']); // no default reports/ folder either

    const done = spawnSync(process.execPath, [bin, 'run', fixture('small.yaml'), '--set', 'horizon.hours=2', '--out', path.join(dir, 'out')], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(done.status, done.stderr).toBe(0);
    const written = readdirSync(path.join(dir, 'out'));
    for (const f of REPORTS) expect(written).toContain(f);
    expect(written).not.toContain('calls.csv');

    const validated = spawnSync(process.execPath, [bin, 'validate', fixture('small.yaml')], { cwd: dir, encoding: 'utf8' });
    expect(validated.status, validated.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['bad.yaml', 'out']);
  });
});

// ---- a hand-worked story ----------------------------------------------------------------

interface CallRow {
  rep: number;
  id: number;
  contact: string;
  arrived: number;
  answered: number;
  ended: number;
  outcome: string;
  wait: number;
  group: string;
  counted: boolean;
}

/** calls.csv as records; `counted` is worked out from the horizon (arrived in the counted period). */
function callRows(file: string, warmup: number, end: number): CallRow[] {
  return readCsv(file).rows.map((r) => {
    const arrived = num(r.arrived_at);
    const row: CallRow = {
      rep: num(r.replication),
      id: num(r.call_id),
      contact: r.contact,
      arrived,
      answered: num(r.answered_at),
      ended: num(r.ended_at),
      outcome: r.outcome,
      wait: num(r.wait_seconds),
      group: r.handler_group,
      counted: arrived >= warmup && arrived < end,
    };
    if (r.counted !== undefined) expect(r.counted, `counted flag of call ${row.id}`).toBe(row.counted ? '1' : '0');
    return row;
  });
}

const T975: Record<number, number> = { 2: 12.706204736174707, 3: 4.302652729911275, 4: 3.182446305284263 };
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
function ci95(xs: number[]): number {
  const m = mean(xs);
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
  return (T975[xs.length] * sd) / Math.sqrt(xs.length);
}
/** The k-th smallest (1-based) of xs. */
const orderStat = (xs: number[], k: number) => [...xs].sort((a, b) => a - b)[k - 1];
const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/** Reported figures (4 decimals) against figures worked out from calls.csv (3 decimals). */
function close(reported: string, expected: number, tol = 2e-3, what = ''): void {
  expect(Number.isFinite(num(reported)), `${what}: '${reported}'`).toBe(true);
  expect(Math.abs(num(reported) - expected), `${what}: reported ${reported}, worked out ${expected}`).toBeLessThanOrEqual(tol);
}

describe('a hand-worked story: one handler, fixed handling 60 s, fixed patience 90 s', () => {
  const WARMUP = 3600;
  const END = 3600 + 10 * 3600;
  const HANDLE = 60;
  const PATIENCE = 90;
  const TARGET = 30;
  const REPS = 3;
  const TOL = 0.005; // calls.csv gives times to the millisecond
  let out: string;
  let calls: CallRow[];
  const csv: Record<string, Csv> = {};

  beforeAll(async () => {
    out = (await runOk(fixture('one-handler.yaml'), '--calls')).out;
    calls = callRows(path.join(out, 'calls.csv'), WARMUP, END);
    for (const f of ['summary.csv', 'replications.csv', 'intervals.csv', 'handlers.csv', 'peel.csv']) csv[f] = readCsv(path.join(out, f));
  });

  it('logs every call once, each replication numbering its calls 0, 1, 2, ... in order of arrival', () => {
    const j = readJson(path.join(out, 'run.json'));
    expect(calls.length).toBe(j.events.arrivals);
    for (let rep = 0; rep < REPS; rep++) {
      const mine = calls.filter((c) => c.rep === rep).sort((a, b) => a.id - b.id);
      expect(mine.length).toBeGreaterThan(200); // about 40 an hour for 11 hours
      mine.forEach((c, i) => {
        expect(c.id).toBe(i);
        if (i > 0) expect(c.arrived).toBeGreaterThanOrEqual(mine[i - 1].arrived);
      });
      expect(mine.some((c) => !c.counted && c.arrived < WARMUP)).toBe(true); // warm-up calls are simulated
      expect(mine[mine.length - 1].arrived).toBeLessThan(END); // arrivals stop at the end
    }
  });

  it('every call follows from its arrival time by hand: first come first served, hang-up at exactly 90 s', () => {
    let abandoned = 0;
    let waited = 0;
    for (let rep = 0; rep < REPS; rep++) {
      const mine = calls.filter((c) => c.rep === rep).sort((a, b) => a.id - b.id);
      let freeAt = 0; // the handler is free from the start
      for (const c of mine) {
        const ctx = `replication ${rep}, call ${c.id}`;
        const startIfServed = Math.max(freeAt, c.arrived);
        const waitIfServed = startIfServed - c.arrived;
        let served: boolean;
        if (waitIfServed < PATIENCE - TOL) served = true;
        else if (waitIfServed > PATIENCE + TOL) served = false;
        else served = c.outcome === 'answered'; // a tie to the millisecond: either is right
        if (served) {
          expect(c.outcome, ctx).toBe('answered');
          expect(Math.abs(c.answered - startIfServed), ctx).toBeLessThanOrEqual(TOL);
          expect(Math.abs(c.ended - c.answered - HANDLE), ctx).toBeLessThanOrEqual(TOL);
          expect(Math.abs(c.wait - (c.answered - c.arrived)), ctx).toBeLessThanOrEqual(TOL);
          expect(c.group, ctx).toBe('solo');
          if (c.wait > 1) waited++;
          freeAt = c.ended;
        } else {
          expect(c.outcome, ctx).toBe('abandoned');
          expect(Math.abs(c.ended - (c.arrived + PATIENCE)), ctx).toBeLessThanOrEqual(TOL);
          expect(Math.abs(c.wait - PATIENCE), ctx).toBeLessThanOrEqual(TOL);
          expect(Number.isNaN(c.answered), ctx).toBe(true);
          expect(c.group, ctx).toBe('');
          abandoned++;
        }
      }
    }
    // the story has all three kinds of call: answered at once, answered after a wait, hung up
    expect(abandoned).toBeGreaterThan(5);
    expect(waited).toBeGreaterThan(50);
  });

  it('replications.csv counts exactly the calls that arrived in the counted period', () => {
    expect(csv['replications.csv'].rows).toHaveLength(REPS);
    for (const row of csv['replications.csv'].rows) {
      const rep = num(row.replication);
      const mine = calls.filter((c) => c.rep === rep && c.counted);
      const answered = mine.filter((c) => c.outcome === 'answered');
      const within = answered.filter((c) => c.wait <= TARGET);
      expect(row.contact).toBe('999');
      expect(num(row.offered)).toBe(mine.length);
      expect(num(row.answered)).toBe(answered.length);
      expect(num(row.abandoned)).toBe(mine.length - answered.length);
      close(row.service_level_pct, (100 * within.length) / mine.length, 1e-4, 'service_level_pct');
      close(row.answered_within_target_pct, (100 * within.length) / answered.length, 1e-4, 'answered_within_target_pct');
      close(row.abandoned_pct, (100 * (mine.length - answered.length)) / mine.length, 1e-4, 'abandoned_pct');
      close(row.mean_answer_seconds, mean(answered.map((c) => c.wait)), 1e-3, 'mean_answer_seconds');
    }
  });

  it('summary.csv pools the replications: means, Student-t half-widths, quantiles of the pooled waits', () => {
    const [row] = csv['summary.csv'].rows;
    expect(csv['summary.csv'].rows).toHaveLength(1);
    const per = [0, 1, 2].map((rep) => {
      const mine = calls.filter((c) => c.rep === rep && c.counted);
      const answered = mine.filter((c) => c.outcome === 'answered');
      const within = answered.filter((c) => c.wait <= TARGET).length;
      return {
        offered: mine.length,
        answered: answered.length,
        abandoned: mine.length - answered.length,
        sl: (100 * within) / mine.length,
        awt: (100 * within) / answered.length,
        ab: (100 * (mine.length - answered.length)) / mine.length,
        asa: mean(answered.map((c) => c.wait)),
      };
    });
    expect(row.replications).toBe('3');
    close(row.offered, mean(per.map((p) => p.offered)), 1e-4, 'offered');
    close(row.answered, mean(per.map((p) => p.answered)), 1e-4, 'answered');
    close(row.abandoned, mean(per.map((p) => p.abandoned)), 1e-4, 'abandoned');
    close(row.service_level_pct, mean(per.map((p) => p.sl)), 1e-4, 'service_level_pct');
    close(row.service_level_pct_ci95, ci95(per.map((p) => p.sl)), 1e-3, 'service_level_pct_ci95');
    close(row.answered_within_target_pct, mean(per.map((p) => p.awt)), 1e-4, 'answered_within_target_pct');
    close(row.abandoned_pct, mean(per.map((p) => p.ab)), 1e-4, 'abandoned_pct');
    close(row.abandoned_pct_ci95, ci95(per.map((p) => p.ab)), 1e-3, 'abandoned_pct_ci95');
    close(row.mean_answer_seconds, mean(per.map((p) => p.asa)), 1e-3, 'mean_answer_seconds');
    close(row.mean_answer_seconds_ci95, ci95(per.map((p) => p.asa)), 1e-2, 'mean_answer_seconds_ci95');
    const waits = calls.filter((c) => c.counted && c.outcome === 'answered').map((c) => c.wait);
    for (const [col, p] of [['p50_answer_seconds', 0.5], ['p90_answer_seconds', 0.9], ['p95_answer_seconds', 0.95]] as const) {
      // "to at least 0.1 s": within 0.1 s of the ceil(p n)-th smallest pooled wait
      close(row[col], orderStat(waits, Math.ceil(p * waits.length)), 0.1, col);
    }
    expect(row.target_seconds).toBe(String(TARGET));
  });

  it('intervals.csv: calls by the hour they arrived in, handlers staffed 1, busy from the handling times', () => {
    const rows = csv['intervals.csv'].rows;
    expect(rows).toHaveLength(10);
    const starts = rows.map((r) => num(r.interval_start));
    rows.forEach((row, i) => {
      expect(starts[i] - starts[0]).toBe(i * 3600);
      const from = WARMUP + i * 3600;
      const to = from + 3600;
      const here = calls.filter((c) => c.counted && c.arrived >= from && c.arrived < to);
      const answered = here.filter((c) => c.outcome === 'answered');
      const ctx = `interval ${i}`;
      close(row.offered, here.length / REPS, 1e-4, `${ctx} offered`);
      close(row.answered, answered.length / REPS, 1e-4, `${ctx} answered`);
      close(row.abandoned, (here.length - answered.length) / REPS, 1e-4, `${ctx} abandoned`);
      close(row.service_level_pct, (100 * answered.filter((c) => c.wait <= TARGET).length) / here.length, 1e-4, `${ctx} service level`);
      close(row.mean_answer_seconds, mean(answered.map((c) => c.wait)), 1e-3, `${ctx} mean answer`);
      close(row.handlers_staffed, 1, 1e-9, `${ctx} staffed`);
      const busy = calls.filter((c) => c.outcome === 'answered').reduce((s, c) => s + overlap(c.answered, c.ended, from, to), 0);
      close(row.handlers_busy, busy / 3600 / REPS, 1e-4, `${ctx} busy`);
    });
    // the hours add up to the summary
    const summary = csv['summary.csv'].rows[0];
    for (const k of ['offered', 'answered', 'abandoned'] as const) {
      close(summary[k], rows.reduce((s, r) => s + num(r[k]), 0), 1e-3, `sum of ${k}`);
    }
  });

  it('handlers.csv: staffed 10 h per replication, busy = handling inside the counted period', () => {
    const [row] = csv['handlers.csv'].rows;
    const busy = calls.filter((c) => c.outcome === 'answered').reduce((s, c) => s + overlap(c.answered, c.ended, WARMUP, END), 0) / 3600 / REPS;
    expect(row.group).toBe('solo');
    close(row.staffed_hours, 10, 1e-9, 'staffed_hours');
    close(row.busy_hours, busy, 1e-4, 'busy_hours');
    close(row.occupancy_pct, (100 * busy) / 10, 1e-3, 'occupancy_pct');
    const fromIntervals = csv['intervals.csv'].rows.reduce((s, r) => s + num(r.handlers_busy), 0);
    close(row.busy_hours, fromIntervals, 1e-3, 'busy hours = sum of the hourly busy handlers');
  });

  it('peel.csv: the Home Office bands of the answered calls, summing to 100', () => {
    const rows = csv['peel.csv'].rows;
    expect(rows).toHaveLength(2); // the month, then the whole period (here the same calls)
    const [row, all] = rows;
    expect(row.month).toBe('month-1');
    expect(all).toEqual({ ...row, month: 'all' });
    const counted = calls.filter((c) => c.counted);
    const answered = counted.filter((c) => c.outcome === 'answered');
    const share = (f: (w: number) => boolean) => (100 * answered.filter((c) => f(c.wait)).length) / answered.length;
    close(row.offered, counted.length / REPS, 1e-4, 'offered');
    close(row.answered, answered.length / REPS, 1e-4, 'answered');
    close(row.abandoned, (counted.length - answered.length) / REPS, 1e-4, 'abandoned');
    close(row.abandoned_pct, (100 * (counted.length - answered.length)) / counted.length, 1e-4, 'abandoned_pct');
    close(row.answered_lt_10s_pct, share((w) => w < 10), 1e-4, 'lt 10 s');
    close(row.answered_10_to_60s_pct, share((w) => w >= 10 && w < 60), 1e-4, '10 to 60 s');
    close(row.answered_ge_60s_pct, share((w) => w >= 60), 1e-4, 'ge 60 s');
    close(String(num(row.answered_lt_10s_pct) + num(row.answered_10_to_60s_pct) + num(row.answered_ge_60s_pct)), 100, 1e-3, 'bands sum');
    close(row.mean_answer_seconds, mean(answered.map((c) => c.wait)), 1e-3, 'mean answer');
  });
});

describe('a hand-worked story: one handler, two priorities, callers never hang up', () => {
  const WARMUP = 3600;
  const END = 3600 + 12 * 3600;
  const HANDLE = 75;
  const PRIORITY: Record<string, number> = { '101': 1, '999': 2 };
  const TOL = 0.005;
  let calls: CallRow[];
  let out: string;

  beforeAll(async () => {
    out = (await runOk(fixture('two-priorities.yaml'), '--calls')).out;
    calls = callRows(path.join(out, 'calls.csv'), WARMUP, END);
  });

  it('the handler never idles while a call waits, and always takes the best priority, then the longest waiting', () => {
    let jumped = 0;
    for (const rep of [0, 1]) {
      const mine = calls.filter((c) => c.rep === rep);
      expect(mine.every((c) => c.outcome === 'answered')).toBe(true);
      const byAnswer = [...mine].sort((a, b) => a.answered - b.answered);
      let freeAt = 0;
      for (const c of byAnswer) {
        const ctx = `replication ${rep}, call ${c.id} (${c.contact})`;
        expect(Math.abs(c.ended - c.answered - HANDLE), ctx).toBeLessThanOrEqual(TOL);
        // answered as soon as both the call and the handler are there
        expect(Math.abs(c.answered - Math.max(freeAt, c.arrived)), ctx).toBeLessThanOrEqual(TOL);
        // nobody who was waiting at that moment had a better claim
        const waiting = mine.filter((o) => o !== c && o.arrived < c.answered - TOL && o.answered > c.answered + TOL);
        for (const o of waiting) {
          const better = PRIORITY[o.contact] < PRIORITY[c.contact] || (PRIORITY[o.contact] === PRIORITY[c.contact] && o.arrived < c.arrived - TOL);
          expect(better, `${ctx} answered at ${c.answered} while call ${o.id} (${o.contact}, arrived ${o.arrived}) waited`).toBe(false);
          if (o.arrived < c.arrived) jumped++;
        }
        freeAt = c.ended;
      }
    }
    // the story has 101 calls overtaking 999 calls that arrived earlier
    expect(jumped).toBeGreaterThan(10);
  });

  it('offered = answered + abandoned everywhere; the better priority waits less', () => {
    const summary = readCsv(path.join(out, 'summary.csv')).rows;
    for (const f of ['summary.csv', 'replications.csv', 'intervals.csv', 'peel.csv']) {
      for (const r of readCsv(path.join(out, f)).rows) {
        close(r.offered, num(r.answered) + num(r.abandoned), 1e-3, `${f} offered`);
        expect(num(r.abandoned)).toBe(0);
      }
    }
    const asa = (contact: string) => num(summary.find((r) => r.contact === contact)!.mean_answer_seconds);
    expect(asa('101')).toBeLessThan(asa('999'));
    const counted = calls.filter((c) => c.counted);
    for (const contact of ['101', '999']) {
      const mine = counted.filter((c) => c.contact === contact);
      const row = summary.find((r) => r.contact === contact)!;
      close(row.offered, mine.length / 2, 1e-4, `${contact} offered`);
      close(row.mean_answer_seconds, mean([0, 1].map((rep) => mean(mine.filter((c) => c.rep === rep).map((c) => c.wait)))), 1e-3, `${contact} ASA`);
    }
  });
});
