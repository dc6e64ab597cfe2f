import type { Measured } from './measure.js';

/** The median of a list of numbers (the mean of the middle two if even). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A program's runs against the reference's, round by round, and the medians of the paired ratios. */
export interface Paired {
  model: Measured[];
  reference: Measured[];
  /** Medians over rounds of model / reference, each ratio taken within one round. */
  loopCpuRatio: number;
  processCpuRatio: number;
  wallRatio: number;
}

/**
 * Interleaved rounds: in each round the model then the reference run (alternating which goes
 * first), so a change of load on a shared machine hits both alike; a ratio is taken within a
 * round and the median over rounds is reported.
 */
export async function interleaved(rounds: number, model: () => Promise<Measured>, reference: () => Promise<Measured>): Promise<Paired> {
  const m: Measured[] = [];
  const r: Measured[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      m.push(await model());
      r.push(await reference());
    } else {
      r.push(await reference());
      m.push(await model());
    }
  }
  const ratio = (f: (x: Measured) => number) => median(m.map((x, i) => f(x) / f(r[i])));
  return {
    model: m,
    reference: r,
    loopCpuRatio: ratio((x) => x.loopCpuSeconds),
    processCpuRatio: ratio((x) => x.processCpuSeconds),
    wallRatio: ratio((x) => x.wallSeconds),
  };
}
