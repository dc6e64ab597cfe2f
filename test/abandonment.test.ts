/**
 * Abandonment as published (issue 10, item 3): short abandons (the caller hung up on the BT leg,
 * or within `reporting.short_abandon_seconds` of reaching the force) reported apart from
 * abandons after a wait, from a hand-worked log; short + after a wait = all abandoned, on every
 * report that carries them; a short abandon still redials as before.
 */
import { describe, expect, it } from 'vitest';
import { Aggregate } from '../src/metrics/Aggregate.js';
import { compareAggregates } from '../src/metrics/comparison.js';
import { ReplicationTally } from '../src/metrics/ReplicationTally.js';
import { reportShape } from '../src/simulate.js';
import { fixed, Story, target } from './helpers/story.js';
import { peelTable, replicationsTable, summaryTable } from '../src/report/reports.js';

/**
 * One handler; every call rides a 3 s BT leg. Call 0 (x, no patience) arrives at 0, reaches the
 * force at 3 and is answered at once, keeping the handler busy until 63. Four callers arrive at
 * 1 and reach the force at 4, each with its own fixed patience (from arrival):
 *   a  2 s: hangs up at 3, still on the BT leg                -> short
 *   b  6 s: hangs up at 7, 3 s after reaching the force         -> short (under 5 s)
 *   e  8 s: hangs up at 9, exactly 5 s after reaching the force -> after a wait (5 s is not under 5 s)
 *   c 30 s: hangs up at 31, 27 s after reaching the force      -> after a wait
 * The force calls a back at once (a call-back task, answered when the handler is free at 63);
 * the caller of b redials 100 s after hanging up (at 107), reaches the force at 110 and is answered.
 */
const bt = fixed(3);
const story = (reporting?: Record<string, unknown>) =>
  new Story({
    ...(reporting ? { reporting } : {}),
    contacts: {
      x: { priority: 1, handling: fixed(60), target, bt_connect: bt },
      a: { priority: 1, handling: fixed(60), target, bt_connect: bt, patience: fixed(2), on_abandon: { call_back: { contact: 'cb', probability: 1 } } },
      b: { priority: 1, handling: fixed(60), target, bt_connect: bt, patience: fixed(6), on_abandon: { redial: { probability: 1, delay: fixed(100) } } },
      e: { priority: 1, handling: fixed(60), target, bt_connect: bt, patience: fixed(8) },
      c: { priority: 1, handling: fixed(60), target, bt_connect: bt, patience: fixed(30) },
      cb: { priority: 2, handling: fixed(30), target },
    },
    handlers: { all: { answers: ['x', 'a', 'b', 'e', 'c', 'cb'], staff: 1 } },
  })
    .call('x', 0)
    .call('a', 1)
    .call('b', 1)
    .call('e', 1)
    .call('c', 1)
    .run();

function aggregateOf(s: Story): Aggregate {
  const shape = reportShape(s.scenario);
  const tally = new ReplicationTally(shape, 0, 1);
  for (const c of s.calls) tally.call(c);
  const agg = new Aggregate(shape);
  agg.add(tally.result({ arrivals: 0, answers: 0, serviceEnds: 0, abandonments: 0 }, 0));
  return agg;
}

describe('short abandons apart from abandons after a wait', () => {
  it('the hand-worked log: who hung up when', () => {
    expect(story().log()).toEqual([
      'call 1 a arrived 1, abandoned 3, waited 2',
      'call 2 b arrived 1, abandoned 7, waited 6',
      'call 3 e arrived 1, abandoned 9, waited 8',
      'call 4 c arrived 1, abandoned 31, waited 30',
      'call 0 x arrived 0, answered 3 by all, ended 63, waited 3',
      // short abandons still get a call-back (call 1) and redial (call 2), as before
      'call 5 cb arrived 3 (call_back of call 1), answered 63 by all, ended 93, waited 60',
      'call 6 b arrived 107 (redial of call 2), answered 110 by all, ended 170, waited 3',
    ]);
  });

  it('counts them by hand: a and b short (BT leg, 3 s at the force), e (5 s) and c (27 s) after a wait', () => {
    const agg = aggregateOf(story());
    const row = (name: string) => agg.summary().find((r) => r.contact === name)!;
    expect([row('a').abandoned, row('a').abandonedShort, row('a').abandonedAfterWait]).toEqual([1, 1, 0]);
    expect([row('b').abandoned, row('b').abandonedShort, row('b').abandonedAfterWait]).toEqual([1, 1, 0]);
    expect([row('e').abandoned, row('e').abandonedShort, row('e').abandonedAfterWait]).toEqual([1, 0, 1]);
    expect([row('c').abandoned, row('c').abandonedShort, row('c').abandonedAfterWait]).toEqual([1, 0, 1]);
    // b was offered twice (the redial counts), so half its calls were abandoned, none after a wait
    expect([row('b').offered, row('b').abandonedPct, row('b').abandonedAfterWaitPct]).toEqual([2, 50, 0]);
    expect([row('c').abandonedPct, row('c').abandonedAfterWaitPct]).toEqual([100, 100]);
  });

  it('the threshold is a scenario setting: at 0 s only the BT-leg hang-up is short; at 10 s all but c', () => {
    const short = (reporting: Record<string, unknown>) =>
      aggregateOf(story(reporting))
        .summary()
        .map((r) => `${r.contact} ${r.abandonedShort}/${r.abandoned}`);
    expect(short({ short_abandon_seconds: 0 })).toEqual(['x 0/0', 'a 1/1', 'b 0/1', 'e 0/1', 'c 0/1', 'cb 0/0']);
    expect(short({ short_abandon_seconds: 10 })).toEqual(['x 0/0', 'a 1/1', 'b 1/1', 'e 1/1', 'c 0/1', 'cb 0/0']);
    expect(story().scenario.reporting.short_abandon_seconds).toBe(5);
  });

  it('short + after a wait = abandoned on summary.csv, replications.csv, peel.csv and in compare', () => {
    const agg = aggregateOf(story());
    const check = (table: { headers: readonly string[]; rows: string[][] }) => {
      const col = (name: string) => table.headers.indexOf(name);
      expect(col('abandoned_short')).toBeGreaterThan(0);
      for (const r of table.rows) {
        expect(Number(r[col('abandoned_short')]) + Number(r[col('abandoned_after_wait')])).toBeCloseTo(Number(r[col('abandoned')]), 9);
      }
      return table.rows.map((r) => r[col('abandoned_after_wait_pct')]);
    };
    expect(check(summaryTable('s', agg))).toEqual(['0', '0', '0', '100', '100', '0']);
    check(replicationsTable('s', agg));
    check(peelTable('s', agg, { intervalLabel: String, monthLabel: String }));
    const metrics = compareAggregates(agg, agg).filter((r) => r.contact === 'b').map((r) => `${r.metric} ${r.baseline}`);
    expect(metrics).toEqual(expect.arrayContaining(['abandoned_short 1', 'abandoned_after_wait 0', 'abandoned_after_wait_pct 0']));
  });
});
