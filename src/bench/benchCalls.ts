/**
 * `npm run bench`'s per-call log case (issue 12: with --calls, a simulated year costs at most
 * twice the CPU of the year without it):
 *
 * - one simulated year of the 2022 baseline, one replication, run as `run` runs it (executeJob)
 *   without a log, with calls.csv and with calls.csv.gz, each in its own child process: CPU
 *   seconds (user + system, this process: the gzip threads included), the ratio to the year
 *   without a log, peak memory and the bytes written;
 * - the writer alone: rows per CPU-second of the byte writer and of fast-csv (as calls.csv was
 *   written before) on the same four weeks of calls held in memory;
 * - by hand only (`--case calls:encode:ROUNDS`): the byte writer alone, ROUNDS times over those
 *   rows, for counting its instructions under Valgrind.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { format } from 'fast-csv';
import type { CallRecord } from '../model/records.js';
import { callRow } from '../report/reports.js';
import { baseline } from './baseline.js';
import { reportShape, runReplication } from '../simulate.js';
import { CallRowEncoder } from '../study/CallRowEncoder.js';
import { callsFileName, type CallsFormat } from '../study/callsFormat.js';
import { executeJob } from '../study/jobs.js';
import { median } from './rounds.js';

/** A year with or without the log: what one child process measures. */
export interface YearCallsResult {
  log: 'none' | CallsFormat;
  cpuSeconds: number;
  bytes: number;
  peakRssMb: number;
}

const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;

/** One simulated year of the baseline from 2021-10-01, one replication, with the log in `log` (in a temporary folder, removed). */
export async function yearWithCalls(log: 'none' | CallsFormat): Promise<YearCallsResult> {
  const scenario = baseline('year');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'metcc-bench-calls-'));
  try {
    const file = log === 'none' ? undefined : path.join(dir, callsFileName(log));
    const started = process.cpuUsage();
    await executeJob({ scenario, seed: 1, replication: 0, calls: file && log !== 'none' ? { path: file, format: log, append: false } : undefined });
    const cpu = cpuSeconds(process.cpuUsage(started));
    return { log, cpuSeconds: cpu, bytes: file ? statSync(file).size : 0, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The baseline's four weeks of calls (seed 1, replication 0), held in memory, and the shape their rows are written in. */
async function fourWeeksCalls(): Promise<{ shape: ReturnType<typeof reportShape>; calls: CallRecord[] }> {
  const scenario = baseline('four-weeks');
  const shape = reportShape(scenario);
  const calls: CallRecord[] = [];
  await runReplication(scenario, shape, { seed: 1, replication: 0, onCall: (c) => calls.push(c) });
  return { shape, calls };
}

/** Encode `calls` `rounds` times with the byte writer, its chunks counted and given back as `run` gives them back; the bytes written. */
function encodeAll(shape: ReturnType<typeof reportShape>, calls: readonly CallRecord[], rounds: number): number {
  let bytes = 0;
  for (let r = 0; r < rounds; r++) {
    const enc: CallRowEncoder = new CallRowEncoder(shape.grades, shape.levels, (chunk) => {
      bytes += chunk.length;
      enc.recycle(chunk);
    });
    for (const c of calls) enc.row(c);
    enc.flush();
  }
  return bytes;
}

/**
 * The byte writer alone, `rounds` times over the baseline's four weeks of calls held in memory
 * (chunks dropped), for counting its instructions: run it under Valgrind at two numbers of
 * rounds and divide the difference by the difference in rows (the simulation cancels out).
 */
export async function encodeRounds(rounds: number): Promise<{ rows: number; rounds: number; bytes: number }> {
  const { shape, calls } = await fourWeeksCalls();
  return { rows: calls.length, rounds, bytes: encodeAll(shape, calls, rounds) };
}

/** Rows per CPU-second of the byte writer and of fast-csv, on the baseline's four weeks of calls (chunks dropped: formatting only). */
export async function writerRates(): Promise<{ rows: number; encoderRowsPerCpuSecond: number; fastCsvRowsPerCpuSecond: number }> {
  const { shape, calls } = await fourWeeksCalls();
  const rounds = 3;
  let started = process.cpuUsage();
  encodeAll(shape, calls, rounds);
  const encoderCpu = cpuSeconds(process.cpuUsage(started));
  started = process.cpuUsage();
  const csv = format<string[], string[]>({ includeEndRowDelimiter: true });
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  const finished = new Promise<void>((resolve) => sink.once('finish', () => resolve()));
  csv.pipe(sink);
  for (const c of calls) {
    if (!csv.write(callRow(c, shape.grades, shape.levels))) await new Promise<void>((resolve) => csv.once('drain', () => resolve()));
  }
  csv.end();
  await finished;
  const fastCsvCpu = cpuSeconds(process.cpuUsage(started));
  return { rows: calls.length, encoderRowsPerCpuSecond: (rounds * calls.length) / encoderCpu, fastCsvRowsPerCpuSecond: calls.length / fastCsvCpu };
}

/**
 * The case's lines for the bench's output, from the children's results: for each log, round by
 * round in the same order (each round ran the three in turn), the CPU range, and the median over
 * rounds of its CPU over the year without a log in the same round.
 */
export function callsLines(runs: ReadonlyMap<YearCallsResult['log'], readonly YearCallsResult[]>, rates: Awaited<ReturnType<typeof writerRates>>): string[] {
  const none = runs.get('none')!;
  const lines = [...runs].map(([log, ys]) => {
    const cpu = ys.map((y) => y.cpuSeconds);
    const ratio = median(ys.map((y, i) => y.cpuSeconds / none[i].cpuSeconds));
    return [
      `  year, log: ${log}`.padEnd(24),
      `${Math.min(...cpu).toFixed(1)}-${Math.max(...cpu).toFixed(1)} s CPU`.padStart(18),
      `${ratio.toFixed(2)}x the year without (median of ${ys.length})`.padStart(40),
      `${(ys[0].bytes / 1e6).toFixed(0)} MB written`.padStart(16),
      `peak ${Math.max(...ys.map((y) => y.peakRssMb)).toFixed(0)} MB`.padStart(14),
    ].join('  ');
  });
  lines.push(
    `  writer alone (${rates.rows.toLocaleString('en-GB')} rows): byte writer ${(rates.encoderRowsPerCpuSecond / 1e6).toFixed(2)}M rows per CPU-second, ` +
      `fast-csv ${(rates.fastCsvRowsPerCpuSecond / 1e6).toFixed(2)}M (${(rates.encoderRowsPerCpuSecond / rates.fastCsvRowsPerCpuSecond).toFixed(1)}x)`,
  );
  return lines;
}
