import { assertInteger } from './argumentChecks.js';

/**
 * Erlang B blocking probability (0..1) for `servers` (integer >= 0) and offered load in Erlangs.
 * Example: erlangB(2, 1) === 0.2; erlangB(10, 4.4612) ≈ 0.01.
 */
export function erlangB(servers: number, offeredLoadErlangs: number): number {
  assertInteger('servers', servers, 0);
  if (Number.isNaN(offeredLoadErlangs) || offeredLoadErlangs < 0) {
    throw new RangeError(`offeredLoadErlangs must be >= 0 (got ${offeredLoadErlangs})`);
  }
  if (servers === 0) return 1;
  if (offeredLoadErlangs === 0) return 0;
  if (offeredLoadErlangs === Infinity) return 1;
  // Numerically stable recursion B(k) = a B(k-1) / (k + a B(k-1)), B(0) = 1.
  const a = offeredLoadErlangs;
  let b = 1;
  for (let k = 1; k <= servers; k++) {
    const ab = a * b;
    b = ab / (k + ab);
  }
  return b;
}
