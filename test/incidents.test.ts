/**
 * Major incidents at random times (`per_year`): their number is Poisson over the run and each
 * brings a Poisson burst of calls within `over_minutes`.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../src/scenario/load.js';
import { simulate } from '../src/simulate.js';

const scenario = (incident: Record<string, unknown>) => {
  const r = validateScenario({
    name: 'incidents',
    horizon: { days: 28 },
    contacts: { '999': { priority: 1, handling: { fixed: { seconds: 1 } }, target: { answer_within_seconds: 10 } } },
    handlers: { g: { answers: ['999'], staff: 200 } },
    major_incidents: [{ contact: '999', extra_calls: 100, over_minutes: 30, ...incident }],
  });
  expect(r.problems).toEqual([]);
  return r.scenario;
};

describe('major incidents at random', () => {
  it('bring on average per_year x years x extra_calls calls, one burst per incident', () => {
    const s = scenario({ per_year: 52 });
    const reps = 40;
    const counts: number[] = [];
    let bursts = 0;
    for (let replication = 0; replication < reps; replication++) {
      const times: number[] = [];
      const sim = simulate(s, { seed: 5, replication });
      sim.calls$.subscribe((c) => times.push(c.arrivedAt));
      sim.run();
      counts.push(times.length);
      // bursts: calls separated by more than 15 minutes (inside a burst they come every 18 s on average)
      times.sort((a, b) => a - b);
      for (let i = 0; i < times.length; i++) if (i === 0 || times[i] - times[i - 1] > 900) bursts++;
    }
    // incidents N ~ Poisson(52 x 28/365); calls a compound Poisson: mean E[N] x 100,
    // variance E[N] x (100 + 100^2); the mean of 40 replications has sd sqrt(var/40)
    const expectedIncidents = (52 * 28) / 365;
    const mean = counts.reduce((a, b) => a + b, 0) / reps;
    const sd = Math.sqrt((expectedIncidents * (100 + 100 * 100)) / reps);
    expect(Math.abs(mean - expectedIncidents * 100)).toBeLessThan(4 * sd);
    // the bursts across all replications are the incidents: Poisson(40 x 3.99), sd 12.6
    // (two incidents within 15 minutes of each other would count once: rare, about 0.2 in all)
    expect(Math.abs(bursts - reps * expectedIncidents)).toBeLessThan(4 * Math.sqrt(reps * expectedIncidents));
    // the count really varies between replications (a fixed schedule would not)
    expect(new Set(counts).size).toBeGreaterThan(10);
  });

  it('a dated incident and per_year are exclusive', () => {
    const r = validateScenario({
      name: 'x',
      horizon: { days: 1 },
      contacts: { '999': { priority: 1, arrivals: { calls_per_hour: 1 }, handling: { fixed: { seconds: 1 } }, target: { answer_within_seconds: 10 } } },
      handlers: { g: { answers: ['999'], staff: 1 } },
      major_incidents: [{ contact: '999', at_hours: 1, per_year: 3, extra_calls: 10, over_minutes: 5 }],
    });
    expect(r.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'major_incidents.0: give exactly one of at_hours, at (a dated incident) or per_year (incidents at random)',
    ]);
  });
});
