/**
 * Model rules that are about rates and shares rather than single stories: demand (hour of day,
 * day of week, month, special days, day-to-day variation), major incidents, triage error
 * rates, redirection, immediate hang-ups, what callers do after hanging up, and absence.
 *
 * Exact numbers where the rule is arithmetic (the hourly rate table); otherwise a sample
 * statistic from a fixed seed, checked against its expectation within 4 standard deviations
 * of its sampling distribution (binomial or Poisson, derived in a comment at each test). The
 * draws here are independent (arrival counts, per-call Bernoulli draws), not queue waits, so
 * the binomial/Poisson formulas apply as they stand. A correct model misses by more than 4 sd
 * about once in 16,000 seeds; a wrong rule (a multiplier ignored, a share doubled) misses by
 * tens of sd.
 */
import { describe, expect, it } from 'vitest';
import { GRADES } from '../src/scenario/schema.js';
import { TimeFrame } from '../src/engine/TimeFrame.js';
import { hourlyRates } from '../src/model/arrivals/hourlyRates.js';
import { nextArrival } from '../src/model/arrivals/nextArrival.js';
import { RandomStreams } from '../src/engine/rng.js';
import type { CallRecord } from '../src/model/records.js';
import { expectWithin4sd, fixed, scenarioOf, Story, target } from './helpers/story.js';

const DAY = 86_400;
const grade = (name: string) => GRADES.indexOf(name as (typeof GRADES)[number]);

/** The hourly rate table of contact `x` of a scenario, as calls per hour. */
function callsPerHour(horizon: Record<string, unknown>, arrivals: Record<string, unknown>): number[] {
  const scenario = scenarioOf({
    horizon,
    contacts: { x: { priority: 1, arrivals, handling: fixed(1), target } },
    handlers: { all: { answers: ['x'], staff: 1 } },
  });
  const rates = hourlyRates(scenario.contacts.x.arrivals!, new TimeFrame(scenario), new RandomStreams(1).stream('daily'));
  return Array.from(rates, (r) => r * 3600);
}

/** Calls per local day (24 consecutive hours from `fromHour`). */
const perDay = (hourly: number[]) => {
  const out: number[] = [];
  for (let h = 0; h < hourly.length; h += 24) out.push(hourly.slice(h, h + 24).reduce((a, b) => a + b, 0));
  return out;
};
const close = (xs: number[]) => xs.map((x) => Number(x.toFixed(9)));

describe('demand: the hourly rate table (exact)', () => {
  it('a special day can bring its own hour-of-day shape (New Year\'s Eve)', () => {
    const evening = new Array(24).fill(0);
    evening[21] = 1;
    evening[22] = 1;
    evening[23] = 2;
    const hourly = callsPerHour(
      { days: 2, start_date: '2022-12-31' },
      { calls_per_day: 2400, special_days: { '12-31': { multiplier: 1.5, hour_of_day: evening } } },
    );
    // 31 Dec: 3600 calls, a quarter at 21:00, a quarter at 22:00, half at 23:00; 1 Jan: the flat day
    expect(close(hourly.slice(0, 24))).toEqual([...new Array(21).fill(0), 900, 900, 1800]);
    expect(close(hourly.slice(24))).toEqual(new Array(24).fill(100));
  });

  it('a special day at 0.5 has half the calls of an ordinary day, spread the same way', () => {
    const hourly = callsPerHour({ days: 3, start_date: '2022-12-24' }, { calls_per_day: 2400, special_days: { '12-25': 0.5 } });
    expect(hourly.length).toBe(72);
    expect(close(perDay(hourly))).toEqual([2400, 1200, 2400]);
    expect(close(hourly.slice(24, 48))).toEqual(new Array(24).fill(50));
  });

  it('a special day given as a full date wins over the same day given every year', () => {
    const days = { '12-25': 0.5, '2022-12-25': 0.25 };
    expect(close(perDay(callsPerHour({ days: 1, start_date: '2022-12-25' }, { calls_per_day: 2400, special_days: days })))).toEqual([600]);
    expect(close(perDay(callsPerHour({ days: 1, start_date: '2023-12-25' }, { calls_per_day: 2400, special_days: days })))).toEqual([1200]);
  });

  it('day_of_week multiplies the daily volume; without a calendar the counted period starts on a Monday', () => {
    const hourly = callsPerHour({ days: 7 }, { calls_per_day: 2400, day_of_week: { mon: 2, sun: 0.5 } });
    expect(close(perDay(hourly))).toEqual([4800, 2400, 2400, 2400, 2400, 2400, 1200]);
  });

  it('month_of_year multiplies the daily volume by the month of the local day', () => {
    const hourly = callsPerHour({ days: 2, start_date: '2022-01-31' }, { calls_per_day: 2400, month_of_year: { jan: 0.5, feb: 2 } });
    expect(close(perDay(hourly))).toEqual([1200, 4800]);
  });

  it('the multipliers of a day multiply together (Sunday 25 December 2022: 0.8 × 0.9 × 0.5)', () => {
    const hourly = callsPerHour(
      { days: 1, start_date: '2022-12-25' },
      { calls_per_day: 2400, day_of_week: { sun: 0.8 }, month_of_year: { dec: 0.9 }, special_days: { '12-25': 0.5 } },
    );
    expect(close(perDay(hourly))).toEqual([864]);
  });

  it('calls_per_year and calls_per_hour give the same daily volume as calls_per_day', () => {
    expect(close(perDay(callsPerHour({ days: 1 }, { calls_per_year: 365 * 2400, day_of_week: { mon: 1 } })))).toEqual([2400]);
    expect(close(perDay(callsPerHour({ days: 1 }, { calls_per_hour: 100, day_of_week: { mon: 1 } })))).toEqual([2400]);
  });

  it('hour_of_day shapes the day (weights renormalised); hour_of_day_on overrides it on the days named', () => {
    const shape = [3, 1, ...new Array(22).fill(0)];
    const sundays = [...new Array(23).fill(0), 7];
    const hourly = callsPerHour({ days: 7 }, { calls_per_day: 2400, hour_of_day: shape, hour_of_day_on: { sun: sundays } });
    const monday = close(hourly.slice(0, 24));
    expect(monday.slice(0, 2)).toEqual([1800, 600]);
    expect(monday.slice(2).every((x) => x === 0)).toBe(true);
    const sunday = close(hourly.slice(6 * 24, 7 * 24));
    expect(sunday[23]).toBe(2400);
    expect(sunday.slice(0, 23).every((x) => x === 0)).toBe(true);
  });

  it('the warm-up days come before start_date, with their own dates', () => {
    // the counted period starts on 25 December; the warm-up day is 24 December, a Saturday
    const hourly = callsPerHour(
      { days: 1, warmup_days: 1, start_date: '2022-12-25' },
      { calls_per_day: 2400, day_of_week: { sat: 1.5 }, special_days: { '12-25': 0.5 } },
    );
    expect(close(perDay(hourly))).toEqual([3600, 1200]);
  });

  it('nextArrival inverts the cumulative rate across hours', () => {
    const rates = Float64Array.from([0, 2 / 3600, 1 / 3600]);
    // no calls in hour 0; a unit of cumulative rate takes half an hour at 2 an hour
    expect(nextArrival(rates, 0, 1, 10_800)).toBe(5400);
    // from 6000 s, 2/3 of a unit is left in hour 1 (1200 s × 2/3600), the rest needs 1200 s of hour 2
    expect(nextArrival(rates, 6000, 1, 10_800)).toBeCloseTo(8400, 9);
    // not enough rate before the end
    expect(nextArrival(rates, 6000, 5, 10_800)).toBe(Infinity);
  });

  it('daily_variation_cv: day factors with mean 1 and that coefficient of variation', () => {
    const D = 2000;
    const factors = perDay(callsPerHour({ days: D }, { calls_per_day: 2400, daily_variation_cv: 0.2 })).map((v) => v / 2400);
    const mean = factors.reduce((a, b) => a + b, 0) / D;
    const sd = Math.sqrt(factors.reduce((a, f) => a + (f - mean) ** 2, 0) / (D - 1));
    // mean of D gamma factors: sd 0.2/sqrt(D) = 0.00447
    expectWithin4sd(mean, 1, 0.2 / Math.sqrt(D), 'mean day factor');
    // sample sd of a gamma (cv 0.2, excess kurtosis 6cv² = 0.24): se ≈ (σ/2)·sqrt(2/(D-1) + 0.24/D) = 0.00335
    expectWithin4sd(sd, 0.2, (0.2 / 2) * Math.sqrt(2 / (D - 1) + 0.24 / D), 'sd of day factors');
  });
});

/** Arrivals of new calls by the simulated model over replications 0..R-1, via Story. */
function simulateArrivals(raw: Record<string, unknown>, replications: number, seed = 11): CallRecord[][] {
  const out: CallRecord[][] = [];
  for (let k = 0; k < replications; k++) out.push(new Story(raw, seed, k).run().calls);
  return out;
}

describe('demand: simulated arrivals', () => {
  it("a special day's simulated count is half an ordinary day's (Poisson tolerance)", () => {
    const R = 10;
    const runs = simulateArrivals(
      {
        horizon: { days: 3, start_date: '2022-12-24' },
        contacts: { x: { priority: 1, arrivals: { calls_per_day: 2400, special_days: { '12-25': 0.5 } }, handling: fixed(1), target } },
        handlers: { all: { answers: ['x'], staff: 20 } },
      },
      R,
    );
    const days = [0, 0, 0];
    for (const calls of runs) for (const c of calls) days[Math.floor(c.arrivedAt / DAY)]++;
    // each day's count over R replications is Poisson with mean R × (expected calls that day): sd = sqrt(mean)
    const expected = [R * 2400, R * 1200, R * 2400];
    days.forEach((n, d) => expectWithin4sd(n, expected[d], Math.sqrt(expected[d]), `day ${d} arrivals`));
  });
});

describe('major incidents', () => {
  const incident = (extra: Record<string, unknown> = {}) => ({
    horizon: { hours: 4, warmup_hours: 1 },
    contacts: { x: { priority: 1, handling: fixed(1), target, ...extra } },
    handlers: { all: { answers: ['x'], staff: 20 } },
    major_incidents: [{ contact: 'x', at_hours: 2, extra_calls: 500, over_minutes: 30 }],
  });
  // at_hours counts from the start of the counted period: 3600 + 2 × 3600 = 10,800 s, for 1,800 s
  const from = 10_800;
  const to = 12_600;

  it('adds arrivals only inside its window, their count Poisson(500)', () => {
    const R = 40;
    const counts = simulateArrivals(incident(), R).map((calls) => {
      expect(calls.every((c) => c.arrivedAt >= from && c.arrivedAt < to)).toBe(true);
      return calls.length;
    });
    const total = counts.reduce((a, b) => a + b, 0);
    // the total over R replications is Poisson(R × 500): sd = sqrt(20,000) = 141
    expectWithin4sd(total, R * 500, Math.sqrt(R * 500), 'incident calls');
    // and the count varies as a Poisson count does: the index of dispersion Σ(n - n̄)²/n̄ is
    // approximately chi-squared with R - 1 = 39 degrees of freedom (mean 39, sd sqrt(78) = 8.8).
    // A fixed 500 calls would give 0.
    const mean = total / R;
    const dispersion = counts.reduce((a, n) => a + (n - mean) ** 2, 0) / mean;
    expectWithin4sd(dispersion, R - 1, Math.sqrt(2 * (R - 1)), 'index of dispersion');
  });

  it('adds to the background arrivals inside the window and nothing outside it', () => {
    const R = 10;
    const runs = simulateArrivals(incident({ arrivals: { calls_per_hour: 200 } }), R);
    let inside = 0;
    let outside = 0;
    for (const calls of runs) for (const c of calls) c.arrivedAt >= from && c.arrivedAt < to ? inside++ : outside++;
    // inside: Poisson(R × (500 + 200 × 0.5)); outside: Poisson(R × 200 × 4.5) (warm-up included)
    expectWithin4sd(inside, R * 600, Math.sqrt(R * 600), 'calls inside the window');
    expectWithin4sd(outside, R * 900, Math.sqrt(R * 900), 'calls outside the window');
  });

  it('`at` places it at a local date-time of a calendar scenario', () => {
    const [calls] = simulateArrivals(
      {
        horizon: { days: 1, warmup_days: 1, start_date: '2022-06-01' },
        contacts: { x: { priority: 1, handling: fixed(1), target } },
        handlers: { all: { answers: ['x'], staff: 20 } },
        major_incidents: [{ contact: 'x', at: '2022-06-01T10:00', extra_calls: 500, over_minutes: 30 }],
      },
      1,
    );
    // 10:00 on the first counted day: one warm-up day (86,400 s) plus 36,000 s
    expect(calls.every((c) => c.arrivedAt >= 122_400 && c.arrivedAt < 124_200)).toBe(true);
    expectWithin4sd(calls.length, 500, Math.sqrt(500), 'incident calls');
  });
});

/** `n` calls of `x`, one a second from 0, answered at once; returns the records. */
function answerMany(contact: Record<string, unknown>, levels: Record<string, unknown> | undefined, n: number, seed = 5): CallRecord[] {
  const s = new Story(
    {
      horizon: { hours: Math.ceil(n / 3600) + 1 },
      contacts: { x: { priority: 1, handling: fixed(0.5), target, ...contact } },
      ...(levels ? { training_levels: levels } : {}),
      handlers: { all: { answers: ['x'], staff: 1, ...(levels ? { training_mix: { [Object.keys(levels)[0]]: 1 } } : {}) } },
    },
    seed,
  );
  for (let i = 0; i < n; i++) s.call('x', i);
  return s.run().calls;
}

describe('triage', () => {
  const N = 20_000;

  it('misgrading: 12% of grades wrong, half too low, each wrong by one step', () => {
    const calls = answerMany({ grades: { S: 0.5, E: 0.5 } }, { novice: { handling_multiplier: 1, misgrade_pct: 12, under_grade_share: 0.5 } }, N);
    expect(calls.length).toBe(N);
    expect(calls.every((c) => c.outcome === 'answered' && c.handlerLevel === 0)).toBe(true);
    // true grades: S with probability 0.5: sd sqrt(0.25/N)
    const s = calls.filter((c) => c.trueGrade === grade('S')).length;
    expectWithin4sd(s / N, 0.5, Math.sqrt(0.25 / N), 'share of true grade S');
    const wrong = calls.filter((c) => c.assignedGrade !== c.trueGrade);
    expect(wrong.every((c) => Math.abs(c.assignedGrade - c.trueGrade) === 1)).toBe(true);
    // wrong grades ~ Binomial(N, 0.12): sd of the share sqrt(0.12 × 0.88 / N) = 0.0023
    expectWithin4sd(wrong.length / N, 0.12, Math.sqrt((0.12 * 0.88) / N), 'share misgraded');
    // of the wrong ones, too low (a less urgent grade: a higher index) ~ Binomial(wrong, 0.5)
    const under = wrong.filter((c) => c.assignedGrade > c.trueGrade).length;
    expectWithin4sd(under / wrong.length, 0.5, Math.sqrt(0.25 / wrong.length), 'share of wrong grades too low');
  });

  it('under_grade_share 0: every wrong grade is too high, except at the top, where it can only go down', () => {
    const calls = answerMany({ grades: { I: 0.5, E: 0.5 } }, { novice: { handling_multiplier: 1, misgrade_pct: 12, under_grade_share: 0 } }, N);
    const wrong = calls.filter((c) => c.assignedGrade !== c.trueGrade);
    // E goes up to S; I cannot go up, so it goes down to S: every wrong grade is S, from both
    expect(wrong.every((c) => c.assignedGrade === grade('S'))).toBe(true);
    expect(wrong.some((c) => c.trueGrade === grade('I')) && wrong.some((c) => c.trueGrade === grade('E'))).toBe(true);
    expectWithin4sd(wrong.length / N, 0.12, Math.sqrt((0.12 * 0.88) / N), 'share misgraded');
  });

  it('no training mix, or misgrade_pct 0: every grade right', () => {
    expect(answerMany({ grades: { S: 0.5, E: 0.5 } }, undefined, 2000).every((c) => c.assignedGrade === c.trueGrade)).toBe(true);
    const exact = { sure: { handling_multiplier: 1, misgrade_pct: 0 } };
    expect(answerMany({ grades: { S: 0.5, E: 0.5 } }, exact, 2000).every((c) => c.assignedGrade === c.trueGrade)).toBe(true);
  });

  it('redirect: that share of the no-police-action calls is redirected (short handling), the rest handled in full', () => {
    const calls = answerMany(
      { handling: fixed(300), grades: { I: 0.5, none: 0.5 }, redirect: { share_of_no_police_action: 0.3, handling: fixed(20) } },
      undefined,
      N,
    );
    const none = calls.filter((c) => c.trueGrade === grade('none'));
    const redirected = none.filter((c) => c.endedAt - c.answeredAt === 20).length;
    expect(calls.filter((c) => c.trueGrade === grade('I')).every((c) => c.endedAt - c.answeredAt === 300)).toBe(true);
    // redirected ~ Binomial(none, 0.3)
    expectWithin4sd(redirected / none.length, 0.3, Math.sqrt((0.3 * 0.7) / none.length), 'share of none redirected');
  });
});

describe('caller behaviour', () => {
  it('immediate hang-up: that share of callers hang up within within_seconds, uniformly', () => {
    // a 10-s BT leg keeps every caller on the line for 10 s, so every early hang-up is seen
    const N = 10_000;
    const s = new Story({
      horizon: { hours: 2 },
      contacts: { x: { priority: 1, handling: fixed(1), target, bt_connect: fixed(10), immediate_hang_up: { share: 0.3, within_seconds: 5 } } },
      handlers: { all: { answers: ['x'], staff: 5 } },
    });
    for (let i = 0; i < N; i++) s.call('x', i * 0.5);
    s.run();
    const gone = s.calls.filter((c) => c.outcome === 'abandoned');
    expect(s.calls.length).toBe(N);
    // hang-ups ~ Binomial(N, 0.3): sd of the share sqrt(0.21/N) = 0.0046
    expectWithin4sd(gone.length / N, 0.3, Math.sqrt(0.21 / N), 'share hanging up at once');
    expect(gone.every((c) => c.waitSeconds >= 0 && c.waitSeconds < 5)).toBe(true);
    // their time to hang up is uniform on [0, 5): mean 2.5, sd 5/sqrt(12) per caller
    const mean = gone.reduce((a, c) => a + c.waitSeconds, 0) / gone.length;
    expectWithin4sd(mean, 2.5, 5 / Math.sqrt(12) / Math.sqrt(gone.length), 'mean time to hang up');
    expect(s.calls.filter((c) => c.outcome === 'answered').every((c) => c.waitSeconds === 10)).toBe(true);
  });

  it('after hanging up: redial, switch to each other contact type, or else be called back, in the given shares', () => {
    // every 101 call hangs up on a 10-s BT leg after 1 s; what follows is one multinomial draw
    // per hang-up: redial 0.35, online 0.15, 999 0.05, none of these 0.45 of which half called back
    const s = new Story({
      horizon: { hours: 2 },
      contacts: {
        '101': {
          priority: 1,
          handling: fixed(1),
          target,
          bt_connect: fixed(10),
          patience: fixed(1),
          on_abandon: {
            redial: { probability: 0.35, delay: fixed(5) },
            switch_to: { online: { probability: 0.15, delay: fixed(5) }, '999': { probability: 0.05, delay: fixed(5) } },
            call_back: { contact: 'cb', probability: 0.5 },
          },
        },
        '999': { priority: 1, handling: fixed(1), target },
        online: { channel: 'online', priority: 2, handling: fixed(1), target },
        cb: { priority: 2, handling: fixed(1), target },
      },
      handlers: { all: { answers: ['101', '999', 'online', 'cb'], staff: 10 } },
    });
    for (let i = 0; i < 4000; i++) s.call('101', i * 0.5);
    s.run();
    const byId = new Map(s.calls.map((c) => [c.callId, c]));
    const hangUps = s.calls.filter((c) => c.contact === '101');
    expect(hangUps.every((c) => c.outcome === 'abandoned' && c.waitSeconds === 1)).toBe(true);
    const N = hangUps.length;
    const followers = s.calls.filter((c) => c.source !== 'new');
    for (const f of followers) {
      const first = byId.get(f.redialOf)!;
      expect(first.contact).toBe('101');
      expect(f.arrivedAt).toBe(first.endedAt + (f.source === 'call_back' ? 0 : 5));
    }
    const count = (contact: string, source: string) => followers.filter((c) => c.contact === contact && c.source === source).length;
    // each ~ Binomial(N, p): sd sqrt(N p (1 - p)); no hang-up has two followers
    expect(new Set(followers.map((f) => f.redialOf)).size).toBe(followers.length);
    expectWithin4sd(count('101', 'redial'), N * 0.35, Math.sqrt(N * 0.35 * 0.65), 'redials');
    expectWithin4sd(count('online', 'switched'), N * 0.15, Math.sqrt(N * 0.15 * 0.85), 'switches to online');
    expectWithin4sd(count('999', 'switched'), N * 0.05, Math.sqrt(N * 0.05 * 0.95), 'switches to 999');
    expectWithin4sd(count('cb', 'call_back'), N * 0.225, Math.sqrt(N * 0.225 * 0.775), 'call-backs');
    expect(followers.length).toBe(count('101', 'redial') + count('online', 'switched') + count('999', 'switched') + count('cb', 'call_back'));
  });
});

describe('rosters: absence', () => {
  it('shrinkage_pct: each rostered handler is absent from a shift with that probability', () => {
    const days = 50;
    const s = new Story({
      horizon: { days },
      contacts: { x: { priority: 1, handling: fixed(1), target } },
      handlers: { g: { answers: ['x'], shrinkage_pct: 24, shifts: { s: { start: '00:00', end: '01:00', staff: 100 } } } },
    }).run();
    const present = s.intervals.filter((i) => i.interval % 24 === 0).map((i) => i.staffedSeconds / 3600);
    expect(present.length).toBe(days);
    expect(present.every((p) => Number.isInteger(p) && p <= 100)).toBe(true);
    expect(s.intervals.filter((i) => i.interval % 24 !== 0).every((i) => i.staffedSeconds === 0)).toBe(true);
    // present handler-shifts ~ Binomial(5000, 0.76): sd sqrt(5000 × 0.76 × 0.24) = 30.2
    const total = present.reduce((a, b) => a + b, 0);
    expectWithin4sd(total, days * 100 * 0.76, Math.sqrt(days * 100 * 0.76 * 0.24), 'handler-shifts present');
  });
});
