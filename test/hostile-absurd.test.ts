/**
 * Absurd-but-valid input (issue 13, findings 7 and 11):
 *  - a run that stalls (calls nobody will ever answer) says so naming the scenario file and
 *    the likely keys, not just "the roster";
 *  - `erlang` with abandonment: a load above some handler counts is not an Erlang C overload
 *    (the queue settles as callers hang up), so 47.5 Erlangs on 50 handlers with a patience
 *    of 1e8 s is computed (as Erlang C, which it then is), not refused;
 *  - the cost of a whole compare (both scenarios) and sweep (every point) is checked up front
 *    against the limit, and said when it is large.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { checkStudyCost, NOTE_CALLS } from '../src/cli/studyCost.js';
import { loadScenario } from '../src/scenario/load.js';
import { expectedCallsPerReplication } from '../src/scenario/expectedCalls.js';
import { cli, fixture, stackLines, TempDirs } from './fixtures/harness.js';

const temp = new TempDirs();
afterAll(() => temp.cleanup());

function expectBadInput(r: { code: number; err: string }, ...patterns: RegExp[]): void {
  expect(r.code, r.err).toBe(1);
  for (const p of patterns) expect(r.err).toMatch(p);
  expect(stackLines(r.err)).toEqual([]);
}

describe('the stall message', () => {
  const UNANSWERED = fixture('small-unanswered.yaml');
  const ARGS = ['--set', 'horizon.hours=2', '--replications', '1', '--workers', '1', '--quiet'];
  const STUCK = /contacts\.101: handlers\.nights has nobody on duty who can answer it \(check their shifts, staff and training_mix: coached trainees answer only beside a coach\), and contacts\.101\.patience is not given, so its callers never hang up/;

  it('run: names the scenario file, the contact type stuck, the group meant to answer it and the missing patience', async () => {
    const out = path.join(temp.make(), 'out');
    const r = await cli('run', UNANSWERED, ...ARGS, '--out', out);
    const lines = r.err.split('\n').filter((l) => !l.startsWith('warning: '));
    expect(lines).toHaveLength(1);
    expect(lines[0].startsWith(`${UNANSWERED}: the scenario cannot be simulated as written: `), lines[0]).toBe(true);
    expectBadInput(r, STUCK);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('compare: names the file of the scenario that stalls (the variant)', async () => {
    const r = await cli('compare', fixture('small.yaml'), UNANSWERED, ...ARGS, '--out', path.join(temp.make(), 'out'));
    expectBadInput(r, new RegExp(`^${UNANSWERED.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: the scenario cannot be simulated as written: .*nobody answered`, 'm'), STUCK);
  }, 60_000);
});

describe('erlang with abandonment and a very long patience', () => {
  const BASE = ['erlang', '--calls-per-hour', '3420', '--handling-seconds', '50', '--target-seconds', '10', '--target-pct', '80'];

  it('47.5 Erlangs on 50 handlers, patience 1e8 s: computed, and the same as Erlang C (almost nobody hangs up)', async () => {
    const a = await cli(...BASE, '--handlers', '50', '--patience-seconds', '1e8');
    const c = await cli(...BASE, '--handlers', '50');
    expect(a.code, a.err).toBe(0);
    expect(a.err).not.toMatch(/overload/);
    const rows = (text: string) => text.split('\n').filter((l) => /^\d+\s/.test(l)).map((l) => l.trim().split(/\s+/).slice(0, 4));
    expect(rows(a.out)).toEqual(rows(c.out));
    expect(a.out).toMatch(/fewest handlers for 80% answered within 10 s: 52/);
    expect(c.out).toMatch(/fewest handlers for 80% answered within 10 s: 52/);
  });

  it('fewer handlers than the load, patience 1e8 s: refused as too many to sum, saying why, not as an overload', async () => {
    const r = await cli(...BASE, '--handlers', '40', '--patience-seconds', '1e8');
    expectBadInput(r, /Erlang A: with 40 handlers for 47\.50 Erlangs and mean patience 100000000 s, about 15000000 calls would wait on average \(the queue settles only as callers hang up\): too many to sum; use a shorter meanPatienceSeconds or at least 48 handlers/);
    expect(r.err).not.toMatch(/overload/);
  });

  it('an ordinary patience is unchanged (48 handlers at 100 s)', async () => {
    const r = await cli(...BASE, '--handlers', '40', '--patience-seconds', '100');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/fewest handlers for 80% answered within 10 s: 48/);
  });
});

describe('the cost of a whole study, up front', () => {
  // small.yaml at 87,000 hours: about 35 million calls a replication; 100 replications of one
  // scenario (3.5e9) pass the limit of 4e9 calls, two scenarios or points (7e9) do not
  const LONG = ['--set', 'horizon.hours=87000', '--replications', '100', '--workers', '1', '--quiet'];

  it('compare: both scenarios count, refused before simulating, naming both files', async () => {
    const out = path.join(temp.make(), 'out');
    const started = Date.now();
    const r = await cli('compare', fixture('small.yaml'), fixture('small-more-staff.yaml'), ...LONG, '--out', out);
    expectBadInput(r, /small\.yaml and .*small-more-staff\.yaml: the compare would simulate about 6,960,\d{3},\d{3} calls \(200 replications over 2 scenarios of about 34,800,\d{3}\), some 1\.9 hours of one core/, /split it with --shard i\/n and merge/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(existsSync(out)).toBe(false);
  });

  it('sweep: every point counts, with its own replications when they are swept', async () => {
    const out = path.join(temp.make(), 'out');
    const r = await cli('sweep', fixture('small.yaml'), ...LONG, '--set', 'handlers.all.staff=5,6', '--out', out);
    expectBadInput(r, /small\.yaml: this sweep of 2 points would simulate about 6,960,\d{3},\d{3} calls \(200 replications over 2 points/, /fewer replications or points/);
    const swept = await cli('sweep', fixture('small.yaml'), '--set', 'horizon.hours=87000', '--set', 'replications=50,100', '--workers', '1', '--quiet', '--out', out);
    expectBadInput(swept, /this sweep of 2 points would simulate about 5,220,\d{3},\d{3} calls \(150 replications over 2 points/);
    expect(existsSync(out)).toBe(false);
  });

  it('sweep: more points than it can hold is refused before any is loaded', async () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => i + 1).join(',');
    const started = Date.now();
    const r = await cli('sweep', fixture('small.yaml'), '--set', `handlers.all.staff=${values(101)}`, '--set', `seed=${values(100)}`, '--quiet', '--out', path.join(temp.make(), 'out'));
    expectBadInput(r, /sweep: 10,100 points \(every combination of the values given\); expected at most 10,000/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a large but allowed study says what it will cost before it starts; a small one says nothing', () => {
    const scenario = loadScenario(fixture('small.yaml'), [{ keyPath: 'horizon.hours', value: 87000 }]).scenario;
    const perReplication = expectedCallsPerReplication(scenario);
    const said: string[] = [];
    const io = { out: () => undefined, err: (t: string) => said.push(t) };
    const runs = Math.ceil(NOTE_CALLS / perReplication) + 1;
    checkStudyCost('x.yaml:', [{ scenario, runs }], io);
    expect(said).toEqual([expect.stringMatching(new RegExp(`^note: x\\.yaml: will simulate about [\\d,]+ calls \\(${runs} replications of about 34,800,\\d{3}\\): some [\\d.]+ minutes of one core, shared by the workers$`))]);
    said.length = 0;
    checkStudyCost('x.yaml:', [{ scenario, runs: 1 }], io);
    expect(said).toEqual([]);
  });
});
