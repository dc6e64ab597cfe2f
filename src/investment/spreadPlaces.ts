/**
 * `count` places spread over shifts in proportion to their weights by the largest-remainder
 * method: each shift gets the whole part of its quota count x weight / total, and the places
 * left over go one each to the largest fractional parts (ties to the shift listed first).
 * The result sums to `count` exactly (zero weights get nothing; all-zero weights: an error).
 *
 * @example spreadPlaces(3, new Map([['early', 2], ['late', 1]])) // Map { early => 2, late => 1 }
 */
export function spreadPlaces(count: number, weights: ReadonlyMap<string, number>): Map<string, number> {
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  const out = new Map<string, number>();
  if (count === 0) {
    for (const name of weights.keys()) out.set(name, 0);
    return out;
  }
  if (!(total > 0)) throw new RangeError('spreadPlaces: every weight is zero');
  const rest: { name: string; fraction: number; order: number }[] = [];
  let given = 0;
  let order = 0;
  for (const [name, w] of weights) {
    const quota = (count * w) / total;
    // a quota within rounding of a whole number is that number (18 x 10 / 180 = 1, not 0.9999...)
    const whole = Math.floor(quota + 1e-9);
    out.set(name, whole);
    given += whole;
    rest.push({ name, fraction: w > 0 ? quota - whole : -1, order: order++ });
  }
  rest.sort((a, b) => b.fraction - a.fraction || a.order - b.order);
  for (let i = 0; i < count - given; i++) out.set(rest[i].name, out.get(rest[i].name)! + 1);
  return out;
}
