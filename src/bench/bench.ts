/**
 * `npm run bench`: model events per second, wall time and peak memory.
 *
 * Case (a), the Erlang-A "heavy" set: one group of 50 handlers, mean handling 45 s, mean
 * patience 60 s, 3,800 calls an hour, FCFS; 1M and 5M calls. Each case runs in its own child
 * process so that its peak memory (max RSS) is its own.
 *
 * Model events are arrivals, answers, service ends and abandonments.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { validateScenario } from '../scenario/load.js';
import { reportShape, runReplication } from '../simulate.js';
import { Aggregate } from '../metrics/Aggregate.js';

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

async function mainBench(): Promise<void> {
  const caseIdx = process.argv.indexOf('--case');
  if (caseIdx >= 0) {
    const [kind, n] = process.argv[caseIdx + 1].split(':');
    if (kind === 'heavy') process.send!(await runHeavy(Number(n)));
    return;
  }
  console.log(`metcc-sim benchmark (Node ${process.version}, ${process.arch})`);
  console.log('(a) Erlang-A heavy case: 50 handlers, handling 45 s, patience 60 s, 3,800 calls/h, FCFS');
  for (const calls of [1_000_000, 5_000_000]) console.log(line(await inChild(`heavy:${calls}`)));
}

await mainBench();
