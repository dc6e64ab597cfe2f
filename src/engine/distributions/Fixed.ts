import type { Rng } from '../rng.js';
import type { Distribution } from './Distribution.js';
import { requireFiniteNonNegative } from './requireRange.js';

/** Always the same value (sd 0). */
export class Fixed implements Distribution {
  readonly family = 'fixed' as const;
  readonly mean: number;
  readonly variance: number;

  constructor(seconds: number) {
    requireFiniteNonNegative('fixed seconds', seconds);
    this.mean = seconds;
    this.variance = 0;
  }

  /** Consumes no random numbers. */
  sample(_rng: Rng): number {
    return this.mean;
  }
}
