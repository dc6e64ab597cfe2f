/**
 * Attrition and recruitment: a post's holder leaves at random times, the post stays vacant for
 * `vacancy_weeks`, then a recruit starts at the first training level and moves up from there.
 */
import { describe, expect, it } from 'vitest';
import { KeyedRandom } from '../src/engine/KeyedRandom.js';
import { buildLevels, entryLevel } from '../src/model/roster/Level.js';
import { groupPosts, type Workforce } from '../src/model/roster/groupPosts.js';
import { Person } from '../src/model/roster/Person.js';
import { presentPeople, shiftOrigin, shiftPlan } from '../src/model/roster/ShiftPlan.js';
import { validateScenario } from '../src/scenario/load.js';

const WEEK = 7 * 86_400;
const resolved = { misgrade_pct: 0, under_grade_share: 0.5, coached: false };
const levels = buildLevels({
  trainee: { ...resolved, handling_multiplier: 2, coached: true, weeks_to_next_level: 4, becomes: 'new' },
  new: { ...resolved, handling_multiplier: 1.3, weeks_to_next_level: 12, becomes: 'experienced' },
  experienced: { ...resolved, handling_multiplier: 1 },
});
const early = (staff: number) => ({ start: '07:00', end: '15:00', staff, days: ['mon' as const], break_minutes: 0 });
const [trainee, novice, experienced] = levels;
const workforce = (w: Partial<Workforce>): Workforce => ({ ratePerSecond: 0, refillSeconds: 0, recruitLevel: trainee, vacantAtStart: 0, intakes: [], untilSeconds: 100 * WEEK, ...w });
/** One shift `early` of group `g`, its posts held as `w` says. */
const planOf = (staff: number, mix: Record<string, number> | undefined, w: Workforce, keyed: KeyedRandom) =>
  shiftPlan('g', 'early', early(staff), groupPosts([{ origin: shiftOrigin('g', 'early'), staff }], mix, levels, keyed, w)[0]);

describe('a post through a departure, a vacancy and a recruit', () => {
  it('follows the exact timeline', () => {
    expect(entryLevel(levels)).toBe(trainee);
    // an experienced holder leaves at week 10; the post is empty for 14 weeks; a trainee starts at week 24
    const post = new Person(0, [
      { from: -Infinity, until: 10 * WEEK, level: experienced, firstMoveAt: Infinity },
      { from: 24 * WEEK, until: Infinity, level: trainee, firstMoveAt: 28 * WEEK },
    ]);
    const log = [5, 10, 23.9, 24, 27.9, 28, 39.9, 40].map((w) => `week ${w}: ${post.inPostAt(w * WEEK) ? post.levelAt(w * WEEK)!.name : 'vacant'}`);
    expect(log).toEqual([
      'week 5: experienced',
      'week 10: vacant',
      'week 23.9: vacant',
      'week 24: trainee',
      'week 27.9: trainee',
      'week 28: new',
      'week 39.9: new',
      'week 40: experienced',
    ]);
  });

  it('a vacant post is never present on a shift', () => {
    const keyed = new KeyedRandom(11);
    const w = workforce({ ratePerSecond: 1 / WEEK, refillSeconds: 4 * WEEK });
    const plan = planOf(1, { experienced: 1 }, w, keyed);
    const post = plan.people[0];
    const left = post.tenures[0].until;
    expect(left).toBeGreaterThan(0);
    expect(post.tenures[1].from).toBe(left + 4 * WEEK);
    // the gaps are the post's own keyed draws: the same plan again gives the same departures
    expect(planOf(1, { experienced: 1 }, w, keyed).people[0].tenures).toEqual(post.tenures);
    expect(presentPeople(plan, 0, left - 1, 0, keyed)).toHaveLength(1);
    expect(presentPeople(plan, 0, left + 1, 0, keyed)).toHaveLength(0);
    expect(presentPeople(plan, 0, left + 4 * WEEK, 0, keyed).map((p) => p.level)).toEqual([trainee]);
  });
});

describe('attrition rate', () => {
  it('the share of posts whose holder leaves within a year matches attrition_pct_per_year', () => {
    // 15% a year: rate -ln(0.85) per year, so P(a departure within a year) = 0.15 exactly
    const staff = 4000;
    const plan = planOf(staff, undefined, workforce({ ratePerSecond: -Math.log(0.85) / (365 * 86_400), recruitLevel: null, untilSeconds: 365 * 86_400 }), new KeyedRandom(11));
    const left = plan.people.filter((p) => p.tenures[0].until !== Infinity).length / staff;
    const sd = Math.sqrt((0.15 * 0.85) / staff); // binomial
    expect(Math.abs(left - 0.15)).toBeLessThan(4 * sd);
  });
});

describe('validation', () => {
  const scenario = (group: Record<string, unknown>) => ({
    name: 'a',
    horizon: { days: 7 },
    contacts: { '999': { priority: 1, arrivals: { calls_per_hour: 10 }, handling: { fixed: { seconds: 60 } }, target: { answer_within_seconds: 10 } } },
    handlers: { g: { answers: ['999'], ...group } },
  });
  it('accepts attrition on shifts', () => {
    const r = validateScenario(scenario({ shifts: { all: { start: '00:00', end: '24:00', staff: 3 } }, attrition_pct_per_year: 15, vacancy_weeks: 14 }));
    expect(r.problems).toEqual([]);
  });
  it('rejects attrition on constant staff and a vacancy without attrition, with their paths', () => {
    expect(validateScenario(scenario({ staff: 3, attrition_pct_per_year: 15 })).problems.map((p) => p.path)).toEqual(['handlers.g.attrition_pct_per_year']);
    const r = validateScenario(scenario({ shifts: { all: { start: '00:00', end: '24:00', staff: 3 } }, vacancy_weeks: 2 }));
    expect(r.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['handlers.g.vacancy_weeks: needs attrition_pct_per_year or vacancies_at_start_pct (posts fall vacant only when people leave)']);
    expect(validateScenario(scenario({ shifts: { all: { start: '00:00', end: '24:00', staff: 3 } }, attrition_pct_per_year: 100 })).problems[0].message).toBe('must be < 100');
  });
});
