/**
 * `npm run bench [-- a|b|c|d|e] [--rounds N]`: the model's speed, side by side with a plain-JS
 * reference loop of the same model measured in the same run.
 *
 * (a) The Erlang-A heavy case (50 handlers, handling 45 s, patience 60 s, 3,800 calls an
 *     hour, FCFS), 1M and 5M calls, run by the model and by `referenceLoop` (a hand-written
 *     typed-array heap loop with the same draws) in interleaved rounds; the ratios
 *     model/reference are taken within each round and their median printed (CPU of the loop,
 *     CPU of the whole process, wall).
 * (d) 5,000 handlers against 50 at the same load per handler: the extra cost per call, for the
 *     model and for the reference.
 * (b) One simulated year of the 2022 baseline, one replication: CPU and wall seconds, in
 *     interleaved rounds with the reference at 5M calls, and the year's CPU per call over the
 *     reference's (a ratio within each round, which a drifting machine speed does not move).
 * (c) 20 replications of the baseline's four weeks on 1 worker and on all cores, and the same 20
 *     split over one independent process per core started together: what the machine gives two
 *     processes that share nothing (on a shared machine they already lose to each other).
 * (e) The per-call log: the year of (b) without a log, with calls.csv and with calls.csv.gz,
 *     in interleaved rounds (the order turning each round): CPU time, and the median of each
 *     log's CPU over the year without one in the same round; and the writer's rows per
 *     CPU-second (benchCalls.ts).
 *
 * Every run is a child process of its own, so its peak memory and its JIT are its own.
 */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { writerRates, YearCallsResult } from './benchCalls.js';
import type { Measured } from './measure.js';
import { interleaved, median, type Paired } from './rounds.js';

/** Run one case (`kind:args`) in a child process of this file. */
function inChild(arg: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--case', arg], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve(m as Measured));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`bench case ${arg} exited ${code}`))));
  });
}

/**
 * Hand a case's figures on: to the parent when forked by the bench, else as JSON on stdout (one
 * case run by hand, e.g. under valgrind: see the README's Speed section).
 */
function report(m: unknown): void {
  if (process.send) process.send(m);
  else console.log(JSON.stringify(m));
}

/** Bad input to the bench itself (its options): reported as the reason alone, exit code 1. */
class BenchInputError extends Error {}

/** What `--case` takes (the bench forks its children with these; a case may also be run by hand). */
const CASE_FORMS = /^(?:(?:model|ref):[1-9]\d*:[1-9]\d*|year|batch:[1-9]\d*(?::\d+:\d+)?|calls:(?:none|csv|csv\.gz|rates|encode:[1-9]\d{0,3}))$/;

/** In the child: run the case named on the command line and send what it measured. */
async function runCase(arg: string | undefined): Promise<void> {
  if (arg === undefined || !CASE_FORMS.test(arg)) {
    throw new BenchInputError(`--case: expected model:CALLS:HANDLERS, ref:CALLS:HANDLERS, year, batch:WORKERS[:FROM:COUNT], calls:none|csv|csv.gz|rates or calls:encode:ROUNDS (1 to 9999), got ${arg ?? 'nothing'}`);
  }
  const [kind, a, b, c] = arg.split(':');
  if (kind === 'calls') {
    const calls = await import('./benchCalls.js');
    if (a === 'encode') report(await calls.encodeRounds(Number(b)));
    else report(a === 'rates' ? await calls.writerRates() : await calls.yearWithCalls(a as YearCallsResult['log']));
    return;
  }
  let m: Measured;
  if (kind === 'ref') m = await (await import('./heavyCase.js')).referenceHeavy(Number(a), Number(b));
  else {
    const cases = await import('./modelCases.js');
    if (kind === 'model') m = await cases.modelHeavy(Number(a), Number(b));
    else if (kind === 'year') m = await cases.year();
    else m = await cases.batch(Number(a), b === undefined ? 0 : Number(b), c === undefined ? 20 : Number(c)); // batch:workers[:from:count]
  }
  report(m);
}

const n = (x: number, digits = 2) => x.toFixed(digits);
const nsPerCall = (m: Measured) => (1e9 * m.loopCpuSeconds) / m.calls;

function describe(label: string, m: Measured): string {
  return [
    `    ${label.padEnd(10)}`,
    `${n(m.loopCpuSeconds)} s CPU`.padStart(11),
    `(${n(m.processCpuSeconds)} s process)`.padStart(18),
    `${n(m.wallSeconds)} s wall`.padStart(13),
    `${n(nsPerCall(m), 0)} ns/call`.padStart(13),
    `${n(m.modelEvents / m.loopCpuSeconds / 1e6)} M events/CPU s`.padStart(21),
    // NaN (no single figure, as for a batch) comes back from the child as null: IPC is JSON
    m.withinTargetPct == null || Number.isNaN(m.withinTargetPct) ? '' : `${n(m.withinTargetPct, 3)}% within target, ${n(m.abandonedPct, 3)}% abandoned`,
    `peak ${n(m.peakRssMb, 0)} MB`,
  ].join('  ');
}

/** The median run of a list (by loop CPU). */
function typical(ms: Measured[]): Measured {
  const mid = median(ms.map((m) => m.loopCpuSeconds));
  return ms.reduce((best, m) => (Math.abs(m.loopCpuSeconds - mid) < Math.abs(best.loopCpuSeconds - mid) ? m : best));
}

function printPaired(title: string, p: Paired, rounds: number): void {
  console.log(`  ${title}`);
  console.log(describe('model', typical(p.model)));
  console.log(describe('reference', typical(p.reference)));
  console.log(
    `    model / reference, median of ${rounds} interleaved round${rounds === 1 ? '' : 's'}: ` +
      `CPU ${n(p.loopCpuRatio)}x, whole-process CPU ${n(p.processCpuRatio)}x, wall ${n(p.wallRatio)}x   (target: wall <= 1.5x)`,
  );
}

async function heavy(rounds: number): Promise<void> {
  console.log('(a) Erlang-A heavy case: 50 handlers, handling 45 s, patience 60 s, 3,800 calls/h, FCFS; the model against the plain-JS reference loop');
  for (const calls of [1_000_000, 5_000_000]) {
    const p = await interleaved(rounds, () => inChild(`model:${calls}:50`), () => inChild(`ref:${calls}:50`));
    printPaired(`${calls / 1e6}M calls`, p, rounds);
  }
}

async function manyHandlers(rounds: number): Promise<void> {
  const calls = 1_000_000;
  console.log('(d) 5,000 handlers against 50, the same load per handler (76 calls/h each), 1M calls: extra CPU per call   target: model <= +25%');
  const runs: Record<string, Measured[]> = { m50: [], m5000: [], r50: [], r5000: [] };
  for (let i = 0; i < rounds; i++) {
    runs.m50.push(await inChild(`model:${calls}:50`));
    runs.r50.push(await inChild(`ref:${calls}:50`));
    runs.m5000.push(await inChild(`model:${calls}:5000`));
    runs.r5000.push(await inChild(`ref:${calls}:5000`));
  }
  const extra = (big: Measured[], small: Measured[]) => median(big.map((m, i) => nsPerCall(m) / nsPerCall(small[i]) - 1));
  console.log(describe('model 50', typical(runs.m50)));
  console.log(describe('model 5000', typical(runs.m5000)));
  console.log(describe('ref 50', typical(runs.r50)));
  console.log(describe('ref 5000', typical(runs.r5000)));
  console.log(`    5,000 vs 50 handlers, cost per call, median of ${rounds}: model ${n(100 * extra(runs.m5000, runs.m50), 1)}%, reference ${n(100 * extra(runs.r5000, runs.r50), 1)}%`);
}

/**
 * (b) The year, in interleaved rounds with the reference loop's heavy case at 5M calls: seconds
 * do not compare from one minute to the next on a machine whose speed drifts, so beside the
 * year's CPU (the target's figure) it prints the year's CPU per call over the reference's, a
 * ratio taken within each round that holds when the seconds do not.
 */
async function yearCase(rounds: number): Promise<void> {
  console.log('(b) one simulated year of the 2022 baseline (999, call-backs, 101, online; rosters), beside the reference loop (heavy case, 5M calls)   target <= 5 s CPU');
  const p = await interleaved(rounds, () => inChild('year'), () => inChild('ref:5000000:50'));
  console.log(describe('year', typical(p.model)));
  console.log(describe('reference', typical(p.reference)));
  const perCall = median(p.model.map((m, i) => nsPerCall(m) / nsPerCall(p.reference[i])));
  const cpu = p.model.map((m) => m.loopCpuSeconds);
  console.log(
    `    year: ${n(Math.min(...cpu))}-${n(Math.max(...cpu))} s CPU over ${rounds} round${rounds === 1 ? '' : 's'}; ` +
      `CPU per call, year / reference, median of ${rounds} interleaved: ${n(perCall)}x (the machine's speed cancels out)`,
  );
}

async function mainBench(): Promise<void> {
  const caseIdx = process.argv.indexOf('--case');
  if (caseIdx >= 0) return runCase(process.argv[caseIdx + 1]);
  const roundsIdx = process.argv.indexOf('--rounds');
  const rounds = roundsIdx >= 0 ? Number(process.argv[roundsIdx + 1]) : 5;
  if (!(Number.isInteger(rounds) && rounds >= 1)) throw new BenchInputError(`--rounds must be a whole number >= 1, got ${process.argv[roundsIdx + 1] ?? 'nothing'}`);
  const only = process.argv.slice(2).find((a) => /^[abcde]$/.test(a));
  const cores = availableParallelism();
  console.log(`metcc-sim benchmark (Node ${process.version}, ${process.arch}, ${cores} cores); CPU is user + system seconds of the simulation`);
  if (!only || only === 'a') await heavy(rounds);
  if (!only || only === 'd') await manyHandlers(rounds);
  if (!only || only === 'b') await yearCase(rounds);
  if (!only || only === 'c') {
    console.log(`(c) 20 replications of the baseline's four weeks (+2 days warm-up), 1 worker vs ${cores}   target speed-up >= 1.8`);
    const one = await inChild('batch:1');
    console.log(describe('1 worker', one));
    const all = await inChild(`batch:${cores}`);
    console.log(describe(`${cores} workers`, all));
    console.log(`    speed-up on ${cores} cores (wall): ${n(one.wallSeconds / all.wallSeconds)}x`);
    // what the machine itself gives: the same 20 split over `cores` independent processes started together
    const per = Math.ceil(20 / cores);
    const started = process.hrtime.bigint();
    const parts = await Promise.all(Array.from({ length: cores }, (_, k) => inChild(`batch:1:${k * per}:${Math.max(0, Math.min(per, 20 - k * per))}`)));
    const apartWall = Number(process.hrtime.bigint() - started) / 1e9;
    const apartCpu = parts.reduce((s, m) => s + m.loopCpuSeconds, 0);
    console.log(
      `    ${cores} independent processes started together (1 worker each, ${per} replications each): ${n(apartCpu)} s CPU, ${n(apartWall)} s wall (with start-up), ` +
        `speed-up ${n(one.wallSeconds / Math.max(...parts.map((m) => m.wallSeconds)))}x; the workers reach ${n((100 * Math.max(...parts.map((m) => m.wallSeconds))) / all.wallSeconds, 0)}% of it`,
    );
  }
  if (!only || only === 'e') {
    console.log('(e) the per-call log: the year of (b) without it, with calls.csv, with calls.csv.gz       target <= 2x the CPU without');
    const { callsLines } = await import('./benchCalls.js');
    // interleaved rounds, the order turning from round to round: each ratio is taken within its round
    const logs = ['none', 'csv', 'csv.gz'] as const;
    const runs = new Map<YearCallsResult['log'], YearCallsResult[]>(logs.map((l) => [l, []]));
    for (let i = 0; i < rounds; i++) {
      for (let j = 0; j < logs.length; j++) {
        const log = logs[(i + j) % logs.length];
        runs.get(log)!.push((await inChild(`calls:${log}`)) as unknown as YearCallsResult);
      }
    }
    const rates = (await inChild('calls:rates')) as unknown as Awaited<ReturnType<typeof writerRates>>;
    for (const l of callsLines(runs, rates)) console.log(l);
  }
}

try {
  await mainBench();
} catch (err) {
  if (!(err instanceof BenchInputError)) throw err;
  console.error(`bench: ${err.message}`);
  process.exitCode = 1;
}
