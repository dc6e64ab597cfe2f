/** Streaming sum of weights given in log space, with a running maximum (no overflow). */
export class LogSum {
  max = -Infinity;
  readonly sums: number[];
  constructor(width: number) {
    this.sums = new Array<number>(width).fill(0);
  }
  /** Add exp(logWeight) * factors[i] to sums[i]; returns exp(logWeight - max) after the update. */
  add(logWeight: number, factors: readonly number[]): number {
    if (logWeight > this.max) {
      const scale = Math.exp(this.max - logWeight);
      for (let i = 0; i < this.sums.length; i++) this.sums[i]! *= scale;
      this.max = logWeight;
    }
    const e = Math.exp(logWeight - this.max);
    for (let i = 0; i < this.sums.length; i++) this.sums[i]! += e * factors[i]!;
    return e;
  }
  /** log(sums[i]) + max. */
  log(i: number): number {
    return Math.log(this.sums[i]!) + this.max;
  }
}
