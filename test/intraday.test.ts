/**
 * Intraday management (issue 10, item 2) as model stories with exact, hand-worked logs:
 * breaks a supervisor holds while the queue is long (`breaks:`), and call-ins when it stays long
 * (`surge:`). Times are seconds from the start of the clock.
 */
import { describe, expect, it } from 'vitest';
import type { RosterChange } from '../src/model/roster/RosterChange.js';
import { fixed, scenarioOf, Story, target } from './helpers/story.js';

describe('breaks held while the queue is long', () => {
  // One handler, shift 00:00-08:00, a 30-minute break planned at 28,800/4 + 0.5 x 28,800/2 - 1,800/2
  // = 13,500 s; talk time 100 s. The rule: hold it while more than 1 call waits, at most 10 minutes.
  const shift = (rule?: Record<string, number>) => ({
    horizon: { hours: 8 },
    contacts: { x: { priority: 1, handling: fixed(100), target } },
    handlers: { g: { answers: ['x'], ...(rule ? { breaks: rule } : {}), shifts: { d: { start: '00:00', end: '08:00', staff: 1, break_minutes: 30 } } } },
  });
  const rule = { defer_while_queue_over: 1, latest_start_minutes_after_planned: 10 };

  it('held at 13,500 (2 waiting), the handler answers on and goes once the queue is down to 1 (at 13,600)', () => {
    // call 0 is answered at 13,400 and ends at 13,500; calls 1 and 2 wait. At 13,500 the break
    // is due with 2 waiting: held. The handler takes call 1 (13,500-13,600); then 1 waits: the
    // break runs 13,600-15,400 and call 2 is answered after it.
    const s = new Story(shift(rule)).call('x', 13_400).call('x', 13_450).call('x', 13_460);
    for (const at of [13_599, 13_601, 15_399, 15_401]) s.at(at, () => `staffed ${s.staffed('g')}`);
    s.run();
    expect(s.log()).toEqual([
      'call 0 x arrived 13400, answered 13400 by g/d, ended 13500, waited 0',
      'call 1 x arrived 13450, answered 13500 by g/d, ended 13600, waited 50',
      'call 2 x arrived 13460, answered 15400 by g/d, ended 15500, waited 1940',
    ]);
    expect(s.notes).toEqual(['13599: staffed 1', '13601: staffed 0', '15399: staffed 0', '15401: staffed 1']);
  });

  it('without the rule the same calls wait for the whole break (the break starts after the call in hand)', () => {
    const s = new Story(shift()).call('x', 13_400).call('x', 13_450).call('x', 13_460).run();
    expect(s.log()).toEqual([
      'call 0 x arrived 13400, answered 13400 by g/d, ended 13500, waited 0',
      'call 1 x arrived 13450, answered 15300 by g/d, ended 15400, waited 1850',
      'call 2 x arrived 13460, answered 15400 by g/d, ended 15500, waited 1940',
    ]);
  });

  it('never later than the latest start (14,100): the handler then goes after the call in hand', () => {
    // call 0 at 13,420 (answered at once), calls 1..8 every 10 s from 13,430: call k is answered
    // at 13,420 + 100k. The queue stays over 1 all through; at 14,100 the handler is on call 6
    // (14,020-14,120), so the break runs 14,120-15,920; calls 7 and 8 wait for it.
    const s = new Story(shift(rule));
    for (let k = 0; k <= 8; k++) s.call('x', k === 0 ? 13_420 : 13_420 + 10 * k);
    s.run();
    const expected = ['call 0 x arrived 13420, answered 13420 by g/d, ended 13520, waited 0'];
    for (let k = 1; k <= 6; k++) expected.push(`call ${k} x arrived ${13_420 + 10 * k}, answered ${13_420 + 100 * k} by g/d, ended ${13_520 + 100 * k}, waited ${90 * k}`);
    expected.push('call 7 x arrived 13490, answered 15920 by g/d, ended 16020, waited 2430');
    expected.push('call 8 x arrived 13500, answered 16020 by g/d, ended 16120, waited 2520');
    expect(s.log()).toEqual(expected);
  });

  it('applies to shifts only', () => {
    expect(() =>
      scenarioOf({ contacts: { x: { priority: 1, handling: fixed(1), target } }, handlers: { g: { answers: ['x'], staff: 1, breaks: rule } } }),
    ).toThrow('handlers.g.breaks: applies to shifts (standing staff take no breaks): use shifts');
  });
});

describe('surge: call-ins when the queue is long', () => {
  // One standing handler, talk time 600 s. Surge: over 2 waiting -> 5 minutes later the first of 2
  // extra handlers, the second 5 minutes after it (ramp 10 minutes / 2), each for 1 hour.
  const surge = { when_queue_over: 2, after_minutes: 5, extra_staff: 2, ramp_minutes: 10, max_hours: 1 };
  const centre = () => ({
    contacts: { x: { priority: 1, handling: fixed(600), target } },
    handlers: { all: { answers: ['x'], staff: 1, surge } },
  });

  it('the supervisor sees 3 waiting at 60 s; extra handlers open at 360 and 660 and close an hour later, after the call in hand', () => {
    const s = new Story(centre()).call('x', 0).call('x', 10).call('x', 20).call('x', 30).call('x', 3_900);
    const changes: RosterChange[] = [];
    s.centre.roster.changes$.subscribe((c) => changes.push(c));
    for (const at of [359, 361, 661, 3_961, 4_261, 4_501]) s.at(at, () => `staffed ${s.staffed('all')}`);
    s.run();
    expect(changes).toEqual([{ kind: 'surge', group: 'all', at: 60, extraStaff: 2 }]);
    expect(s.log()).toEqual([
      'call 0 x arrived 0, answered 0 by all, ended 600, waited 0',
      'call 1 x arrived 10, answered 360 by all/surge, ended 960, waited 350',
      'call 2 x arrived 20, answered 600 by all, ended 1200, waited 580',
      'call 3 x arrived 30, answered 660 by all/surge, ended 1260, waited 630',
      // the first extra handler has been idle longest; its hour ends at 3,960 during this call
      'call 4 x arrived 3900, answered 3900 by all/surge, ended 4500, waited 0',
    ]);
    // 3,961: the first extra handler finishes its call first; 4,261: the second has gone; 4,501: both
    expect(s.notes).toEqual(['359: staffed 1', '361: staffed 2', '661: staffed 3', '3961: staffed 3', '4261: staffed 2', '4501: staffed 1']);
  });

  it('one surge at a time: the next call-out comes only after the last extra handler of this one has gone (4,260)', () => {
    const s = new Story(centre());
    for (const at of [0, 10, 20, 30, 4_100, 4_101, 4_102, 4_103, 4_104]) s.call('x', at);
    const changes: RosterChange[] = [];
    s.centre.roster.changes$.subscribe((c) => changes.push(c));
    s.run();
    // from 4,104 the queue is long again (the standing handler and the second extra one take two of
    // the five calls; 3 wait), seen at the looks at 4,140 and 4,200, but only from 4,260 may a new surge start
    expect(changes.map((c) => (c.kind === 'surge' ? c.at : -1))).toEqual([60, 4_260]);
  });

  it('those called in are at the fastest level of the training mix, or at the level named', () => {
    const levelled = (level?: string) => ({
      contacts: { x: { priority: 1, handling: fixed(600), target } },
      training_levels: { slow: { handling_multiplier: 2 }, fast: { handling_multiplier: 1 } },
      handlers: { all: { answers: ['x'], staff: 2, training_mix: { slow: 0.5, fast: 0.5 }, surge: { ...surge, ...(level ? { level } : {}) } } },
    });
    // the two standing handlers take calls 0 and 1; 2, 3 and 4 wait: the call goes out at 60, the first extra handler opens at 360
    const lastLine = (level?: string) => {
      const s = new Story(levelled(level));
      for (const at of [0, 1, 2, 3, 4]) s.call('x', at);
      return s.run().log().find((l) => l.startsWith('call 2 '));
    };
    expect(lastLine()).toBe('call 2 x arrived 2, answered 360 by all/surge/fast, ended 960, waited 358');
    expect(lastLine('slow')).toBe('call 2 x arrived 2, answered 360 by all/surge/slow, ended 1560, waited 358');
  });

  it('without a surge rule nobody is called in', () => {
    const s = new Story({ ...centre(), handlers: { all: { answers: ['x'], staff: 1 } } }).call('x', 0).call('x', 10).call('x', 20).call('x', 30).run();
    expect(s.log().at(-1)).toBe('call 3 x arrived 30, answered 1800 by all, ended 2400, waited 1770');
  });
});
