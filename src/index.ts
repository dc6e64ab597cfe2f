/**
 * metcc-sim as a library: load a scenario, simulate replications, fold and report them.
 *
 * @example
 *   import { simulateStudy } from 'metcc-sim';
 *   const study = await simulateStudy('scenarios/erlang-a-check.yaml', { replications: 3 });
 *   console.log(study.summary[0].serviceLevelPct);
 *
 * @example
 *   import { loadScenario, simulate } from 'metcc-sim';
 *   const { scenario } = loadScenario('scenarios/erlang-a-check.yaml');
 *   const sim = simulate(scenario, { seed: 7, replication: 0 });
 *   sim.calls$.subscribe((call) => console.log(call.contact, call.waitSeconds));
 *   sim.run();
 */
export { simulate, runReplication, reportShape, type Simulation, type RunTotals } from './simulate.js';
export { loadScenario, validateScenario, parseOverride, ScenarioError, type Scenario, type LoadedScenario, type Override, type ScenarioSource, type Problem } from './scenario/load.js';
export type { ScenarioInput } from './scenario/schema.js';
export { leversOf, priceInvestment, applyInvestment, costingJson, costingText, type Costing, type LeverCost, type Lever, type InvestmentReport, type InvestmentOptions, type InvestmentParts } from './investment/index.js';
export { scenarioJsonSchema, type JsonSchema } from './scenario/jsonSchema.js';
export type { CallRecord, HandlerIntervalRecord, Outcome, CallSource } from './model/records.js';
export { Calendar, Tie } from './engine/Calendar.js';
export { SimScheduler } from './engine/SimScheduler.js';
export { RandomStreams, replicationSeed } from './engine/rng.js';
export { distributionFrom } from './engine/distributions.js';
export { Aggregate, type ContactSummary } from './metrics/Aggregate.js';
export type { ReplicationFigures } from './metrics/replicationFigures.js';
export { compareAggregates, type ComparisonRow } from './metrics/comparison.js';
export { erlangB, erlangC, erlangA, intervalFigures, fewestHandlers, priorityMeanWaits } from './metrics/erlang.js';
export { simulateStudy, type SimulateStudyOptions, type StudyOutcome } from './study/simulateStudy.js';
export { runStudy, type StudyOptions, type StudyResult } from './study/runStudy.js';
export { mergeShards } from './study/mergeShards.js';
export type { JobProgress } from './study/jobProgress.js';
export { compareStudies } from './study/compare.js';
export { runSweep } from './study/sweep.js';
export { main } from './cli/main.js';
