/**
 * Recycled call records (`simulate(..., { recycle: true })`, what `run`, `compare` and the
 * benchmark use): a call is reused for a later caller only once nothing names it any more
 * (journey/refs.ts). If a reference were missed (a pending hang-up, an overflow threshold, a
 * stale queue entry, a retry), a later caller would inherit the old call's event and the
 * journeys would change; if one were dropped twice, two callers would share one record. So:
 * every call's row, read while it is handed on, is the same with and without recycling, on
 * scenarios that take every path (BT leg, overflow, redials, switches, call-backs, rosters,
 * breaks, a major incident); and at the end every record is back in the pool, once.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Calendar } from '../src/engine/Calendar.js';
import { RandomStreams, replicationSeed } from '../src/engine/rng.js';
import { Call } from '../src/model/Call.js';
import { Origin } from '../src/model/arrivals/Origin.js';
import { ContactCentre } from '../src/model/ContactCentre.js';
import { callRow } from '../src/report/reports.js';
import { loadScenario } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/resolve.js';
import { reportShape, simulate } from '../src/simulate.js';
import { ROOT, fixture } from './fixtures/harness.js';

const CASES: [string, Scenario][] = [
  ['the 2022 baseline, 3 days', loadScenario(path.join(ROOT, 'scenarios/metcc-2022-baseline.yaml'), [
    { keyPath: 'horizon.days', value: 3 },
    { keyPath: 'horizon.warmup_days', value: 1 },
  ]).scenario],
  ['the riot day of 2011', loadScenario(path.join(ROOT, 'scenarios/riot-day-2011.yaml')).scenario],
  ['a rostered centre', loadScenario(fixture('rostered.yaml')).scenario],
];

/** Every call's row, read as it is handed on. */
function rows(scenario: Scenario, recycle: boolean): string[] {
  const shape = reportShape(scenario);
  const out: string[] = [];
  const sim = simulate(scenario, { seed: 11, replication: 1, recycle });
  sim.callBatches$.subscribe((batch) => {
    for (const c of batch) out.push(callRow(c, shape.grades, shape.levels).join(','));
  });
  sim.run();
  return out;
}

describe('recycled call records', () => {
  it.each(CASES)('give every call the same journey as new ones: %s', (_name, scenario) => {
    const fresh = rows(scenario, false);
    const recycled = rows(scenario, true);
    expect(fresh.length).toBeGreaterThan(1000);
    expect(recycled).toEqual(fresh);
  });

  it.each(CASES)('all come back to the pool once, when the run is over: %s', (_name, scenario) => {
    const calendar = new Calendar();
    const centre = new ContactCentre(scenario, calendar, new RandomStreams(replicationSeed(11, 1)), 1, true);
    const seen = new Set<Call>();
    let handedOn = 0;
    centre.start();
    const hand = () => {
      const ended = centre.takeEnded();
      for (const c of ended) seen.add(c);
      handedOn += ended.length;
      centre.handedOn(ended);
    };
    while (calendar.runEvents(512)) hand();
    hand();
    const pool = centre.state.pool;
    expect(handedOn).toBe(centre.counts.arrivals);
    expect(seen.size).toBeLessThan(handedOn / 2); // records were reused
    expect(new Set(pool).size).toBe(pool.length); // none twice
    expect(pool.length).toBe(seen.size); // none kept
    expect(pool.every((c) => c.refs === 0)).toBe(true);
    expect(pool.every((c) => c.patienceSlot === -1)).toBe(true); // no slot of the calendar still named
  });

  it('reset makes a used call every field as a new one (a field left out would carry one caller into the next)', () => {
    const centre = new ContactCentre(CASES[0][1], new Calendar(), new RandomStreams(replicationSeed(11, 1)), 1, true);
    const [type, other] = centre.contacts;
    const from = new Origin('test');
    const fresh = new Call(1, 7, type, 12, true, 'new', -1, from, 3, 0);
    const used = new Call(2, 99, other, 50, false, 'redial', 4, new Origin('other'), 8, 2) as unknown as Record<string, unknown>;
    const doubles = ['arrivedAt', 'answeredAt', 'endedAt', 'btLegSeconds', 'baseHandlingSeconds', 'patienceSeconds', 'misgradeU', 'underGradeU'];
    const own = (c: object) => Object.keys(c).filter((k) => k !== 'doubles' && k !== 'base');
    // every field of the used call given some other value
    for (const k of own(used)) {
      const v = used[k];
      if (typeof v === 'number') used[k] = v + 5;
      else if (typeof v === 'boolean') used[k] = !v;
      else if (typeof v === 'string') used[k] = `${v}x`;
    }
    for (const k of doubles.slice(1)) used[k] = 0.25;
    (used as unknown as Call).reset(1, 7, type, 12, true, 'new', -1, from, 3, 0);
    const fields = (c: object) => Object.fromEntries([...own(c), ...doubles].map((k) => [k, (c as Record<string, unknown>)[k]]));
    expect(own(used).length).toBeGreaterThan(20);
    expect(fields(used)).toEqual(fields(fresh));
  });
});
