/**
 * `npm run bench`: model events per second, wall time and peak memory.
 *
 * Case (a), the Erlang-A "heavy" set: one group of 50 handlers, mean handling 45 s, mean
 * patience 60 s, 3,800 calls an hour, FCFS; 1M and 5M calls. Each case runs in its own child
 * process so that its peak memory (max RSS) is its own.
 *
 * Case (b): one simulated year of the 2022 baseline (scenarios/metcc-2022-baseline.yaml from
 * 2021-10-01), one replication: wall time, events per second, peak memory.
 *
 * Case (c): 20 replications of the baseline's four weeks on 1 worker and on all cores, and
 * the speed-up.
 *
 * Case (d), the per-call log: the year of case (b) without a log, with calls.csv and with
 * calls.csv.gz, CPU time and its ratio; and the writer's rows per CPU-second (benchCalls.ts).
 *
 * Model events are arrivals, answers, service ends and abandonments.
 */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadScenario, validateScenario } from '../scenario/load.js';
import { runJobs } from '../study/pool.js';
import { reportShape, runReplication } from '../simulate.js';
import { Aggregate } from '../metrics/Aggregate.js';
import { callsLines, writerRates, yearWithCalls, type YearCallsResult } from './benchCalls.js';

interface CaseResult {
  name: string;
  calls: number;
  modelEvents: number;
  wallSeconds: number;
  eventsPerSecond: number;
  peakRssMb: number;
}

function heavyScenario(calls: number) {
  const callsPerHour = 3800;
  const { scenario, problems } = validateScenario({
    name: `heavy-${calls}`,
    horizon: { hours: calls / callsPerHour, warmup_hours: 0 },
    contacts: {
      '999': {
        priority: 1,
        arrivals: { calls_per_hour: callsPerHour },
        handling: { exponential: { mean_seconds: 45 } },
        patience: { exponential: { mean_seconds: 60 } },
        target: { answer_within_seconds: 10 },
      },
    },
    handlers: { all: { answers: ['999'], staff: 50 } },
  });
  if (problems.length) throw new Error(JSON.stringify(problems));
  return scenario;
}

async function runHeavy(calls: number): Promise<CaseResult> {
  const scenario = heavyScenario(calls);
  const shape = reportShape(scenario);
  const started = process.hrtime.bigint();
  const result = await runReplication(scenario, shape, { seed: 1, replication: 0 });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const agg = new Aggregate(shape);
  agg.add(result);
  const e = result.events;
  const modelEvents = e.arrivals + e.answers + e.serviceEnds + e.abandonments;
  return {
    name: `heavy Erlang-A, ${(calls / 1e6).toFixed(0)}M calls`,
    calls: e.arrivals,
    modelEvents,
    wallSeconds,
    eventsPerSecond: modelEvents / wallSeconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function inChild(arg: string): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--case', arg], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve(m as CaseResult));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`bench case ${arg} exited ${code}`))));
  });
}

function line(r: CaseResult): string {
  return [
    r.name.padEnd(32),
    `${(r.eventsPerSecond / 1e6).toFixed(2)} M events/s`.padStart(18),
    `${r.wallSeconds.toFixed(2)} s wall`.padStart(12),
    `${r.modelEvents.toLocaleString('en-GB')} events`.padStart(20),
    `peak ${r.peakRssMb.toFixed(0)} MB`.padStart(14),
  ].join('  ');
}

const BASELINE = fileURLToPath(new URL('../../scenarios/metcc-2022-baseline.yaml', import.meta.url));

async function runYear(): Promise<CaseResult> {
  const { scenario } = loadScenario(BASELINE, [
    { keyPath: 'horizon.start_date', value: '2021-10-01' },
    { keyPath: 'horizon.days', value: 365 },
  ]);
  const shape = reportShape(scenario);
  const started = process.hrtime.bigint();
  const result = await runReplication(scenario, shape, { seed: 1, replication: 0 });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const e = result.events;
  const modelEvents = e.arrivals + e.answers + e.serviceEnds + e.abandonments;
  return {
    name: '2022 baseline, one simulated year',
    calls: e.arrivals,
    modelEvents,
    wallSeconds,
    eventsPerSecond: modelEvents / wallSeconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

async function runBatch(workers: number): Promise<CaseResult> {
  const { scenario } = loadScenario(BASELINE);
  const jobs = Array.from({ length: 20 }, (_, replication) => ({ scenario, seed: 1, replication }));
  let modelEvents = 0;
  const started = process.hrtime.bigint();
  await runJobs(jobs, workers, (_i, r) => {
    modelEvents += r.events.arrivals + r.events.answers + r.events.serviceEnds + r.events.abandonments;
  });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    name: `20 x four weeks, ${workers} worker${workers === 1 ? '' : 's'}`,
    calls: 0,
    modelEvents,
    wallSeconds,
    eventsPerSecond: modelEvents / wallSeconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

async function mainBench(): Promise<void> {
  const caseIdx = process.argv.indexOf('--case');
  if (caseIdx >= 0) {
    const [kind, n] = process.argv[caseIdx + 1].split(':');
    if (kind === 'heavy') process.send!(await runHeavy(Number(n)));
    if (kind === 'year') process.send!(await runYear());
    if (kind === 'batch') process.send!(await runBatch(Number(n)));
    if (kind === 'calls') process.send!(n === 'rates' ? await writerRates() : await yearWithCalls(n as YearCallsResult['log']));
    return;
  }
  const only = process.argv[2];
  const cores = availableParallelism();
  console.log(`metcc-sim benchmark (Node ${process.version}, ${process.arch}, ${cores} cores)`);
  if (!only || only === 'a') {
    console.log('(a) Erlang-A heavy case: 50 handlers, handling 45 s, patience 60 s, 3,800 calls/h, FCFS   target >= 3 M events/s');
    for (const calls of [1_000_000, 5_000_000]) console.log(line(await inChild(`heavy:${calls}`)));
  }
  if (!only || only === 'b') {
    console.log('(b) one simulated year of the 2022 baseline (999, call-backs, 101, online; rosters)          target < 10 s');
    console.log(line(await inChild('year')));
  }
  if (!only || only === 'c') {
    console.log(`(c) 20 replications of the baseline's four weeks (+2 days warm-up), 1 worker vs ${cores}              target speed-up >= 1.8`);
    const one = await inChild('batch:1');
    console.log(line(one));
    const all = await inChild(`batch:${cores}`);
    console.log(line(all));
    console.log(`    speed-up on ${cores} cores: ${(one.wallSeconds / all.wallSeconds).toFixed(2)}x`);
  }
  if (!only || only === 'd') {
    console.log('(d) the per-call log: the year of (b) without it, with calls.csv, with calls.csv.gz       target <= 2x the CPU without');
    const years: YearCallsResult[] = [];
    for (const log of ['none', 'csv', 'csv.gz']) years.push((await inChild(`calls:${log}`)) as unknown as YearCallsResult);
    const rates = (await inChild('calls:rates')) as unknown as Awaited<ReturnType<typeof writerRates>>;
    for (const l of callsLines(years, rates)) console.log(l);
  }
}

await mainBench();
