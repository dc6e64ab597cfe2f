/** Kahan-compensated accumulator (log weights are sums of many logs). */
export class Kahan {
  sum = 0;
  private comp = 0;
  add(x: number): number {
    const y = x - this.comp;
    const t = this.sum + y;
    this.comp = t - this.sum - y;
    this.sum = t;
    return t;
  }
}
