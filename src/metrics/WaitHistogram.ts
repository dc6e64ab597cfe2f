/**
 * WaitHistogram: answer times counted in fixed bins of 0.1 s, so that quantiles pooled over
 * replications, shards and machines are exact to 0.1 s and mergeable by adding counts (a
 * list of every wait would not fit in memory for a year of calls).
 *
 * Waits under one hour use a dense array; longer ones a sparse map.
 *
 * @example
 *   const h = new WaitHistogram(); h.add(3.14); h.add(12); h.quantile(0.5); // 3.15 (bin midpoint)
 */
export const WAIT_BIN_SECONDS = 0.1;
const DENSE_BINS = 36_000; // one hour of 0.1 s bins

export class WaitHistogram {
  total = 0;
  private dense: Uint32Array = new Uint32Array(DENSE_BINS);
  private sparse = new Map<number, number>();

  /** Count one wait, in seconds (>= 0). */
  add(waitSeconds: number): void {
    const bin = Math.floor(waitSeconds / WAIT_BIN_SECONDS + 1e-9);
    if (bin < DENSE_BINS) this.dense[bin]++;
    else this.sparse.set(bin, (this.sparse.get(bin) ?? 0) + 1);
    this.total++;
  }

  /** Add another histogram's counts to this one. */
  merge(other: WaitHistogram): void {
    const d = this.dense;
    const o = other.dense;
    for (let i = 0; i < DENSE_BINS; i++) d[i] += o[i];
    for (const [bin, n] of other.sparse) this.sparse.set(bin, (this.sparse.get(bin) ?? 0) + n);
    this.total += other.total;
  }

  /**
   * The p-quantile (0 < p <= 1) in seconds: the midpoint of the bin holding the
   * ceil(p * total)-th smallest wait; NaN when empty.
   */
  quantile(p: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.max(1, Math.ceil(p * this.total - 1e-9));
    let seen = 0;
    for (let i = 0; i < DENSE_BINS; i++) {
      seen += this.dense[i];
      if (seen >= rank) return (i + 0.5) * WAIT_BIN_SECONDS;
    }
    for (const bin of [...this.sparse.keys()].sort((a, b) => a - b)) {
      seen += this.sparse.get(bin)!;
      if (seen >= rank) return (bin + 0.5) * WAIT_BIN_SECONDS;
    }
    return NaN;
  }

  /** Its state for a worker thread's postMessage (the dense array's buffer can be transferred). */
  toState(): { dense: Uint32Array; sparse: [number, number][]; total: number } {
    return { dense: this.dense, sparse: [...this.sparse.entries()], total: this.total };
  }

  static fromState(state: { dense: Uint32Array; sparse: [number, number][]; total: number }): WaitHistogram {
    const h = new WaitHistogram();
    h.dense = state.dense;
    h.sparse = new Map(state.sparse);
    h.total = state.total;
    return h;
  }

  /** Sparse form for shard files: [bin, count] pairs in bin order. */
  toJSON(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < DENSE_BINS; i++) if (this.dense[i] > 0) out.push([i, this.dense[i]]);
    for (const bin of [...this.sparse.keys()].sort((a, b) => a - b)) out.push([bin, this.sparse.get(bin)!]);
    return out;
  }

  static fromJSON(pairs: [number, number][]): WaitHistogram {
    const h = new WaitHistogram();
    for (const [bin, n] of pairs) {
      if (bin < DENSE_BINS) h.dense[bin] += n;
      else h.sparse.set(bin, (h.sparse.get(bin) ?? 0) + n);
      h.total += n;
    }
    return h;
  }
}
