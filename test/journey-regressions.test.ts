/**
 * Regression tests for defects of the model found in review (issue 7), each failing before its fix.
 */
import { describe, expect, it } from 'vitest';
import { fixed, Story, target } from './helpers/story.js';

const WEEK = 604_800;
const levels = {
  trainee: { handling_multiplier: 2, coached: true, weeks_to_next_level: 1, becomes: 'experienced' },
  experienced: { handling_multiplier: 1 },
};

describe('standing staff (a constant headcount) with coached trainees', () => {
  it('a coach and trainee split into two positions when the trainee qualifies', () => {
    // one trainee and one experienced handler: one position (the pair) until the trainee moves
    // up at half a week (the only trainee moves at 0.5 of weeks_to_next_level), then two
    const s = new Story({
      horizon: { days: 7 },
      contacts: { x: { priority: 1, handling: fixed(100), target } },
      training_levels: levels,
      handlers: { g: { answers: ['x'], staff: 2, training_mix: { trainee: 0.5, experienced: 0.5 } } },
    });
    s.call('x', 100).call('x', 100).call('x', 400_000).call('x', 400_000).run();
    expect(s.log()).toEqual([
      'call 0 x arrived 100, answered 100 by g/trainee, ended 300, waited 0',
      'call 1 x arrived 100, answered 300 by g/trainee, ended 500, waited 200',
      'call 2 x arrived 400000, answered 400000 by g/experienced, ended 400100, waited 0',
      'call 3 x arrived 400000, answered 400000 by g/experienced, ended 400100, waited 0',
    ]);
    expect(0.5 * WEEK).toBeLessThan(400_000);
  });

  it('trainees without a coach answer nothing until one qualifies, then the qualified one coaches the other', () => {
    // two trainees, nobody to coach them: nobody answers; the first qualifies at 0.25 weeks and,
    // with a trainee still waiting for a coach, coaches them (the pair answers at trainee speed)
    const s = new Story({
      horizon: { days: 7 },
      contacts: { x: { priority: 1, handling: fixed(100), target, patience: fixed(1000) } },
      training_levels: levels,
      handlers: { g: { answers: ['x'], staff: 2, training_mix: { trainee: 1 } } },
    });
    s.call('x', 100).call('x', 200_000).run();
    expect(s.log()).toEqual([
      'call 0 x arrived 100, abandoned 1100, waited 1000',
      'call 1 x arrived 200000, answered 200000 by g/trainee, ended 200200, waited 0',
    ]);
  });
});

describe('the stall check', () => {
  it('does not take calls being handled for stuck ones: long calls after the horizon run to their end', () => {
    // one handler a day rostered round the clock, ten-day calls: nothing ends for ten days after
    // the horizon, yet nothing is stuck (the second call is answered by the next day's shift)
    const s = new Story({
      horizon: { hours: 1 },
      contacts: { x: { priority: 1, handling: fixed(10 * 86_400), target } },
      handlers: { g: { answers: ['x'], shifts: { all: { start: '00:00', end: '24:00', staff: 1 } } } },
    });
    s.call('x', 0).call('x', 10).run();
    expect(s.log()).toEqual([
      'call 0 x arrived 0, answered 0 by g/all, ended 864000, waited 0',
      'call 1 x arrived 10, answered 86400 by g/all, ended 950400, waited 86390',
    ]);
  });

  it('still stops a run whose waiting calls nobody will ever answer', () => {
    // the only people rostered are trainees with nobody to coach them, and the caller never hangs up
    const s = new Story({
      horizon: { days: 1 },
      contacts: { x: { priority: 1, handling: fixed(60), target } },
      training_levels: { trainee: { handling_multiplier: 2, coached: true } },
      handlers: { g: { answers: ['x'], training_mix: { trainee: 1 }, shifts: { day: { start: '09:00', end: '17:00', staff: 1 } } } },
    });
    s.call('x', 20 * 3600);
    expect(() => s.run()).toThrow(/still waiting a week after the end of the counted period/);
  });
});
