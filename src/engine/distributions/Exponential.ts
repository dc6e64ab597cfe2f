import type { Rng } from '../rng.js';
import type { Distribution } from './Distribution.js';
import { requireFinitePositive } from './requireRange.js';

/** Exponential with the given mean (memoryless: patience and handling in the Erlang models). */
export class Exponential implements Distribution {
  readonly family = 'exponential' as const;
  readonly mean: number;
  readonly variance: number;

  constructor(meanSeconds: number) {
    requireFinitePositive('exponential mean_seconds', meanSeconds);
    this.mean = meanSeconds;
    this.variance = meanSeconds * meanSeconds;
  }

  sample(rng: Rng): number {
    // `0 - ...` rather than unary minus so that u = 0 gives +0, not -0
    return 0 - this.mean * Math.log(1 - rng());
  }
}
