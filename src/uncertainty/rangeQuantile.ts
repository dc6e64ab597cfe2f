/** The distribution an assumption's value is drawn from over its range. */
export interface AssumptionRange {
  low: number;
  central: number;
  high: number;
  distribution: 'triangular' | 'uniform';
}

/**
 * The value at cumulative probability u (0..1) of an assumption's range: the triangular
 * distribution with mode `central` (the default), or the uniform one over low..high.
 */
export function rangeQuantile(r: AssumptionRange, u: number): number {
  const { low: a, central: c, high: b } = r;
  if (r.distribution === 'uniform') return a + u * (b - a);
  const split = (c - a) / (b - a);
  return u < split ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
}
