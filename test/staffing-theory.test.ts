/**
 * The iterative staffing algorithm checked against queueing theory (issue 8, part 3):
 *
 * - Stationary M/M/c+M: every hour of the week needs what Erlang A says, c* = 7 handlers for
 *   80% of answered calls within 20 s at 60 calls an hour, 300 s handling and 300 s patience
 *   (Erlang A gives 74.4% with 6 and 85.0% with 7). Each hour's requirement comes from that
 *   hour's calls alone (16 weeks-replications of about 60 calls), so sampling error moves a
 *   few hours by one handler: measured over seeds 1-6, 87-93% of hours were exactly c* (147 to
 *   157 of 168), none off by more than one, converged in 2 passes. The test asks for at least
 *   80% and none off by more than one.
 * - Mt/M/st+M, a sinusoidal day (rate x (1 + 0.5 sin), 1-hour handling and patience, delay
 *   probability target: 80% of answered calls answered at once). Sized hour by hour with
 *   Erlang A (the stationary independent period-by-period method, SIPP), the delay
 *   probability swings with the day because the offered load lags the arrival rate by about a
 *   handling time (understaffed after the peak, overstaffed as demand rises); the ISA's staffing
 *   holds it near the target. Figures (4 weeks x 2 replications, hours of the day pooled over
 *   the week), seeds 5, 6, 7: SIPP 75.0-97.4%, 79.5-98.1%, 75.7-98.2% answered at once; ISA
 *   81.1-87.8%, 81.2-89.1%, 81.1-88.9%. The test asks: SIPP's range over 15 points with its best
 *   hour above 95%; the ISA's hours between 78% and 92% and its range under 0.6 of SIPP's.
 * `METCC_LONG=1` runs both with four times the data.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario, type Scenario } from '../src/scenario/load.js';
import { iterativeStaffing } from '../src/staffing/iterativeStaffing.js';
import { fewestFor, modelMetric } from '../src/staffing/erlangStep.js';
import { staffingScenario } from '../src/staffing/staffingScenario.js';
import { measureWeek, total, type WeekMeasures } from '../src/staffing/weekMeasures.js';
import type { StaffTarget } from '../src/staffing/StaffTarget.js';

const LONG = process.env.METCC_LONG === '1';

function scenarioOf(raw: Record<string, unknown>): Scenario {
  const { scenario, problems } = validateScenario(raw);
  if (problems.length) throw new Error(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return scenario;
}

describe('ISA on a stationary M/M/c+M centre gives the Erlang A answer', () => {
  it('every hour of the week needs c* = 7 (within one handler of sampling error)', async () => {
    const target: StaffTarget = { contact: 'x', kind: 'within', pct: 80, withinSeconds: 20 };
    const model = { meanHandlingSeconds: 300, meanPatienceSeconds: 300, queueAllowanceSeconds: 20 };
    const cStar = fewestFor(target, model, 5);
    expect(cStar).toBe(7);
    expect(modelMetric(target, model, 6, 5)).toBeCloseTo(74.39, 1);
    const weeks = LONG ? 16 : 8;
    const scenario = scenarioOf({
      name: 'stationary',
      seed: 3,
      horizon: { days: 7 * weeks, warmup_days: 0.25 },
      contacts: { x: { priority: 1, arrivals: { calls_per_hour: 60 }, handling: { exponential: { mean_seconds: 300 } }, patience: { exponential: { mean_seconds: 300 } }, target: { answer_within_seconds: 20 } } },
      handlers: { g: { answers: ['x'], staff: 1 } },
    });
    const r = await iterativeStaffing(scenario, [target], { seed: 3, replications: 2, workers: 1, maxIterations: 6 });
    const req = Array.from(r.requirement.get('g')!);
    const exact = req.filter((c) => c === cStar).length;
    expect(exact / 168).toBeGreaterThanOrEqual(0.8);
    expect(Math.max(...req.map((c) => Math.abs(c - cStar)))).toBeLessThanOrEqual(1);
    expect(r.converged).toBe(true);
    expect(r.iterations.length).toBeLessThanOrEqual(4);
    // the seed from the offered load (busy handlers with ample staff) is Erlang A on ~5 Erlangs
    const load = Array.from(r.offeredLoad.get('g')!);
    expect(load.reduce((a, b) => a + b, 0) / 168).toBeCloseTo(5, 0);
  }, 120_000);
});

describe('ISA on a sinusoidal day: time-stable where SIPP is not', () => {
  it('holds the share answered at once near its target every hour; Erlang A hour by hour does not', async () => {
    const rate = 60;
    const weights = Array.from({ length: 24 }, (_, h) => 1 + 0.5 * Math.sin((2 * Math.PI * (h + 0.5)) / 24));
    const scenario = scenarioOf({
      name: 'sinusoid',
      seed: 5,
      horizon: { days: 7 * (LONG ? 16 : 4), warmup_days: 1 },
      contacts: {
        x: { priority: 1, arrivals: { calls_per_day: rate * 24, hour_of_day: weights }, handling: { exponential: { mean_seconds: 3600 } }, patience: { exponential: { mean_seconds: 3600 } }, target: { answer_within_seconds: 0 } },
      },
      handlers: { g: { answers: ['x'], staff: 1 } },
    });
    const target: StaffTarget = { contact: 'x', kind: 'within', pct: 80, withinSeconds: 0 };
    const options = { seed: 5, replications: LONG ? 4 : 2, workers: 1, maxIterations: 5 };
    const isa = await iterativeStaffing(scenario, [target], options);
    const model = { meanHandlingSeconds: 3600, meanPatienceSeconds: 3600, queueAllowanceSeconds: 0 };
    const sipp = Int32Array.from({ length: 168 }, (_, h) => fewestFor(target, model, rate * weights[h % 24]));
    const sippRun = await measureWeek(staffingScenario(scenario, new Map([['g', sipp]]), [target]), options);
    const byHourOfDay = (w: WeekMeasures) =>
      Array.from({ length: 24 }, (_, hd) => {
        const c = w.contacts.get('x')!;
        let answered = 0;
        let within = 0;
        for (let d = 0; d < 7; d++) {
          answered += total(c.answered, d * 24 + hd);
          within += total(c.within, d * 24 + hd);
        }
        return (100 * within) / answered;
      });
    const a = byHourOfDay(isa.achieved);
    const s = byHourOfDay(sippRun);
    const range = (x: number[]) => Math.max(...x) - Math.min(...x);
    expect(range(s)).toBeGreaterThan(15);
    expect(Math.max(...s)).toBeGreaterThan(95);
    expect(Math.min(...a)).toBeGreaterThan(78);
    expect(Math.max(...a)).toBeLessThan(92);
    expect(range(a)).toBeLessThan(0.6 * range(s));
  }, 120_000);
});
