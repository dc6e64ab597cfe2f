/**
 * Model stories: each rule of the contact-centre model told as a tiny story with fixed times,
 * checked against an exact log (SimPy style). Times are seconds from the start of the clock.
 *
 * Log lines: `call <id> <contact> arrived <t>[ (<source> of call <id>)], answered <t> by
 * <group>[/<shift>][/<level>], ended <t>, waited <s>` or `..., abandoned <t>, waited <s>`,
 * in the order the model emits the records (the order calls end).
 */
import { describe, expect, it } from 'vitest';
import { lastValueFrom, toArray } from 'rxjs';
import { KeyedRandom } from '../src/engine/KeyedRandom.js';
import { replicationSeed } from '../src/engine/rng.js';
import type { Call } from '../src/model/Call.js';
import { buildLevels } from '../src/model/roster/Level.js';
import { groupPosts } from '../src/model/roster/groupPosts.js';
import { shiftOrigin, shiftPlan } from '../src/model/roster/ShiftPlan.js';
import { simulate } from '../src/simulate.js';
import { DAYS } from '../src/scenario/schema.js';
import { fixed, gradeName, line, scenarioOf, Story, t, target } from './helpers/story.js';

/**
 * The hang-up events of a story that run, as "call N at T" (`enqueue` reads the event function
 * when it schedules one, so the spy sees them all).
 */
function hangUpsRun(s: Story): string[] {
  const on = s.centre.state.on as { patienceEnds: (call: Call) => void };
  const patienceEnds = on.patienceEnds;
  const ran: string[] = [];
  on.patienceEnds = (call) => {
    ran.push(`call ${call.callId} at ${s.calendar.now}`);
    patienceEnds(call);
  };
  return ran;
}

const oneType = (extra: Record<string, unknown> = {}) => ({
  contacts: { x: { priority: 1, handling: fixed(60), target, ...extra } },
  handlers: { all: { answers: ['x'], staff: 1 } },
});

describe('core: queue, priority, patience', () => {
  it('two calls, one handler, talk time 60 s: the second waits 60 s', () => {
    const s = new Story(oneType()).call('x', 0).call('x', 0).run();
    expect(s.log()).toEqual([
      'call 0 x arrived 0, answered 0 by all, ended 60, waited 0',
      'call 1 x arrived 0, answered 60 by all, ended 120, waited 60',
    ]);
    expect(s.calls.map((c) => c.outcome)).toEqual(['answered', 'answered']);
  });

  it('a free handler takes the waiting call of the best priority, first come first served within it', () => {
    const s = new Story({
      contacts: {
        lo: { priority: 2, handling: fixed(60), target },
        hi: { priority: 1, handling: fixed(60), target },
      },
      handlers: { all: { answers: ['lo', 'hi'], staff: 1 } },
    });
    s.call('lo', 0).call('lo', 1).call('hi', 2).call('hi', 3).call('lo', 4).run();
    expect(s.log()).toEqual([
      'call 0 lo arrived 0, answered 0 by all, ended 60, waited 0',
      'call 2 hi arrived 2, answered 60 by all, ended 120, waited 58',
      'call 3 hi arrived 3, answered 120 by all, ended 180, waited 117',
      'call 1 lo arrived 1, answered 180 by all, ended 240, waited 179',
      'call 4 lo arrived 4, answered 240 by all, ended 300, waited 236',
    ]);
  });

  it('two contact types of the same priority are served first come first served between them', () => {
    const s = new Story({
      contacts: {
        a: { priority: 1, handling: fixed(60), target },
        b: { priority: 1, handling: fixed(60), target },
      },
      handlers: { all: { answers: ['a', 'b'], staff: 1 } },
    });
    s.call('a', 0).call('b', 5).call('a', 10).call('b', 15).run();
    expect(s.log()).toEqual([
      'call 0 a arrived 0, answered 0 by all, ended 60, waited 0',
      'call 1 b arrived 5, answered 60 by all, ended 120, waited 55',
      'call 2 a arrived 10, answered 120 by all, ended 180, waited 110',
      'call 3 b arrived 15, answered 180 by all, ended 240, waited 165',
    ]);
  });

  it('a call being answered is never abandoned, even when its handling outlasts the patience', () => {
    const s = new Story(oneType({ patience: fixed(30) })).call('x', 0).call('x', 0).run();
    expect(s.log()).toEqual([
      'call 1 x arrived 0, abandoned 30, waited 30',
      'call 0 x arrived 0, answered 0 by all, ended 60, waited 0',
    ]);
  });

  it("a queued caller's hang-up is taken off the calendar once answered: it never runs; an abandoning caller's runs", () => {
    const s = new Story(oneType({ patience: fixed(100) }));
    const ran = hangUpsRun(s);
    s.call('x', 0).call('x', 0).call('x', 0).run();
    expect(s.log()).toEqual([
      'call 0 x arrived 0, answered 0 by all, ended 60, waited 0',
      'call 2 x arrived 0, abandoned 100, waited 100',
      'call 1 x arrived 0, answered 60 by all, ended 120, waited 60',
    ]);
    expect(ran).toEqual(['call 2 at 100']);
    expect(s.calendar.size).toBe(0);
  });

  it('an abandoned caller leaves the queue when the patience ends; the next caller is answered instead', () => {
    const s = new Story(oneType({ patience: fixed(20) })).call('x', 0).call('x', 10).call('x', 45).run();
    expect(s.log()).toEqual([
      'call 1 x arrived 10, abandoned 30, waited 20',
      'call 0 x arrived 0, answered 0 by all, ended 60, waited 0',
      'call 2 x arrived 45, answered 60 by all, ended 120, waited 15',
    ]);
  });

  it('a caller whose patience ends at the moment a handler frees is answered (releases come before other events)', () => {
    const s = new Story(oneType({ patience: fixed(20) })).call('x', 0).call('x', 40).run();
    expect(s.log()).toEqual([
      'call 0 x arrived 0, answered 0 by all, ended 60, waited 0',
      'call 1 x arrived 40, answered 60 by all, ended 120, waited 20',
    ]);
  });

  it('two groups, each answering its own contact type, do not share handlers', () => {
    const s = new Story({
      contacts: {
        x: { priority: 1, handling: fixed(60), target },
        y: { priority: 1, handling: fixed(60), target },
      },
      handlers: { gx: { answers: ['x'], staff: 1 }, gy: { answers: ['y'], staff: 1 } },
    });
    s.call('x', 0).call('x', 0).call('y', 10).call('y', 20).run();
    expect(s.log()).toEqual([
      'call 0 x arrived 0, answered 0 by gx, ended 60, waited 0',
      'call 2 y arrived 10, answered 10 by gy, ended 70, waited 0',
      'call 1 x arrived 0, answered 60 by gx, ended 120, waited 60',
      'call 3 y arrived 20, answered 70 by gy, ended 130, waited 50',
    ]);
  });

  it('idle handlers are taken longest-idle first', () => {
    const s = new Story({
      contacts: { x: { priority: 1, handling: fixed(100), target } },
      training_levels: { fast: { handling_multiplier: 1 }, slow: { handling_multiplier: 2 } },
      handlers: { all: { answers: ['x'], staff: 2, training_mix: { fast: 0.5, slow: 0.5 } } },
    });
    // fast and slow both come on at 0 (fast first); fast takes call 0 and is free again at 100,
    // so at 150 slow has been idle longest
    s.call('x', 0).call('x', 150).call('x', 160).run();
    expect(s.log()).toEqual([
      'call 0 x arrived 0, answered 0 by all/fast, ended 100, waited 0',
      'call 2 x arrived 160, answered 160 by all/fast, ended 260, waited 0',
      'call 1 x arrived 150, answered 150 by all/slow, ended 350, waited 0',
    ]);
  });

  it('calls of the warm-up, and after the counted period, are simulated and emitted with counted=false', () => {
    const s = new Story({ ...oneType(), handlers: { all: { answers: ['x'], staff: 2 } }, horizon: { hours: 1, warmup_hours: 1 } });
    s.call('x', 100).call('x', 3599).call('x', 3600).call('x', 7199).call('x', 7200).run();
    expect(s.calls.map((c) => `call ${c.callId} arrived ${c.arrivedAt}, ended ${c.endedAt}, counted ${c.counted}`)).toEqual([
      'call 0 arrived 100, ended 160, counted false',
      'call 1 arrived 3599, ended 3659, counted false',
      'call 2 arrived 3600, ended 3660, counted true',
      'call 3 arrived 7199, ended 7259, counted true',
      'call 4 arrived 7200, ended 7260, counted false',
    ]);
  });
});

describe('rosters: shifts and breaks', () => {
  const twoShifts = {
    horizon: { hours: 3 },
    contacts: { x: { priority: 1, handling: fixed(60), target } },
    handlers: {
      g: {
        answers: ['x'],
        shifts: { a: { start: '00:00', end: '01:00', staff: 1 }, b: { start: '01:00', end: '02:00', staff: 1 } },
      },
    },
  };

  it('a shift ending mid-call: the handler finishes the call, then leaves without answering another', () => {
    const s = new Story(twoShifts);
    s.call('x', 3570).call('x', 3590).call('x', 3620);
    for (const at of [3599, 3600, 3629, 3630, 7199, 7200]) s.at(at, () => `staffed ${s.staffed('g')}`);
    s.run();
    expect(s.log()).toEqual([
      'call 0 x arrived 3570, answered 3570 by g/a, ended 3630, waited 0',
      'call 1 x arrived 3590, answered 3600 by g/b, ended 3660, waited 10',
      'call 2 x arrived 3620, answered 3660 by g/b, ended 3720, waited 40',
    ]);
    // a stays on duty until its call ends at 3630 (probes run after the roster and releases due then)
    expect(s.notes).toEqual(['3599: staffed 1', '3600: staffed 2', '3629: staffed 2', '3630: staffed 1', '7199: staffed 1', '7200: staffed 0']);
    // handler-seconds staffed and busy per hour: shift a's 30 s of overtime counts in hour 2
    expect(s.intervals.map((i) => `hour ${i.interval}: staffed ${t(i.staffedSeconds)}, busy ${t(i.busySeconds)}`)).toEqual([
      'hour 0: staffed 3600, busy 30',
      'hour 1: staffed 3630, busy 150',
      'hour 2: staffed 0, busy 0',
    ]);
  });

  it('a night shift that started the evening before is on duty at the start; its handler leaves at 06:00', () => {
    const s = new Story({
      horizon: { hours: 24 },
      contacts: { x: { priority: 1, handling: fixed(60), target } },
      handlers: { g: { answers: ['x'], shifts: { night: { start: '22:00', end: '06:00', staff: 1 } } } },
    });
    s.call('x', 100).call('x', 21_700).run();
    expect(s.log()).toEqual([
      'call 0 x arrived 100, answered 100 by g/night, ended 160, waited 0',
      'call 1 x arrived 21700, answered 79200 by g/night, ended 79260, waited 57500',
    ]);
  });

  it('the roster goes on past the horizon until every call in the system has ended', () => {
    // one Monday shift; the counted day is a Monday; a call at 23:00 waits for next Monday
    const s = new Story({
      horizon: { hours: 24 },
      contacts: { x: { priority: 1, handling: fixed(60), target } },
      handlers: { g: { answers: ['x'], shifts: { s: { start: '00:00', end: '01:00', days: ['mon'], staff: 1 } } } },
    });
    s.call('x', 82_800).run();
    expect(s.log()).toEqual(['call 0 x arrived 82800, answered 604800 by g/s, ended 604860, waited 522000']);
  });

  // One handler, shift 00:00-08:00 (28,800 s), a 30-minute break. The break is placed in the
  // middle half of the shift: 28,800/4 + 0.5 × 28,800/2 - 1,800/2 = 13,500 s, so 13,500-15,300.
  const breakShift = {
    horizon: { hours: 8 },
    contacts: { x: { priority: 1, handling: fixed(100), target } },
    handlers: { g: { answers: ['x'], shifts: { d: { start: '00:00', end: '08:00', staff: 1, break_minutes: 30 } } } },
  };
  const staffedByHour = (s: Story) => s.intervals.map((i) => t(i.staffedSeconds));

  it('a break: an idle handler goes off for break_minutes, then returns and answers', () => {
    const s = new Story(breakShift).call('x', 13_600);
    for (const at of [13_499, 13_500, 15_299, 15_300]) s.at(at, () => `staffed ${s.staffed('g')}`);
    s.run();
    expect(s.log()).toEqual(['call 0 x arrived 13600, answered 15300 by g/d, ended 15400, waited 1700']);
    expect(s.notes).toEqual(['13499: staffed 1', '13500: staffed 0', '15299: staffed 0', '15300: staffed 1']);
    expect(staffedByHour(s)).toEqual(['3600', '3600', '3600', '2700', '2700', '3600', '3600', '3600']);
  });

  it('a break: a busy handler finishes the call first, then takes the whole break', () => {
    const s = new Story(breakShift).call('x', 13_450).call('x', 13_500);
    for (const at of [13_500, 13_549, 13_550, 15_349, 15_350]) s.at(at, () => `staffed ${s.staffed('g')}`);
    s.run();
    expect(s.log()).toEqual([
      'call 0 x arrived 13450, answered 13450 by g/d, ended 13550, waited 0',
      'call 1 x arrived 13500, answered 15350 by g/d, ended 15450, waited 1850',
    ]);
    expect(s.notes).toEqual(['13500: staffed 1', '13549: staffed 1', '13550: staffed 0', '15349: staffed 0', '15350: staffed 1']);
    expect(staffedByHour(s)).toEqual(['3600', '3600', '3600', '2750', '2650', '3600', '3600', '3600']);
  });
});

describe('caller behaviour after hanging up', () => {
  it('a redial arrives after its delay, as a new call with source redial that names the call it follows', () => {
    const s = new Story({
      contacts: {
        blocker: { priority: 1, handling: fixed(45), target },
        x: {
          priority: 2,
          handling: fixed(60),
          patience: fixed(10),
          target,
          on_abandon: { redial: { probability: 1, delay: fixed(30) } },
        },
      },
      handlers: { all: { answers: ['blocker', 'x'], staff: 1 } },
    });
    s.call('blocker', 0).call('x', 0).run();
    expect(s.log()).toEqual([
      'call 1 x arrived 0, abandoned 10, waited 10',
      'call 0 blocker arrived 0, answered 0 by all, ended 45, waited 0',
      'call 2 x arrived 40 (redial of call 1), answered 45 by all, ended 105, waited 5',
    ]);
  });

  it('a caller who keeps hanging up keeps redialling, each redial following the last, until arrivals stop', () => {
    const s = new Story({
      horizon: { hours: 1 },
      contacts: {
        blocker: { priority: 1, handling: fixed(4000), target },
        x: { priority: 2, handling: fixed(60), patience: fixed(10), target, on_abandon: { redial: { probability: 1, delay: fixed(30) } } },
      },
      handlers: { all: { answers: ['blocker', 'x'], staff: 1 } },
    });
    s.call('blocker', 0).call('x', 0).run();
    const xs = s.calls.filter((c) => c.contact === 'x');
    // attempts at 0, 40, 80, ..., 3560: 90 of them; the one that would follow the hang-up at 3570 would start at 3600, the end
    expect(xs.length).toBe(90);
    expect(xs.every((c) => c.outcome === 'abandoned' && c.endedAt === c.arrivedAt + 10)).toBe(true);
    xs.slice(1).forEach((c, i) => {
      expect([c.source, c.redialOf, c.arrivedAt]).toEqual(['redial', xs[i].callId, xs[i].endedAt + 30]);
    });
    expect(xs[89].arrivedAt).toBe(3560);
  });

  it('switch_to: a 101 caller who hangs up tries online instead, after the delay', () => {
    const s = new Story({
      contacts: {
        '101': {
          priority: 1,
          handling: fixed(60),
          patience: fixed(10),
          target,
          on_abandon: { switch_to: { online: { probability: 1, delay: fixed(100) } } },
        },
        online: { channel: 'online', priority: 2, handling: fixed(50), target },
      },
      handlers: { all: { answers: ['101', 'online'], staff: 1 } },
    });
    s.call('101', 0).call('101', 0).run();
    expect(s.log()).toEqual([
      'call 1 101 arrived 0, abandoned 10, waited 10',
      'call 0 101 arrived 0, answered 0 by all, ended 60, waited 0',
      'call 2 online arrived 110 (switched of call 1), answered 110 by all, ended 160, waited 0',
    ]);
  });

  it("below probability 1 the caller's own retry uniforms choose: the first a redial, failing that the second a call-back", () => {
    const s = new Story(
      {
        contacts: {
          // call 0 holds the one handler all day: every other caller hangs up after 10 s
          x: { priority: 1, handling: fixed(100_000), patience: fixed(10), target, on_abandon: { redial: { probability: 0.3, delay: fixed(30) }, call_back: { contact: 'cb', probability: 0.5 } } },
          cb: { priority: 2, handling: fixed(1), target },
        },
        handlers: { all: { answers: ['x', 'cb'], staff: 1 } },
      },
      7,
    );
    for (let i = 0; i < 300; i++) s.call('x', i);
    s.run();
    // what follows each hang-up, predicted from the caller's key and the type's `retry` purpose
    const keyed = new KeyedRandom(replicationSeed(7, 0));
    const calls = s.calls as Call[];
    const following = new Map(calls.filter((c) => c.source !== 'new').map((c) => [c.redialOf, c]));
    const seen = { redial: 0, call_back: 0, neither: 0 };
    for (const c of calls) {
      if (c.contact !== 'x' || c.outcome !== 'abandoned') continue;
      const rng = keyed.at(c.from.key, c.serial, c.attempt, c.type.purposes.retry);
      const next = following.get(c.callId);
      const expected = rng() < 0.3 ? 'redial' : rng() < 0.5 ? 'call_back' : 'neither';
      expect(next?.source ?? 'neither', `call ${c.callId}`).toBe(expected);
      if (next !== undefined) expect(next.arrivedAt - c.endedAt).toBe(expected === 'redial' ? 30 : 0);
      seen[expected]++;
    }
    expect(Math.min(seen.redial, seen.call_back, seen.neither)).toBeGreaterThan(40);
  });

  it('call_back: an abandoned 999 call becomes a call-back task at once', () => {
    const s = new Story({
      contacts: {
        '999': {
          priority: 1,
          handling: fixed(60),
          patience: fixed(10),
          target,
          on_abandon: { call_back: { contact: '999-callback', probability: 1 } },
        },
        '999-callback': { priority: 2, handling: fixed(30), target },
      },
      handlers: { all: { answers: ['999', '999-callback'], staff: 1 } },
    });
    s.call('999', 0).call('999', 0).run();
    expect(s.log()).toEqual([
      'call 1 999 arrived 0, abandoned 10, waited 10',
      'call 0 999 arrived 0, answered 0 by all, ended 60, waited 0',
      'call 2 999-callback arrived 10 (call_back of call 1), answered 60 by all, ended 90, waited 50',
    ]);
  });
});

describe('training levels', () => {
  it("a handler's level multiplies the handling time: 1.3 × 100 s = 130 s", () => {
    const s = new Story({
      contacts: { x: { priority: 1, handling: fixed(100), target } },
      training_levels: { new: { handling_multiplier: 1.3 } },
      handlers: { all: { answers: ['x'], staff: 1, training_mix: { new: 1 } } },
    });
    s.call('x', 0).call('x', 0).run();
    expect(s.log()).toEqual([
      'call 0 x arrived 0, answered 0 by all/new, ended 130, waited 0',
      'call 1 x arrived 0, answered 130 by all/new, ended 260, waited 130',
    ]);
    expect(s.calls.map((c) => c.handlerLevel)).toEqual([0, 0]);
  });

  const coached = (mix: Record<string, number>, staff: number) => ({
    contacts: { x: { priority: 1, handling: fixed(100), target, patience: fixed(1000) } },
    training_levels: { trainee: { coached: true, handling_multiplier: 2 }, experienced: { handling_multiplier: 1 } },
    handlers: { all: { answers: ['x'], staff, training_mix: mix } },
  });

  it('a coached trainee pairs with an experienced handler: the pair is one position at the trainee level', () => {
    // 4 staff: 1 trainee and 3 experienced -> the pair (×2) and 2 experienced: 3 positions
    const s = new Story(coached({ trainee: 0.25, experienced: 0.75 }, 4));
    expect(s.staffed('all')).toBe(3);
    s.call('x', 0).call('x', 0).call('x', 0).call('x', 0).run();
    expect(s.log()).toEqual([
      'call 1 x arrived 0, answered 0 by all/experienced, ended 100, waited 0',
      'call 2 x arrived 0, answered 0 by all/experienced, ended 100, waited 0',
      'call 0 x arrived 0, answered 0 by all/trainee, ended 200, waited 0',
      'call 3 x arrived 0, answered 100 by all/experienced, ended 200, waited 100',
    ]);
  });

  it('trainees beyond the experienced handlers available to coach them do not answer', () => {
    // 4 staff: 3 trainees and 1 experienced -> one pair, two trainees idle: 1 position
    const s = new Story(coached({ trainee: 0.75, experienced: 0.25 }, 4));
    expect(s.staffed('all')).toBe(1);
    s.call('x', 0).call('x', 0).run();
    expect(s.log()).toEqual([
      'call 0 x arrived 0, answered 0 by all/trainee, ended 200, waited 0',
      'call 1 x arrived 0, answered 200 by all/trainee, ended 400, waited 200',
    ]);
  });

  it('a trainee alone answers nothing: the caller abandons', () => {
    const s = new Story(coached({ trainee: 1 }, 1));
    expect(s.staffed('all')).toBe(0);
    s.call('x', 0).run();
    expect(s.log()).toEqual(['call 0 x arrived 0, abandoned 1000, waited 1000']);
  });

  const progress = {
    novice: { handling_multiplier: 1.5, weeks_to_next_level: 1, becomes: 'expert' },
    expert: { handling_multiplier: 1 },
  };

  it('levels progress: rostered handlers answer at the next level from the first shift after their move', () => {
    const shift = { start: '00:00', end: '01:00', staff: 2 };
    const s = new Story({
      horizon: { days: 7 },
      contacts: { x: { priority: 1, handling: fixed(100), target } },
      training_levels: progress,
      handlers: { g: { answers: ['x'], training_mix: { novice: 1 }, shifts: { s: shift } } },
    });
    // two novices; their moves are spread over the week: at 0.25 and 0.75 weeks (day 1.75 and day 5.25)
    for (let d = 0; d < 7; d++) s.call('x', d * 86_400 + 600).call('x', d * 86_400 + 600);
    s.run();
    const byDay = (d: number) =>
      s.calls
        .filter((c) => Math.floor(c.arrivedAt / 86_400) === d)
        .sort((a, b) => a.callId - b.callId)
        .map((c) => `${['novice', 'expert'][c.handlerLevel]} ${t(c.endedAt - c.answeredAt)} s`)
        .join(', ');
    expect([0, 1, 2, 3, 4, 5, 6].map((d) => `day ${d}: ${byDay(d)}`)).toEqual([
      'day 0: novice 150 s, novice 150 s',
      'day 1: novice 150 s, novice 150 s',
      'day 2: expert 100 s, novice 150 s',
      'day 3: expert 100 s, novice 150 s',
      'day 4: expert 100 s, novice 150 s',
      'day 5: expert 100 s, novice 150 s',
      'day 6: expert 100 s, expert 100 s',
    ]);
    // the same, from Person.levelAt at each shift start
    const levels = buildLevels(scenarioOf({ contacts: { x: { priority: 1, handling: fixed(1), target } }, handlers: { g: { answers: ['x'], staff: 1 } }, training_levels: progress }).training_levels);
    const people = groupPosts([{ origin: shiftOrigin('g', 's'), staff: shift.staff }], { novice: 1 }, levels, new KeyedRandom(1), undefined)[0];
    const plan = shiftPlan('g', 's', { ...shift, days: [...DAYS], break_minutes: 0 }, people);
    expect(plan.people.map((p) => p.tenures[0].firstMoveAt)).toEqual([0.25 * 604_800, 0.75 * 604_800]);
    for (let d = 0; d < 7; d++) {
      const levels = plan.people.map((p) => p.levelAt(d * 86_400)!.index);
      const seen = s.calls.filter((c) => Math.floor(c.arrivedAt / 86_400) === d).sort((a, b) => a.callId - b.callId);
      expect(seen.map((c) => c.handlerLevel)).toEqual(levels);
    }
  });

  // Regression (fixed in 310ae55): a group with a constant `staff` and a `training_mix` got
  // its positions once, at clock 0, so its handlers kept their starting level for the whole
  // run (weeks_to_next_level/becomes silently did nothing for them). They move up at
  // Person.levelAt times, as rostered handlers do.
  it('levels progress for a constant-staff group too (they once stayed at their clock-0 level)', () => {
    const s = new Story({
      horizon: { days: 7 },
      contacts: { x: { priority: 1, handling: fixed(100), target } },
      training_levels: progress,
      handlers: { g: { answers: ['x'], staff: 1, training_mix: { novice: 1 } } },
    });
    // one novice: moves at 0.5 weeks = 302,400 s
    s.call('x', 100).call('x', 400_000).run();
    expect(s.log()).toEqual([
      'call 0 x arrived 100, answered 100 by g/novice, ended 250, waited 0',
      'call 1 x arrived 400000, answered 400000 by g/expert, ended 400100, waited 0',
    ]);
  });
});

describe('the BT connect leg', () => {
  it('is inside the answer time; a caller whose patience ends on it hangs up unanswered even with a handler free', () => {
    const s = new Story({
      contacts: {
        x: { priority: 1, handling: fixed(60), target, bt_connect: fixed(3) },
        y: { priority: 1, handling: fixed(60), target, bt_connect: fixed(3), patience: fixed(2) },
      },
      handlers: { all: { answers: ['x', 'y'], staff: 1 } },
    });
    s.call('x', 0).call('x', 10).call('y', 200).run();
    expect(s.log()).toEqual([
      'call 0 x arrived 0, answered 3 by all, ended 63, waited 3',
      'call 1 x arrived 10, answered 63 by all, ended 123, waited 53',
      'call 2 y arrived 200, abandoned 202, waited 2',
    ]);
    expect(s.calls[2].handlerGroup).toBe('');
    expect(s.calls[2].answeredAt).toBeNaN();
  });

  it('patience runs from arrival, BT leg included', () => {
    const s = new Story({
      contacts: { x: { priority: 1, handling: fixed(60), target, bt_connect: fixed(3), patience: fixed(10) } },
      handlers: { all: { answers: ['x'], staff: 1 } },
    });
    s.call('x', 0).call('x', 0).run();
    expect(s.log()).toEqual([
      'call 1 x arrived 0, abandoned 10, waited 10',
      'call 0 x arrived 0, answered 3 by all, ended 63, waited 3',
    ]);
  });
});

describe('triage: grades, redirect, handling by grade', () => {
  it('a redirected no-police-action call is graded none without error and takes the redirect handling time', () => {
    const s = new Story({
      contacts: {
        x: { priority: 1, handling: fixed(300), target, grades: { none: 1 }, redirect: { share_of_no_police_action: 1, handling: fixed(20) } },
        y: { priority: 1, handling: fixed(300), target, grades: { none: 1 } },
      },
      // this level grades every call wrong: 'none' can only go one step, to R
      training_levels: { sloppy: { handling_multiplier: 1, misgrade_pct: 100 } },
      handlers: { all: { answers: ['x', 'y'], staff: 2, training_mix: { sloppy: 1 } } },
    });
    s.call('x', 0).call('y', 0).run();
    expect(s.calls.map((c) => `${line(c)} graded ${gradeName(c.trueGrade)}->${gradeName(c.assignedGrade)}`)).toEqual([
      'call 0 x arrived 0, answered 0 by all/level 0, ended 20, waited 0 graded none->none',
      'call 1 y arrived 0, answered 0 by all/level 0, ended 300, waited 0 graded none->R',
    ]);
  });

  it('handling_by_grade sets the handling time of calls of that true grade', () => {
    const s = new Story({
      contacts: {
        x: { priority: 1, handling: fixed(300), target, grades: { I: 1 }, handling_by_grade: { I: fixed(30) } },
        y: { priority: 1, handling: fixed(300), target, grades: { S: 1 }, handling_by_grade: { I: fixed(30) } },
      },
      handlers: { all: { answers: ['x', 'y'], staff: 2 } },
    });
    s.call('x', 0).call('y', 0).run();
    expect(s.calls.map((c) => `${line(c)} graded ${gradeName(c.trueGrade)}->${gradeName(c.assignedGrade)}`)).toEqual([
      'call 0 x arrived 0, answered 0 by all, ended 30, waited 0 graded I->I',
      'call 1 y arrived 0, answered 0 by all, ended 300, waited 0 graded S->S',
    ]);
  });
});

describe('overflow groups', () => {
  it('an overflow group answers a call only once it has waited takes_calls_waiting_seconds', () => {
    const s = new Story({
      contacts: { x: { priority: 1, handling: fixed(100), target } },
      handlers: { main: { answers: ['x'], staff: 1 }, over: { answers: ['x'], staff: 1, takes_calls_waiting_seconds: 30 } },
    });
    s.call('x', 0).call('x', 10).call('x', 50).call('x', 105).call('x', 150).call('x', 230).run();
    expect(s.log()).toEqual([
      'call 0 x arrived 0, answered 0 by main, ended 100, waited 0',
      'call 1 x arrived 10, answered 40 by over, ended 140, waited 30', // over idle: takes it at 30 s
      'call 2 x arrived 50, answered 100 by main, ended 200, waited 50', // over busy at 80: main frees first
      'call 3 x arrived 105, answered 140 by over, ended 240, waited 35', // over frees at 140 and takes it
      'call 4 x arrived 150, answered 200 by main, ended 300, waited 50',
      'call 5 x arrived 230, answered 260 by over, ended 360, waited 30', // over free at 240 waits until 260
    ]);
  });

  it("a call an overflow group answers has its hang-up taken off the calendar: it never runs", () => {
    const s = new Story({
      contacts: { x: { priority: 1, handling: fixed(100), patience: fixed(100), target } },
      handlers: { main: { answers: ['x'], staff: 1 }, over: { answers: ['x'], staff: 1, takes_calls_waiting_seconds: 30 } },
    });
    const ran = hangUpsRun(s);
    s.call('x', 0).call('x', 0).call('x', 0).call('x', 0).run();
    expect(s.log()).toEqual([
      'call 0 x arrived 0, answered 0 by main, ended 100, waited 0',
      'call 3 x arrived 0, abandoned 100, waited 100',
      'call 1 x arrived 0, answered 30 by over, ended 130, waited 30', // by overflow at 30 s
      'call 2 x arrived 0, answered 100 by main, ended 200, waited 100', // main frees first (releases come first)
    ]);
    expect(ran).toEqual(['call 3 at 100']);
  });

  // two overflow groups (30 s and 60 s) behind a busy main group, random arrivals
  const twoOverflows = () =>
    new Story(
      scenarioOf({
        horizon: { hours: 4 },
        contacts: {
          x: { priority: 1, arrivals: { calls_per_hour: 200 }, handling: { exponential: { mean_seconds: 60 } }, patience: { exponential: { mean_seconds: 300 } }, target },
        },
        handlers: {
          main: { answers: ['x'], staff: 2 },
          over30: { answers: ['x'], staff: 1, takes_calls_waiting_seconds: 30 },
          over60: { answers: ['x'], staff: 1, takes_calls_waiting_seconds: 60 },
        },
      }),
      3,
    ).run();

  it('over a random run, no overflow group ever answers a call that has waited less than its threshold', () => {
    const s = twoOverflows();
    const answered = (g: string) => s.calls.filter((c) => c.handlerGroup === g);
    expect(answered('main').length).toBeGreaterThan(100);
    expect(answered('over30').length).toBeGreaterThan(100);
    expect(answered('over30').every((c) => c.waitSeconds >= 30 - 1e-9)).toBe(true);
    expect(answered('over60').every((c) => c.waitSeconds >= 60 - 1e-9)).toBe(true);
    // the calls over60 could have taken: hundreds wait 60 s or more (see the regressions below)
    expect(s.calls.filter((c) => c.waitSeconds >= 60).length).toBeGreaterThan(100);
  });

  // The regression below at scale: over60 once answered no call at all in this run (0 of 794),
  // although about 250 answered calls waited 60 s or more and about 150 callers hung up.
  it('a second overflow group with a longer threshold is used at all (it once answered nothing)', () => {
    const s = twoOverflows();
    expect(s.calls.filter((c) => c.handlerGroup === 'over60').length).toBeGreaterThan(0);
  });

  // Regression (fixed in 310ae55): a waiting call got one overflow check, at the smallest
  // threshold of its overflow groups; a group with a larger threshold was offered the call only
  // when one of its own handlers became free, so an idle one never was. Here 'over60' sits idle
  // from 60 s to 100 s while call 2 waits: it takes call 2 at 70 (waited 60), not main at 100.
  it('a second overflow group with a longer threshold takes a call once it has waited that long (not only at the smallest threshold)', () => {
    const s = new Story({
      contacts: { x: { priority: 1, handling: fixed(100), target } },
      handlers: {
        main: { answers: ['x'], staff: 1 },
        over30: { answers: ['x'], staff: 1, takes_calls_waiting_seconds: 30 },
        over60: { answers: ['x'], staff: 1, takes_calls_waiting_seconds: 60 },
      },
    });
    s.call('x', 0).call('x', 0).call('x', 10).run();
    expect(s.log()).toEqual([
      'call 0 x arrived 0, answered 0 by main, ended 100, waited 0',
      'call 1 x arrived 0, answered 30 by over30, ended 130, waited 30',
      'call 2 x arrived 10, answered 70 by over60, ended 170, waited 60',
    ]);
  });
});

describe('simulate() and its RxJS stream', () => {
  it('emits every call once, in the order calls end, and completes when the run is over', async () => {
    const scenario = scenarioOf({
      horizon: { hours: 2, warmup_hours: 0.5 },
      contacts: {
        '999': { priority: 1, arrivals: { calls_per_hour: 300 }, handling: { exponential: { mean_seconds: 45 } }, patience: { exponential: { mean_seconds: 60 } }, target },
        '101': { priority: 2, arrivals: { calls_per_hour: 100 }, handling: { exponential: { mean_seconds: 90 } }, target },
      },
      handlers: { all: { answers: ['999', '101'], staff: 5 } },
    });
    const sim = simulate(scenario, { seed: 7, replication: 0 });
    let completed = false;
    const order: number[] = [];
    sim.calls$.subscribe({ next: (c) => order.push(c.endedAt), complete: () => (completed = true) });
    const all = lastValueFrom(sim.calls$.pipe(toArray()));
    expect(completed).toBe(false);
    const totals = sim.run();
    expect(completed).toBe(true);
    const calls = await all;
    expect(calls.length).toBe(totals.events.arrivals);
    expect(calls.length).toBe(totals.events.serviceEnds + totals.events.abandonments);
    expect(new Set(calls.map((c) => c.callId)).size).toBe(calls.length);
    expect(calls.map((c) => c.callId).sort((a, b) => a - b)).toEqual(calls.map((_, i) => i));
    expect(order.every((e, i) => i === 0 || e >= order[i - 1])).toBe(true);
    expect(totals.endedAt).toBe(order[order.length - 1]);
    // arrivals stop at the end of the counted period; the warm-up calls are not counted
    expect(calls.every((c) => c.arrivedAt < 9000 && c.counted === c.arrivedAt >= 1800)).toBe(true);
    expect(calls.some((c) => !c.counted)).toBe(true);
  });
});
