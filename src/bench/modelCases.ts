import { validateScenario } from '../scenario/load.js';
import { baseline } from './baseline.js';
import { runJobs } from '../study/pool.js';
import { reportShape, runReplication } from '../simulate.js';
import type { ReplicationResult } from '../metrics/ReplicationResult.js';
import { heavyCase } from './heavyCase.js';
import { measure, pct, type Measured, type Outcome } from './measure.js';
import type { ReferenceCase } from './referenceLoop.js';

/** The heavy case as a scenario for the model. */
function heavyScenario(c: ReferenceCase) {
  const { scenario, problems } = validateScenario({
    name: `heavy-${c.handlers}`,
    horizon: { hours: c.hours, warmup_hours: c.warmupHours },
    contacts: {
      [c.name]: {
        priority: 1,
        arrivals: { calls_per_hour: c.callsPerHour },
        handling: { exponential: { mean_seconds: c.meanHandlingSeconds } },
        patience: { exponential: { mean_seconds: c.meanPatienceSeconds } },
        target: { answer_within_seconds: c.targetSeconds },
      },
    },
    handlers: { all: { answers: [c.name], staff: c.handlers } },
  });
  if (problems.length) throw new Error(JSON.stringify(problems));
  return scenario;
}

/** The events and the counted calls' figures (all contact types together) of a replication. */
function modelOutcome(r: ReplicationResult): Outcome {
  const e = r.events;
  let offered = 0;
  let within = 0;
  let abandoned = 0;
  for (const c of r.contacts) {
    offered += c.offered;
    within += c.answeredWithinTarget;
    abandoned += c.abandoned;
  }
  return {
    calls: e.arrivals,
    modelEvents: e.arrivals + e.answers + e.serviceEnds + e.abandonments,
    withinTargetPct: pct(within, offered),
    abandonedPct: pct(abandoned, offered),
  };
}

/** The heavy case run by the model (calendar, journey, tally and streams), seed 1, replication 0. */
export function modelHeavy(calls: number, handlers: number): Promise<Measured> {
  const scenario = heavyScenario(heavyCase(calls, handlers));
  const shape = reportShape(scenario);
  return measure(async () => modelOutcome(await runReplication(scenario, shape, { seed: 1, replication: 0 })));
}

/** One simulated year of the 2022 baseline (from 2021-10-01), one replication, seed 1. */
export function year(): Promise<Measured> {
  const scenario = baseline('year');
  const shape = reportShape(scenario);
  return measure(async () => modelOutcome(await runReplication(scenario, shape, { seed: 1, replication: 0 })));
}

/** Replications `from` .. `from + count - 1` (20 from 0: all of them) of the baseline's four weeks on `workers` workers. */
export function batch(workers: number, from = 0, count = 20): Promise<Measured> {
  const scenario = baseline('four-weeks');
  const jobs = Array.from({ length: count }, (_, i) => ({ scenario, seed: 1, replication: from + i }));
  let calls = 0;
  let modelEvents = 0;
  return measure(async () => {
    await runJobs(jobs, workers, (_i, r) => {
      calls += r.events.arrivals;
      modelEvents += r.events.arrivals + r.events.answers + r.events.serviceEnds + r.events.abandonments;
    });
    return { calls, modelEvents, withinTargetPct: NaN, abandonedPct: NaN };
  });
}
