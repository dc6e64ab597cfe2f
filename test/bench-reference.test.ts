/**
 * The benchmark's yardstick is right: the plain-JS reference loop (src/bench/referenceLoop.ts)
 * against the exact Erlang A formulas, and against the model it is compared with.
 *
 * Tolerances as in test/theory.test.ts: the case below (the benchmark's heavy case, 50 h
 * counted after 1 h of warm-up, about 190k calls) was first run outside the tests as 40
 * replications on seed 2024 and 40 on seed 99; the standard deviations across replications
 * were ab 0.117 / 0.121 pp, awt 0.426 / 0.418 pp, asa 0.0734 / 0.0720 s (rounded up below), and
 * the 40-replication means agreed with theory (|z| <= 0.55). The test averages R = 5
 * replications on seed 1 and requires |mean - exact| <= 4 sd / sqrt(R).
 */
import { describe, expect, it } from 'vitest';
import { heavyCase } from '../src/bench/heavyCase.js';
import { runReference } from '../src/bench/referenceLoop.js';
import { erlangA } from '../src/metrics/erlang.js';
import { validateScenario } from '../src/scenario/load.js';
import { reportShape, runReplication } from '../src/simulate.js';

const Z = 4;
const R = 5;
const SD = { ab: 0.13, awt: 0.43, asa: 0.074 };
const CASE = { ...heavyCase(0, 50), warmupHours: 1, hours: 50 };

describe('the benchmark reference loop', () => {
  it('matches Erlang A (M/M/c+M): abandonment, answered within target, mean answer time', () => {
    const runs = Array.from({ length: R }, (_, i) => runReference(CASE, 1, i));
    const exact = erlangA({ callsPerHour: CASE.callsPerHour, meanHandlingSeconds: 45, handlers: 50, targetSeconds: 10, meanPatienceSeconds: 60 });
    const mean = (f: (r: (typeof runs)[number]) => number) => runs.reduce((a, r) => a + f(r), 0) / R;
    const checks = [
      { key: 'ab', sim: mean((r) => (100 * r.abandoned) / r.offered), exact: 100 * exact.probAbandon, sd: SD.ab },
      { key: 'awt', sim: mean((r) => (100 * r.answeredWithinTarget) / r.offered), exact: 100 * exact.probAnsweredWithinTarget, sd: SD.awt },
      { key: 'asa', sim: mean((r) => r.answerSecondsSum / r.answered), exact: exact.meanAnswerSeconds, sd: SD.asa },
    ];
    for (const c of checks) {
      const tol = (Z * c.sd) / Math.sqrt(R);
      expect.soft(Math.abs(c.sim - c.exact), `${c.key}: simulated ${c.sim} vs exact ${c.exact}, tolerance ${tol}`).toBeLessThanOrEqual(tol);
    }
    for (const r of runs) expect(r.events.arrivals).toBe(r.events.serviceEnds + r.events.abandonments);
  });

  it('draws what the model draws: the same counts as the model, call for call', async () => {
    const c = { ...CASE, hours: 20 };
    const { scenario, problems } = validateScenario({
      name: 'reference',
      horizon: { hours: c.hours, warmup_hours: c.warmupHours },
      contacts: {
        '999': {
          priority: 1,
          arrivals: { calls_per_hour: c.callsPerHour },
          handling: { exponential: { mean_seconds: 45 } },
          patience: { exponential: { mean_seconds: 60 } },
          target: { answer_within_seconds: 10 },
        },
      },
      handlers: { all: { answers: ['999'], staff: 50 } },
    });
    expect(problems).toEqual([]);
    const model = await runReplication(scenario, reportShape(scenario), { seed: 3, replication: 2 });
    const ref = runReference(c, 3, 2);
    const t = model.contacts[0];
    expect(ref.events).toEqual(model.events);
    expect([ref.offered, ref.answered, ref.abandoned, ref.answeredWithinTarget]).toEqual([t.offered, t.answered, t.abandoned, t.answeredWithinTarget]);
    expect(ref.answerSecondsSum).toBeCloseTo(t.answerSecondsSum, 6);
  });
});
