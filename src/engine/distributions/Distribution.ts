/**
 * A time distribution: a small immutable value object; all times in seconds.
 *
 * Hot-path rules for every implementation: sample() allocates nothing, creates no closures,
 * and every class initialises all of its fields in the constructor in a fixed order so each
 * class has a single hidden class. Draws use only the rng passed in, so a stream's sequence is
 * fully determined by its seed.
 *
 * Uniform inputs are in [0, 1); wherever a logarithm is taken we use 1 - u, which lies in
 * (0, 1], so log(0) never happens.
 */
import type { Rng } from '../rng.js';

export type DistributionFamily =
  | 'exponential'
  | 'fixed'
  | 'lognormal'
  | 'gamma'
  | 'uniform'
  | 'empirical';

export interface Distribution {
  readonly family: DistributionFamily;
  /** one draw, in seconds, using only the given rng */
  sample(rng: Rng): number;
  readonly mean: number; // seconds
  readonly variance: number; // seconds^2
}
