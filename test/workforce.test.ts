/**
 * Staffing through the year (issue 10): vacancies at the start, intakes that fill vacant posts,
 * absence by month, a steady-state training mix, a demand trend. Hand-worked stories where the
 * answer is exact, and a statistical check of the steady-state mix against the posts' own draws.
 */
import { describe, expect, it } from 'vitest';
import { KeyedRandom } from '../src/engine/KeyedRandom.js';
import { hourlyRates, trendFactor } from '../src/model/arrivals/hourlyRates.js';
import { RandomStreams } from '../src/engine/rng.js';
import { TimeFrame } from '../src/engine/TimeFrame.js';
import { groupPosts } from '../src/model/roster/groupPosts.js';
import { buildLevels, entryLevel } from '../src/model/roster/Level.js';
import { validateScenario } from '../src/scenario/load.js';
import { steadyStateMix } from '../src/scenario/resolve.js';
import { fixed, Story, target, t } from './helpers/story.js';

const WEEK = 7 * 86_400;
const DAY = 86_400;
const levelsInput = {
  trainee: { handling_multiplier: 2, coached: true, weeks_to_next_level: 4, becomes: 'new' },
  new: { handling_multiplier: 1.3, weeks_to_next_level: 12, becomes: 'developing' },
  developing: { handling_multiplier: 1.15, weeks_to_next_level: 14, becomes: 'experienced' },
  experienced: { handling_multiplier: 1 },
};

/** A day-long shift of `staff` answering contact x (nobody calls: the roster alone is looked at). */
const rostered = (staff: number, group: Record<string, unknown>, start_date = '2022-01-03', days = 28) => ({
  horizon: { days, start_date },
  contacts: { x: { priority: 1, handling: fixed(60), target } },
  handlers: { g: { answers: ['x'], shifts: { all: { start: '00:00', end: '24:00', staff } }, ...group } },
});
/** Handlers staffed in each day's first hour, as the roster opens them. */
const staffedEachDay = (s: Story) => s.intervals.filter((i) => i.interval % 24 === 0).map((i) => t(i.staffedSeconds / 3600));

describe('vacancies at the start and intakes', () => {
  it('an intake fills the longest-vacant posts on its date, up to its size, and no more than are vacant', () => {
    // 10 posts, 30% vacant at the start: 7 held; 2 join on 10 Jan (9 held), 5 more on 24 Jan fill the last 1
    const s = new Story(rostered(10, { vacancies_at_start_pct: 30, intakes: [{ date: '2022-01-10', people: 2 }, { date: '2022-01-24', people: 5 }] }));
    s.run();
    expect(staffedEachDay(s)).toEqual([...Array(7).fill('7'), ...Array(14).fill('9'), ...Array(7).fill('10')]);
  });

  it('recruits start at the intake level and move up from their start date', () => {
    const levels = buildLevels(validateScenario({ ...rostered(1, {}), name: 'a', training_levels: levelsInput }).scenario.training_levels);
    const intakeAt = 3 * WEEK;
    const [posts] = groupPosts([{ origin: KeyedRandom.key('g/all'), staff: 4 }], { experienced: 1 }, levels, new KeyedRandom(1), {
      ratePerSecond: 0,
      refillSeconds: null,
      recruitLevel: entryLevel(levels),
      vacantAtStart: 0.5,
      intakes: [{ atSeconds: intakeAt, people: 1, level: levels[0] }],
      untilSeconds: 100 * WEEK,
    });
    // posts 0-1 held by experienced people; 2 filled by a trainee in week 3; 3 stays vacant
    const at = (weeks: number) => posts.map((p) => (p.inPostAt(weeks * WEEK) ? p.levelAt(weeks * WEEK)!.name : 'vacant')).join(' ');
    expect(at(1)).toBe('experienced experienced vacant vacant');
    expect(at(3)).toBe('experienced experienced trainee vacant');
    expect(at(7)).toBe('experienced experienced new vacant');
    expect(at(19)).toBe('experienced experienced developing vacant');
    expect(at(33)).toBe('experienced experienced experienced vacant');
  });

  it('without intakes, posts vacant at the start refill within vacancy_weeks, each at its own keyed time', () => {
    const s = new Story(rostered(40, { vacancies_at_start_pct: 50, vacancy_weeks: 4 }));
    s.run();
    const byDay = staffedEachDay(s).map(Number);
    expect(byDay[0]).toBe(20);
    expect(byDay[27]).toBe(40); // all refilled after 4 weeks
    // never fewer, and (uniform refill times) about half of the 20 back by day 14: binomial sd 2.2
    for (let d = 1; d < byDay.length; d++) expect(byDay[d]).toBeGreaterThanOrEqual(byDay[d - 1]);
    expect(Math.abs(byDay[14] - 30)).toBeLessThan(4 * Math.sqrt(20 * 0.25));
  });
});

describe('absence by month', () => {
  it('applies each month its own absence', () => {
    // 30-31 January nobody is absent, 1-2 February everybody is
    const s = new Story(rostered(10, { absence_pct_by_month: { jan: 0, feb: 100 } }, '2022-01-30', 4));
    s.run();
    expect(staffedEachDay(s)).toEqual(['10', '10', '0', '0']);
  });
});

describe('the steady-state training mix', () => {
  it('is the exponential age of a post holder along the chain of levels', () => {
    const mix = steadyStateMix(levelsInput, 15);
    const lambda = -Math.log(0.85) / (365 / 7);
    expect(mix.trainee).toBeCloseTo(1 - Math.exp(-lambda * 4), 6);
    expect(mix.new).toBeCloseTo(Math.exp(-lambda * 4) - Math.exp(-lambda * 16), 6);
    expect(mix.developing).toBeCloseTo(Math.exp(-lambda * 16) - Math.exp(-lambda * 30), 6);
    expect(mix.trainee + mix.new + mix.developing + mix.experienced).toBeCloseTo(1, 9);
    expect(steadyStateMix(levelsInput, 0)).toEqual({ trainee: 0, new: 0, developing: 0, experienced: 1 });
  });

  it('stays the mix as the posts turn over (attrition with immediate refills, 20,000 posts, half a year on)', () => {
    const levels = buildLevels(validateScenario({ ...rostered(1, {}), name: 'a', training_levels: levelsInput }).scenario.training_levels);
    const mix = steadyStateMix(levelsInput, 15);
    const staff = 20_000;
    const [posts] = groupPosts([{ origin: KeyedRandom.key('g/all'), staff }], mix, levels, new KeyedRandom(7), {
      ratePerSecond: -Math.log(0.85) / (365 * DAY),
      refillSeconds: 0,
      recruitLevel: entryLevel(levels),
      vacantAtStart: 0,
      intakes: [],
      untilSeconds: 60 * WEEK,
    });
    const at = 26 * WEEK;
    for (const level of levels) {
      const share = posts.filter((p) => p.levelAt(at) === level).length / staff;
      const sd = Math.sqrt((mix[level.name] * (1 - mix[level.name])) / staff);
      expect(Math.abs(share - mix[level.name]), level.name).toBeLessThan(4 * sd + 1e-9);
    }
  });
});

describe('a demand trend', () => {
  it('multiplies the volume by (1 + pct/100) per year from the reference date', () => {
    const trend = { pct_per_year: 10, reference_date: '2022-01-01' };
    expect(trendFactor(trend, '2022-01-01')).toBe(1);
    expect(trendFactor(trend, '2023-01-01')).toBeCloseTo(1.1, 12);
    expect(trendFactor(trend, '2021-01-01')).toBeCloseTo(1 / 1.1, 12);
  });

  it('is applied to every hour of the arrival rates, day by day', () => {
    const raw = (withTrend: boolean) => ({
      name: 'a',
      horizon: { days: 366, start_date: '2022-01-01' },
      contacts: { x: { priority: 1, handling: fixed(60), target, arrivals: { calls_per_day: 2400, ...(withTrend ? { trend: { pct_per_year: 10, reference_date: '2022-01-01' } } : {}) } } },
      handlers: { g: { answers: ['x'], staff: 1 } },
    });
    const rates = (withTrend: boolean) => {
      const { scenario } = validateScenario(raw(withTrend));
      return hourlyRates(scenario.contacts.x.arrivals!, new TimeFrame(scenario), new RandomStreams(1).stream('daily'));
    };
    const flat = rates(false);
    const grown = rates(true);
    expect(grown[0] / flat[0]).toBeCloseTo(1, 12);
    expect(grown[365 * 24] / flat[365 * 24]).toBeCloseTo(1.1, 12); // 2023-01-01
    expect(grown[180 * 24 + 5] / flat[180 * 24 + 5]).toBeCloseTo(trendFactor({ pct_per_year: 10, reference_date: '2022-01-01' }, '2022-06-30'), 12);
  });
});

describe('validation', () => {
  const problems = (raw: Record<string, unknown>) => validateScenario({ name: 'a', ...raw }).problems.map((p) => `${p.path}: ${p.message}`);
  it('names the key and what is expected', () => {
    const undated = rostered(3, { intakes: [{ date: '2022-02-01', people: 1 }] });
    expect(problems({ ...undated, horizon: { days: 7 } })).toEqual(['handlers.g.intakes: needs a calendar: set horizon.start_date (intakes are dated)']);
    expect(problems(rostered(3, { intakes: [{ date: '2022-02-01', people: 1 }], vacancy_weeks: 4, attrition_pct_per_year: 10 }))).toEqual([
      'handlers.g.vacancy_weeks: give vacancy_weeks (posts refill by themselves) or intakes (posts refill from intakes), not both',
    ]);
    expect(problems({ ...rostered(3, { intakes: [{ date: '2022-02-01', people: 1, level: 'novice' }] }), training_levels: levelsInput })).toEqual([
      'handlers.g.intakes.0.level: unknown training level; expected one of trainee, new, developing, experienced',
    ]);
    expect(problems(rostered(3, { training_mix: 'steady_state' }))).toEqual([
      'handlers.g.training_mix: steady_state needs training_levels (a chain of levels from the one recruits start at)',
    ]);
    expect(problems(rostered(3, { intakes: [{ date: '2022-02-30', people: 1 }] }))).toEqual(['handlers.g.intakes.0.date: not a real calendar date']);
    const trend = rostered(3, {});
    (trend.contacts.x as Record<string, unknown>).arrivals = { calls_per_hour: 1, trend: { pct_per_year: 3, reference_date: '2022-01-01' } };
    expect(problems({ ...trend, horizon: { days: 7 } })).toEqual(['contacts.x.arrivals.trend: needs a calendar: set horizon.start_date']);
    // without a calendar there are no months: refused, not silently ignored
    expect(problems({ ...rostered(3, { absence_pct_by_month: { jan: 30 } }), horizon: { days: 7 } })).toEqual([
      'handlers.g.absence_pct_by_month: needs a calendar: set horizon.start_date',
    ]);
  });
});
