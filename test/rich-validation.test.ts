/**
 * Validation of the richer scenario keys: every problem reported at once with its key path,
 * and roster gaps as a warning that names the hours.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateScenario } from '../src/scenario/load.js';
import { ROOT } from './fixtures/harness.js';

const base = () => ({
  name: 'rich',
  horizon: { days: 7, start_date: '2022-06-01' },
  contacts: {
    '999': {
      priority: 1,
      arrivals: { calls_per_day: 1000 },
      handling: { exponential: { mean_seconds: 60 } },
      target: { answer_within_seconds: 10 },
    },
  },
  training_levels: { experienced: { handling_multiplier: 1 } },
  handlers: {
    day: {
      answers: ['999'],
      shifts: { early: { start: '07:00', end: '15:00', staff: 5 }, late: { start: '15:00', end: '07:00', staff: 5 } },
    },
  },
});

const problemsOf = (raw: unknown) => validateScenario(raw).problems.map((p) => `${p.path}: ${p.message}`);

describe('richer scenario validation', () => {
  it('accepts the base scenario without problems or warnings', () => {
    const r = validateScenario(base());
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('reports every problem of the richer keys at once, each with its path', () => {
    const s = base() as any;
    s.contacts['999'].arrivals.hour_of_day = [1, 2, 3];
    s.contacts['999'].arrivals.day_of_week = { mon: -1, funday: 2 };
    s.contacts['999'].grades = { I: 0.5, S: 0.4 };
    s.handlers.day.shifts.early.start = '7am';
    s.handlers.day.shifts.late.days = ['mon', 'someday'];
    s.handlers.day.training_mix = { experienced: 0.5, new: 0.3 };
    const problems = problemsOf(s).join('\n');
    expect(problems).toMatch(/contacts\.999\.arrivals\.hour_of_day: expected exactly 24 hourly weights/);
    expect(problems).toMatch(/contacts\.999\.arrivals\.day_of_week\.mon: must be >= 0/);
    expect(problems).toMatch(/contacts\.999\.arrivals\.day_of_week\.funday: unknown key; expected one of mon, tue, wed, thu, fri, sat, sun/);
    expect(problems.match(/early\.start/g)).toHaveLength(1);
    expect(problems).toMatch(/contacts\.999\.grades: grade shares must add up to 1/);
    expect(problems).toMatch(/handlers\.day\.shifts\.early\.start: expected a clock time "HH:MM"/);
    expect(problems).toMatch(/handlers\.day\.shifts\.late\.days\.1: expected a day: mon/);
    expect(problems).toMatch(/handlers\.day\.training_mix: training_mix shares must add up to 1/);
  });

  it('rejects negative hourly weights', () => {
    const s = base() as any;
    s.contacts['999'].arrivals.hour_of_day = [-1, ...new Array(23).fill(1)];
    expect(problemsOf(s).join('\n')).toMatch(/contacts\.999\.arrivals\.hour_of_day\.0: must be >= 0/);
  });

  it('names the level, contact type or calendar a key needs', () => {
    const s = base() as any;
    s.handlers.day.training_mix = { novice: 1 };
    s.contacts['999'].on_abandon = { call_back: { contact: 'callback', probability: 1 } };
    s.contacts['999'].patience = { exponential: { mean_seconds: 60 } };
    s.major_incidents = [{ contact: '111', at_hours: 1, extra_calls: 10, over_minutes: 5 }];
    const problems = problemsOf(s).join('\n');
    expect(problems).toMatch(/handlers\.day\.training_mix\.novice: unknown training level; expected one of experienced/);
    expect(problems).toMatch(/contacts\.999\.on_abandon\.call_back\.contact: unknown contact type 'callback'/);
    expect(problems).toMatch(/major_incidents\.0\.contact: unknown contact type '111'/);
    const undated = base() as any;
    delete undated.horizon.start_date;
    undated.contacts['999'].arrivals.special_days = { '12-25': 0.5 };
    expect(problemsOf(undated).join('\n')).toMatch(/contacts\.999\.arrivals\.special_days: needs a calendar: set horizon\.start_date/);
  });

  it('an online contact cannot have patience', () => {
    const s = base() as any;
    s.contacts['999'].channel = 'online';
    s.contacts['999'].patience = { exponential: { mean_seconds: 60 } };
    expect(problemsOf(s).join('\n')).toMatch(/contacts\.999\.patience: an online contact has nobody waiting on a line/);
  });

  it('warns, naming the hours, when a roster leaves a contact type with nobody to answer it', () => {
    const s = base() as any;
    s.handlers.day.shifts.late.end = '23:00';
    s.handlers.day.shifts.early.days = ['mon', 'tue', 'wed', 'thu', 'fri'];
    const r = validateScenario(s);
    expect(r.problems).toEqual([]);
    const w = r.warnings.map((x) => `${x.path}: ${x.message}`).join('\n');
    expect(w).toMatch(/contacts\.999: nobody is rostered to answer it in these hours of the week: mon 00:00-07:00, mon 23:00-24:00, tue 00:00-07:00/);
    expect(w).toMatch(/sat 00:00-15:00, sat 23:00-24:00/);
  });

  it('a contact type that nobody is ever rostered for is an error', () => {
    const s = base() as any;
    s.handlers.day.shifts.early.staff = 0;
    s.handlers.day.shifts.late.staff = 0;
    expect(problemsOf(s).join('\n')).toMatch(/contacts\.999: no handler is ever on duty/);
  });

  // (validate used to pass these, and the run then aborted pointing to warnings validate never printed)
  it('shrinkage 100 in every group answering a contact type is an error naming the type and the groups', () => {
    const s = base() as any;
    s.handlers.day.shrinkage_pct = 100;
    s.handlers.spare = { answers: ['999'], shifts: { early: { start: '07:00', end: '15:00', staff: 0 } } };
    s.handlers.reserve = { answers: ['999'], staff: 0 };
    const problems = problemsOf(s);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^contacts\.999: no handler is ever on duty to answer this contact type/);
    expect(problems[0]).toContain('day: shrinkage_pct 100 (everybody absent)');
    expect(problems[0]).toContain('spare: every shift has staff 0');
    expect(problems[0]).toContain('reserve: staff 0');
  });

  it('a group with shrinkage 100 covers no hour: the hours only it covers are a warning, and so is the group', () => {
    const s = base() as any;
    s.handlers.day.shifts = { early: { start: '07:00', end: '19:00', staff: 5 } };
    s.handlers.nights = { answers: ['999'], shrinkage_pct: 100, shifts: { night: { start: '19:00', end: '07:00', staff: 5 } } };
    const r = validateScenario(s);
    expect(r.problems).toEqual([]);
    const w = r.warnings.map((x) => `${x.path}: ${x.message}`);
    expect(w).toContain('contacts.999: nobody is rostered to answer it in these hours of the week: ' +
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => `${d} 00:00-07:00, ${d} 19:00-24:00`).join(', '));
    expect(w).toContain('handlers.nights.shrinkage_pct: 100 means everybody is absent from every shift, so this group never answers a call');
    s.handlers.nights.shrinkage_pct = 99.9;
    expect(validateScenario(s).warnings).toEqual([]);
  });

  // (validate passed it; the run simulated a week past the horizon and aborted, pointing to
  // warnings validate never printed: a coached trainee answers only beside a coach)
  it('warns of a group of coached trainees with nobody to coach them', () => {
    const s = base() as any;
    s.training_levels = { trainee: { coached: true, handling_multiplier: 2 }, experienced: { handling_multiplier: 1 } };
    s.handlers.day.training_mix = { trainee: 1 };
    const warningsOf = (raw: unknown) => validateScenario(raw).warnings.map((w) => `${w.path}: ${w.message}`);
    expect(warningsOf(s)).toEqual([
      'handlers.day.training_mix: every level in it is coached and none moves up to a level that answers alone, so nobody in this group ever answers a call (a coached trainee answers only beside a coach)',
    ]);
    // with coaches, or trainees who move up to an uncoached level, somebody answers
    expect(warningsOf({ ...s, handlers: { day: { ...s.handlers.day, training_mix: { trainee: 0.5, experienced: 0.5 } } } })).toEqual([]);
    s.training_levels.trainee = { ...s.training_levels.trainee, weeks_to_next_level: 4, becomes: 'experienced' };
    expect(warningsOf(s)).toEqual([]);
  });

  describe('schema and cross-key problems at once', () => {
    // (the cross-key checks used to run only once the schema errors were fixed)
    it('reports the references of well-formed entries beside the schema errors of others', () => {
      const s = base() as any;
      s.contacts['999'].handling = { exponential: { mean_seconds: -1 } };
      s.contacts['101'] = { priority: 2, handling: { fixed: { seconds: 60 } }, target: { answer_within_seconds: 60 }, on_abandon: { call_back: { contact: 'callback', probability: 1 } } };
      s.handlers.day.staff = 3; // with shifts too: a schema error of the group
      s.handlers.day.answers = ['999', '101', '111'];
      s.handlers.day.training_mix = { novice: 1 };
      s.major_incidents = [{ contact: '112', at: '2022-06-02T10:00', extra_calls: 10, over_minutes: 5 }, { contact: '999', extra_calls: -1 }];
      s.training_levels.trainee = { handling_multiplier: 2, becomes: 'expert', weeks_to_next_level: 'ten' };
      expect(problemsOf(s)).toEqual([
        'contacts.999.handling.exponential.mean_seconds: must be > 0',
        'handlers.day: give exactly one of staff or shifts',
        "training_levels.trainee.weeks_to_next_level: expected a number",
        'major_incidents.1.extra_calls: must be > 0',
        'major_incidents.1.over_minutes: required key is missing',
        // (an object's number-like keys come first: '101' before '999')
        "handlers.day.answers.2: unknown contact type '111'; expected one of '101', '999'",
        "contacts.101.on_abandon.call_back.contact: unknown contact type 'callback'; expected one of '101', '999'",
        "major_incidents.0.contact: unknown contact type '112'; expected one of '101', '999'",
      ]);
      // the malformed group's own other keys (training_mix: novice) wait for its schema errors to be fixed
    });

    it('takes a malformed entry for present, not missing: no false unknown-name or nobody-answers problems', () => {
      const s = base() as any;
      s.contacts['999'].priority = 0; // malformed, but it exists
      s.contacts['101'] = { priority: 2, handling: { fixed: { seconds: 60 } }, target: { answer_within_seconds: 60 }, on_abandon: { switch_to: { '999': { probability: 0.5, delay: { fixed: { seconds: 60 } } } } } };
      s.handlers.night = { answers: ['101'], staff: 'two' }; // malformed group, well-formed answers
      s.handlers.day.training_mix = { experienced: 1 };
      s.training_levels.experienced.misgrade_pct = 500; // malformed, but it exists
      expect(problemsOf(s)).toEqual([
        'contacts.999.priority: must be >= 1 (1 is answered first)',
        'handlers.night.staff: expected a whole number',
        'training_levels.experienced.misgrade_pct: must be <= 100',
      ]);
      s.handlers.night.answers = 'all of them'; // whoever it answers is unknown: nobody-answers is not judged
      s.handlers.day.answers = ['999'];
      expect(problemsOf(s)).toEqual([
        'contacts.999.priority: must be >= 1 (1 is answered first)',
        'handlers.night.answers: expected a list of contact types',
        'handlers.night.staff: expected a whole number',
        'training_levels.experienced.misgrade_pct: must be <= 100',
      ]);
    });

    // The checks see only what zod parsed, so the raw input they split reaches no deeper than a
    // section's entries and a group's answers: every key down to there is replaced in turn.
    it('no check fails on input of the wrong shape (each section, entry and key of the MetCC baseline replaced in turn)', () => {
      const baseline = parse(readFileSync(path.join(ROOT, 'scenarios', 'metcc-2022-baseline.yaml'), 'utf8'));
      const paths: string[][] = [];
      const walk = (node: unknown, at: string[]) => {
        if (at.length > 3 && !(at[0] === 'handlers' && at[2] === 'answers')) return;
        paths.push(at);
        if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...at, k]);
      };
      walk(baseline, []);
      expect(paths.length).toBeGreaterThan(80);
      for (const at of paths.slice(1)) {
        for (const bad of [null, 'x', [{}], { a: 1 }]) {
          const s = structuredClone(baseline);
          let node = s;
          for (const k of at.slice(0, -1)) node = node[k];
          node[at[at.length - 1]] = bad;
          let r: ReturnType<typeof validateScenario> | undefined;
          expect(() => (r = validateScenario(s)), `${at.join('.')} = ${JSON.stringify(bad)}`).not.toThrow();
          for (const p of r!.problems) expect(typeof p.path === 'string' && p.message.length > 0).toBe(true);
        }
      }
    });
  });
});
