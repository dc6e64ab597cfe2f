/**
 * `staff` as a planner uses it (issue 8, parts 3 and 4): the requirement per hour of the week,
 * the roster of allowed shifts that covers it, its FTE and cost, the paste-able fragment, and
 * the roster simulated against the target; bad input (an unknown target contact, a target no
 * staffing can meet, a roster the allowed shifts cannot make) is a clear error, exit 1, and
 * nothing written.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, num, readCsv, TempDirs, type Csv } from './fixtures/harness.js';
import { loadScenario, validateScenario } from '../src/scenario/load.js';
import { levelsOf } from '../src/staffing/layeredShifts.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

const FAST = ['--replications', '2', '--check-replications', '4', '--workers', '1', '--max-iterations', '4'];

describe('staff: requirement, roster, FTE and cost of a small rostered centre', () => {
  let out: string;
  let stdout: string;
  let req: Csv;
  let roster: Csv;

  beforeAll(async () => {
    out = path.join(dirs.make(), 'staff');
    const r = await cli('staff', fixture('rostered.yaml'), ...FAST, '--out', out);
    expect(r.code, r.err).toBe(0);
    stdout = r.out;
    req = readCsv(path.join(out, 'requirement.csv'));
    roster = readCsv(path.join(out, 'roster.csv'));
  }, 300_000);

  it('writes the requirement for every hour of the week, with the seed, the offered load and what each achieves', () => {
    expect(req.rows.length).toBe(168);
    expect(req.rows[0]).toMatchObject({ group: 'team', day: 'mon', hour: '00:00', contact: '999', measure: 'answered_within_10s_pct', target_pct: '80' });
    // more calls in the evening than at night: more handlers needed
    const at = (day: string, hour: string) => req.rows.find((r) => r.day === day && r.hour === hour)!;
    expect(num(at('wed', '18:00').handlers_required)).toBeGreaterThan(num(at('wed', '03:00').handlers_required));
    // the offered load: 1440 calls a day x 240 s = 4 Erlangs on average
    const load = req.rows.reduce((a, r) => a + num(r.offered_load_erlangs), 0) / 168;
    expect(load).toBeGreaterThan(3.6);
    expect(load).toBeLessThan(4.4);
    for (const r of req.rows) expect(Math.abs(num(r.handlers_required) - num(r.erlang_a_seed))).toBeLessThanOrEqual(2);
    expect(req.header).toContain('roster_achieved_pct_ci95');
  });

  it('rosters the allowed shifts so that the people present cover each hour, and the fragment pastes into the scenario', () => {
    expect(new Set(roster.rows.map((r) => r.group))).toEqual(new Set(['team']));
    const fragment = parse(readFileSync(path.join(out, 'roster.yaml'), 'utf8'));
    const base = loadScenario(fixture('rostered.yaml')).scenario;
    const pasted = validateScenario({ ...base, handlers: { team: { ...base.handlers.team, shifts: fragment.handlers.team.shifts } } });
    expect(pasted.problems).toEqual([]);
    // every hour that needs a handler has someone rostered (before absence and breaks)
    const rostered = levelsOf(0, fragment.handlers.team.shifts);
    const need = Array.from({ length: 168 }, (_, h) => num(req.rows[h].handlers_required));
    need.forEach((n, h) => {
      if (n > 0) expect(rostered[h], `hour ${h}`).toBeGreaterThanOrEqual(n);
    });
    for (const r of roster.rows) expect(num(r.paid_hours_per_week)).toBeCloseTo(num(r.staff) * r.days.split(' ').length * 8, 9);
  });

  it('prints the FTE, the change from the current roster and the cost; cost.csv adds up', () => {
    const paid = roster.rows.reduce((a, r) => a + num(r.paid_hours_per_week), 0);
    const fte = paid / 37.5;
    const now = (4 * 12 + 2 * 12) * 7 / 37.5;
    expect(stdout).toMatch(new RegExp(`rostered: 999: 80% of answered calls within 10 s needs ${fte.toFixed(1)} FTE in team, ${Math.abs(fte - now).toFixed(1)} (more|fewer) than rostered \\(${now.toFixed(1)}\\)`));
    const cost = readCsv(path.join(out, 'cost.csv'));
    const total = cost.rows.find((r) => r.roster === 'needed' && r.item === 'total')!;
    expect(num(total.pounds_per_fte_year)).toBeCloseTo((30000 * 1.1) * 1.25, 6);
    expect(num(total.fte)).toBeCloseTo(fte, 2);
    expect(num(total.pounds_per_year)).toBeCloseTo(fte * 41250, -1);
    expect(cost.rows.filter((r) => r.item !== 'total').every((r) => r.source === '[A] test')).toBe(true);
  });

  it('simulates the roster and says whether the target holds every hour', () => {
    expect(stdout).toMatch(/the roster simulated \(4 replications\): 999 answered within 10 s: week [\d.]+ ± [\d.]+%; no hour significantly below 80%/);
    const week = Number(/week ([\d.]+) ±/.exec(stdout)![1]);
    expect(week).toBeGreaterThanOrEqual(80);
    for (const r of req.rows) {
      if (r.roster_achieved_pct === '') continue;
      expect(num(r.roster_achieved_pct) + num(r.roster_achieved_pct_ci95), `${r.day} ${r.hour}`).toBeGreaterThanOrEqual(80);
    }
  });
});

describe('staff: the same scenario and seed give the same files on any number of workers', () => {
  it('requirement.csv, roster.csv, roster.yaml and cost.csv byte for byte, 1 and 2 workers', async () => {
    const quick = ['--replications', '2', '--check-replications', '2', '--max-iterations', '2', '--quiet'];
    const a = path.join(dirs.make(), 'a');
    const b = path.join(dirs.make(), 'b');
    expect((await cli('staff', fixture('rostered.yaml'), ...quick, '--workers', '1', '--out', a)).code).toBe(0);
    expect((await cli('staff', fixture('rostered.yaml'), ...quick, '--workers', '2', '--out', b)).code).toBe(0);
    for (const f of ['requirement.csv', 'roster.csv', 'roster.yaml', 'cost.csv']) {
      expect(readFileSync(path.join(b, f), 'utf8'), f).toBe(readFileSync(path.join(a, f), 'utf8'));
    }
  }, 300_000);
});

describe('staff: bad input is a clear error, exit 1, nothing written', () => {
  const run = async (...args: string[]) => {
    const o = path.join(dirs.make(), 'x');
    const r = await cli('staff', ...args, ...FAST, '--out', o);
    expect(existsSync(o)).toBe(false);
    return r;
  };

  it('an unknown target contact', async () => {
    const r = await run(fixture('rostered.yaml'), '--target', '111=90@10s');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/target for '111': unknown contact type; expected one of '999'/);
  });

  it('a badly written target, and no target at all', async () => {
    expect((await run(fixture('rostered.yaml'), '--target', '999=ninety')).err).toMatch(/--target 999=ninety: expected CONTACT=PCT@SECONDSs/);
    const none = await run(fixture('small.yaml'));
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/no target to staff for: give --target CONTACT=PCT@SECONDSs/);
  });

  it('a target no staffing can meet (the answer time includes a 15 s connect leg)', async () => {
    const r = await run(fixture('rostered.yaml'), '--set', 'contacts.999.bt_connect={ fixed: { seconds: 15 } }');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/999: 80% of answered calls within 10 s: even with \d+ handlers on duty every hour the simulation gives 0(\.0)?%, so no staffing meets it \(the answer time includes the BT connect leg\)/);
  });

  it('a roster the allowed shifts cannot make (nobody may work nights)', async () => {
    const r = await run(fixture('rostered.yaml'), '--set', 'planning.shifts={ day: { starts: ["08:00"], length_minutes: 600 } }');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/handlers\.team: the allowed shifts put nobody on duty in mon 00:00, .*; allow shifts that cover those hours \(planning\.shifts\)/);
  });

  it('a bad planning key is reported with its path by validation', async () => {
    const r = await run(fixture('rostered.yaml'), '--set', 'planning.shifts.early.length_minutes=-5');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/rostered\.yaml: planning\.shifts\.early\.length_minutes: must be > 0/);
  });
});

describe('staff: vacant places are not on duty', () => {
  it('a roster for a group with 30% of its places vacant (refilled over a year) takes about 1 / 0.7 of the FTE, and its target holds', async () => {
    const fte = async (...extra: string[]) => {
      const r = await cli('staff', fixture('rostered.yaml'), ...FAST, '--out', path.join(dirs.make(), 'staff'), ...extra);
      expect(r.code, r.err).toBe(0);
      return { fte: Number(/needs ([\d.]+) FTE in team/.exec(r.out)![1]), out: r.out };
    };
    const full = await fte();
    const vacant = await fte('--set', 'handlers.team.vacancies_at_start_pct=30', '--set', 'handlers.team.vacancy_weeks=52');
    // before vacancies were counted, the cover step rostered as many as with every place held,
    // and the check then added a handler to each hour found short, one at a time
    expect(vacant.fte / full.fte).toBeGreaterThan(1.3);
    expect(vacant.fte / full.fte).toBeLessThan(1.6);
    expect(vacant.out).toMatch(/roster 1: team [\d.]+ FTE; simulated: every target holds/);
  }, 300_000);
});
