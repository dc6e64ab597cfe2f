/**
 * Attrition and recruitment: a post's holder leaves at random times, the post stays vacant for
 * `vacancy_weeks`, then a recruit starts at the first training level and moves up from there.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../src/engine/rng.js';
import { buildLevels, entryLevel, Person, positionsFor, shiftPlan } from '../src/model/roster.js';
import { validateScenario } from '../src/scenario/load.js';

const WEEK = 7 * 86_400;
const levels = buildLevels({
  trainee: { handling_multiplier: 2, coached: true, weeks_to_next_level: 4, becomes: 'new' },
  new: { handling_multiplier: 1.3, weeks_to_next_level: 12, becomes: 'experienced' },
  experienced: { handling_multiplier: 1 },
});
const [trainee, novice, experienced] = levels;

describe('a post through a departure, a vacancy and a recruit', () => {
  it('follows the exact timeline', () => {
    expect(entryLevel(levels)).toBe(trainee);
    // an experienced holder leaves at week 10; the post is empty for 14 weeks; a trainee starts at week 24
    const post = new Person(experienced, Infinity, [10 * WEEK], 14 * WEEK, trainee);
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
    const plan = shiftPlan('early', { start: '07:00', end: '15:00', staff: 1 }, { experienced: 1 }, levels, {
      ratePerSecond: 1 / WEEK,
      vacancySeconds: 4 * WEEK,
      recruitLevel: trainee,
      rng: () => 0.5, // every gap -ln(0.5) weeks = 0.69 weeks
      untilSeconds: 10 * WEEK,
    });
    const post = plan.people[0];
    expect(post.departures[0]).toBeCloseTo(Math.LN2 * WEEK, 6);
    expect(positionsFor(plan, 0.5 * WEEK, 0, () => 1)).toHaveLength(1);
    expect(positionsFor(plan, 1 * WEEK, 0, () => 1)).toHaveLength(0);
  });
});

describe('attrition rate', () => {
  it('the share of posts whose holder leaves within a year matches attrition_pct_per_year', () => {
    // 15% a year: rate -ln(0.85) per year, so P(a departure within a year) = 0.15 exactly
    const staff = 4000;
    const plan = shiftPlan('early', { start: '07:00', end: '15:00', staff }, undefined, levels, {
      ratePerSecond: -Math.log(0.85) / (365 * 86_400),
      vacancySeconds: 0,
      recruitLevel: null,
      rng: new RandomStreams(11).stream('attrition:test'),
      untilSeconds: 365 * 86_400,
    });
    const left = plan.people.filter((p) => p.departures.length > 0).length / staff;
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
    expect(r.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['handlers.g.vacancy_weeks: needs attrition_pct_per_year (posts fall vacant only when people leave)']);
    expect(validateScenario(scenario({ shifts: { all: { start: '00:00', end: '24:00', staff: 3 } }, attrition_pct_per_year: 100 })).problems[0].message).toBe('must be < 100');
  });
});
