import { assertInteger } from './argumentChecks.js';
import { erlangB } from './erlangB.js';

/** Erlang C from the Erlang B value (requires 0 <= a < c; intervalFigures and fewestHandlers carry B along c). */
export function erlangCFromB(c: number, a: number, b: number): number {
  return Math.min(1, (c * b) / (c - a * (1 - b)));
}

/**
 * Erlang C probability (0..1) that an arriving call waits in M/M/c; 1 if load >= servers.
 * Example: erlangC(2, 1) === 1/3; erlangC(11, 10) ≈ 0.6821.
 */
export function erlangC(servers: number, offeredLoadErlangs: number): number {
  assertInteger('servers', servers, 0);
  if (Number.isNaN(offeredLoadErlangs) || offeredLoadErlangs < 0) {
    throw new RangeError(`offeredLoadErlangs must be >= 0 (got ${offeredLoadErlangs})`);
  }
  if (offeredLoadErlangs >= servers) return 1;
  if (offeredLoadErlangs === 0) return 0;
  return erlangCFromB(servers, offeredLoadErlangs, erlangB(servers, offeredLoadErlangs));
}
