const HOUR = 3600;

/**
 * The next arrival of a Poisson process with piecewise-constant rates (one per hour from `originSeconds`)
 * after time `t`, by inversion of the cumulative rate; Infinity if none before `endSeconds`.
 * `unitExp` is a draw of an exponential with mean 1.
 */
export function nextArrival(rates: Float64Array, t: number, unitExp: number, endSeconds: number, originSeconds = 0): number {
  let remaining = unitExp;
  let h = Math.floor((t - originSeconds) / HOUR);
  let at = t;
  while (h < rates.length) {
    const segEnd = Math.min(originSeconds + (h + 1) * HOUR, endSeconds);
    const r = rates[h];
    if (r > 0) {
      const need = remaining / r;
      if (at + need < segEnd) return at + need;
      remaining -= r * (segEnd - at);
    }
    if (segEnd >= endSeconds) return Infinity;
    at = segEnd;
    h++;
  }
  return Infinity;
}
