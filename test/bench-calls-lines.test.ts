/**
 * `npm run bench`'s case (e) prints, for each log, the median over rounds of its CPU over the
 * year without a log in the same round (a ratio within a round, which a drifting machine speed
 * does not move), not a ratio of medians or of runs from different rounds.
 */
import { describe, expect, it } from 'vitest';
import { callsLines, type YearCallsResult } from '../src/bench/benchCalls.js';

const year = (log: YearCallsResult['log'], cpuSeconds: number, peakRssMb = 100): YearCallsResult => ({ log, cpuSeconds, bytes: log === 'none' ? 0 : 744e6, peakRssMb });
const rates = { rows: 1000, encoderRowsPerCpuSecond: 1.2e6, fastCsvRowsPerCpuSecond: 0.15e6 };

describe('bench case (e): the per-call log against the year without it', () => {
  it('takes each ratio within its round and prints their median, the CPU range and the highest peak', () => {
    // rounds: the machine ran at 10, 20 and 40 s a year; csv took 3.0x, 1.1x and 1.1x of its round's year
    // (a ratio of medians would say 1.50x; pairing csv's rounds out of order, something else again)
    const runs = new Map<YearCallsResult['log'], YearCallsResult[]>([
      ['none', [year('none', 10), year('none', 20), year('none', 40)]],
      ['csv', [year('csv', 30, 120), year('csv', 22, 130), year('csv', 44, 125)]],
    ]);
    const [none, csv, writer] = callsLines(runs, rates);
    expect(none).toMatch(/10\.0-40\.0 s CPU +1\.00x the year without \(median of 3\)/);
    expect(csv).toMatch(/22\.0-44\.0 s CPU +1\.10x the year without \(median of 3\) +744 MB written +peak 130 MB/);
    expect(writer).toMatch(/byte writer 1\.20M rows per CPU-second, fast-csv 0\.15M \(8\.0x\)/);
  });
});
