import type { Aggregate, ContactSummary } from '../metrics/Aggregate.js';
import { Aggregate as AggregateClass } from '../metrics/Aggregate.js';
import { loadScenario, ScenarioError, validateScenario, type Override, type Scenario } from '../scenario/load.js';
import type { ScenarioInput } from '../scenario/schema.js';
import { reportShape } from '../simulate.js';
import { JobTracker, simulatedSeconds, type JobProgress } from './jobProgress.js';
import type { Job } from './jobs.js';
import { runJobs } from './pool.js';

export interface SimulateStudyOptions {
  /** Base seed (default: the scenario's). */
  seed?: number;
  /** Independent replications (default: the scenario's). */
  replications?: number;
  /** Worker threads (default 1: this thread). Results do not depend on it. */
  workers?: number;
  /** `--set` overrides by key path, applied after the file (a scenario file given by path only). */
  overrides?: readonly Override[];
  /** Told how the replications are going. */
  onProgress?: (p: JobProgress) => void;
}

/** A study's results in memory: the folded replications and the figures every report is made of. */
export interface StudyOutcome {
  /** The scenario as run: extends, overrides and defaults applied. */
  scenario: Scenario;
  seed: number;
  replications: number;
  /** Per contact type, pooled over replications (summary.csv's figures). */
  summary: ContactSummary[];
  /** Every replication folded: intervalRows(), peelRows(), handlerRows(), staffingRows(), waits[k].quantile(p). */
  aggregate: Aggregate;
  wallSeconds: number;
}

/**
 * Run a scenario's replications and return the results, writing no file: the library form of
 * `metcc-sim run` (whose reports `runStudy` writes). The scenario is a file path (YAML or
 * JSON, `extends` and `overrides` applied) or a scenario object; either is validated, and a
 * bad one throws a ScenarioError listing every problem with its key path.
 *
 * @example
 *   const study = await simulateStudy('scenarios/erlang-a-check.yaml', { replications: 3 });
 *   study.summary.map((s) => `${s.contact}: ${s.serviceLevelPct.toFixed(1)}%`);
 */
export async function simulateStudy(input: string | ScenarioInput, options: SimulateStudyOptions = {}): Promise<StudyOutcome> {
  const started = process.hrtime.bigint();
  const scenario = typeof input === 'string' ? loadScenario(input, options.overrides).scenario : validated(input);
  const seed = options.seed ?? scenario.seed;
  const replications = options.replications ?? scenario.replications;
  const aggregate = new AggregateClass(reportShape(scenario));
  const jobs: Job[] = Array.from({ length: replications }, (_, replication) => ({ scenario, seed, replication }));
  const progress = new JobTracker(replications, options.onProgress).batch(0, () => scenario.name, () => simulatedSeconds(scenario));
  await runJobs(jobs, options.workers ?? 1, (_i, result) => aggregate.add(result), progress);
  return { scenario, seed, replications, summary: aggregate.summary(), aggregate, wallSeconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function validated(input: ScenarioInput): Scenario {
  const { scenario, problems } = validateScenario(input);
  if (problems.length > 0) throw new ScenarioError('(scenario object)', problems);
  return scenario;
}
