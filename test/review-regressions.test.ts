/**
 * Regressions for defects a code review found: each test failed before its fix.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { main } from '../src/cli/main.js';

const work = mkdtempSync(path.join(tmpdir(), 'metcc-review-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cli = async (args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};
const scenarioFile = (name: string, body: Record<string, unknown>) => {
  const file = path.join(work, `${name}.yaml`);
  writeFileSync(file, stringify({ name, ...body }));
  return file;
};
const csvRows = (file: string) => {
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const keys = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v])));
};
const one999 = (arrivals: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  '999': { priority: 1, arrivals, handling: { fixed: { seconds: 45 } }, target: { answer_within_seconds: 10 }, ...extra },
});

describe('a backlog longer than 30 days after the horizon', () => {
  it('is worked to the end: every counted call is reported', async () => {
    // 400 calls/h of 45 s for one handler: 10 days of calls take 50 days to answer
    const file = scenarioFile('backlog', {
      horizon: { days: 10 },
      contacts: one999({ calls_per_hour: 400 }),
      handlers: { g: { answers: ['999'], shifts: { all: { start: '00:00', end: '00:00', staff: 1 } } } },
    });
    const r = await cli(['run', file, '--out', path.join(work, 'backlog'), '--workers', '1', '--quiet']);
    expect(r.code).toBe(0);
    const run = JSON.parse(readFileSync(path.join(work, 'backlog', 'run.json'), 'utf8'));
    const summary = csvRows(path.join(work, 'backlog', 'summary.csv'))[0];
    expect(Number(summary.offered)).toBe(run.events.arrivals); // no warm-up: every arrival is counted
    expect(Number(summary.answered)).toBe(Number(summary.offered));
    expect(Number(summary.p95_answer_seconds)).toBeGreaterThan(30 * 86_400); // some waited over a month
  });

  it('a roster that never puts anybody on duty is an error, not a silent loss', async () => {
    const file = scenarioFile('absent', {
      horizon: { days: 1 },
      contacts: one999({ calls_per_hour: 10 }),
      handlers: { g: { answers: ['999'], shrinkage_pct: 100, shifts: { all: { start: '00:00', end: '00:00', staff: 2 } } } },
    });
    const r = await cli(['run', file, '--out', path.join(work, 'absent'), '--workers', '1', '--quiet']);
    expect(r.code).toBe(1);
    // found by validation now, before anything runs (it used to abort a week past the horizon)
    expect(r.err).toMatch(/absent\.yaml: contacts\.999: no handler is ever on duty .*\(g: shrinkage_pct 100 \(everybody absent\)\)/);
    expect(existsSync(path.join(work, 'absent'))).toBe(false);
  });
});

describe('intervals.csv', () => {
  it('a last interval shorter than interval_minutes still shows the handlers on duty', async () => {
    const file = scenarioFile('short-last', { horizon: { hours: 10 }, contacts: one999({ calls_per_hour: 30 }), handlers: { g: { answers: ['999'], staff: 5 } } });
    expect((await cli(['run', file, '--set', 'reporting.interval_minutes=45', '--out', path.join(work, 'short-last'), '--quiet'])).code).toBe(0);
    const rows = csvRows(path.join(work, 'short-last', 'intervals.csv'));
    expect(rows).toHaveLength(14); // 13 of 45 min and one of 15
    expect(rows.map((r) => r.handlers_staffed)).toEqual(new Array(14).fill('5'));
  });

  it('hour-of-day demand follows the local clock when the warm-up is not whole hours', async () => {
    const weights = [1, ...new Array(23).fill(0)]; // every call between 00:00 and 01:00
    const file = scenarioFile('half-hour', {
      horizon: { hours: 24, warmup_hours: 0.5 },
      contacts: one999({ calls_per_day: 2400, hour_of_day: weights }),
      handlers: { g: { answers: ['999'], staff: 60 } },
    });
    expect((await cli(['run', file, '--out', path.join(work, 'half-hour'), '--quiet'])).code).toBe(0);
    const rows = csvRows(path.join(work, 'half-hour', 'intervals.csv'));
    expect(Number(rows[0].offered)).toBeGreaterThan(2200); // Poisson(2400): 2200 is 4 sd below
    expect(rows.slice(1).every((r) => r.offered === '0')).toBe(true);
  });
});

describe('a reused --out folder', () => {
  it('holds only the reports of the last run', async () => {
    const out = path.join(work, 'reused');
    expect((await cli(['run', 'scenarios/metcc-2022-baseline.yaml', '--set', 'horizon.days=1', '--replications', '1', '--calls', '--out', out, '--quiet'])).code).toBe(0);
    expect(existsSync(path.join(out, 'triage.csv'))).toBe(true);
    expect((await cli(['run', 'scenarios/erlang-a-check.yaml', '--set', 'horizon.hours=2', '--replications', '1', '--out', out, '--quiet'])).code).toBe(0);
    for (const gone of ['calls.csv', 'triage.csv', 'grading.csv']) expect(existsSync(path.join(out, gone)), gone).toBe(false);
    expect(readFileSync(path.join(out, 'summary.csv'), 'utf8')).toMatch(/erlang-a-check/);
  });
});

describe('bad input to merge, erlang, --set and sweep exits 1', () => {
  it('merge with --out a file, or a malformed shard', async () => {
    const dir = path.join(work, 'shard');
    expect((await cli(['run', 'scenarios/erlang-a-check.yaml', '--set', 'horizon.hours=2', '--replications', '1', '--shard', '0/1', '--out', dir, '--quiet'])).code).toBe(0);
    const file = path.join(work, 'a-file');
    writeFileSync(file, 'x');
    const r = await cli(['merge', dir, '--out', file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/expected a folder for the reports, but that is a file/);
    const bad = path.join(work, 'bad-shard');
    mkdirSync(bad, { recursive: true });
    writeFileSync(path.join(bad, 'shard.json'), '{"format":"metcc-sim-shard/1"}');
    const m = await cli(['merge', bad, '--out', path.join(work, 'merged-bad')]);
    expect(m.code).toBe(1);
    expect(m.err).toMatch(/not a metcc-sim shard file/);
    expect((await cli(['run', 'scenarios/erlang-a-check.yaml', '--out', path.join(file, 'sub')])).code).toBe(1);
  });

  it('erlang with an overload beyond what can be computed', async () => {
    const r = await cli(['erlang', '--calls-per-hour', '1e9', '--handling-seconds', '45', '--handlers', '50', '--patience-seconds', '60']);
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(/internal error/);
  });

  it('--set into a list element by its index, as validation names it', async () => {
    const out = path.join(work, 'list-set');
    const r = await cli(['run', 'scenarios/erlang-a-check.yaml', '--set', 'horizon.hours=2', '--set', 'handlers.all.answers.1=999', '--out', out, '--quiet']);
    expect(r.code).toBe(1); // now '999' twice and '101' answered by nobody: validation says so, with paths
    expect(r.err).toMatch(/handlers\.all\.answers\.1: '999' is listed twice/);
    const ok = await cli(['validate', 'scenarios/erlang-a-check.yaml', '--set', 'handlers.all.answers=[999, 101]']);
    expect(ok.code).toBe(0);
  });

  it('sweep keeps a fixed list override whole', async () => {
    const r = await cli(['sweep', 'scenarios/erlang-a-check.yaml', '--set', 'handlers.all.staff=48,50', '--set', 'horizon.hours=2', '--set', 'handlers.all.answers=["999","101"]', '--replications', '1', '--out', path.join(work, 'sweep-list'), '--quiet']);
    expect(r.code).toBe(0);
    expect(csvRows(path.join(work, 'sweep-list', 'sweep.csv'))).toHaveLength(4);
  });
});

describe('removing a key', () => {
  it('KEY=null removes it, so a rostered group can become a constant one', async () => {
    const r = await cli([
      'validate', 'scenarios/metcc-2022-baseline.yaml',
      '--set', 'handlers.emergency.shifts=null', '--set', 'handlers.emergency.staff=60',
      '--set', 'handlers.emergency.shrinkage_pct=null', '--set', 'handlers.emergency.attrition_pct_per_year=null',
      '--set', 'handlers.emergency.vacancy_weeks=null', '--set', 'handlers.emergency.intakes=null',
      '--set', 'handlers.emergency.vacancies_at_start_pct=null', '--set', 'handlers.emergency.absence_pct_by_month=null', '--print',
    ]);
    expect(r.err).toMatch(/^ok: [^\n]*$/);
    expect(r.code).toBe(0);
    const resolved = parse(r.out.slice(r.out.indexOf('# resolved scenario')));
    expect(resolved.handlers.emergency).toEqual({ answers: ['999', '999-callback'], staff: 60, training_mix: expect.any(Object), takes_calls_waiting_seconds: 0 });
    expect(resolved.handlers.non_emergency.shifts).toBeDefined();
  });
});
