import type { Rng } from '../rng.js';

/** 2 pi, for the Box-Muller transform (Lognormal and Gamma inline it on their hot path). */
export const TWO_PI = 2 * Math.PI;

/**
 * One standard normal draw from two uniforms (Box-Muller, cosine branch only).
 * The sine value is deliberately discarded: no hidden cache, so the result
 * depends only on the stream's next two numbers.
 */
export function standardNormal(rng: Rng): number {
  const r = Math.sqrt(-2 * Math.log(1 - rng()));
  return r * Math.cos(TWO_PI * rng());
}
