import type { Rng } from '../rng.js';
import type { Distribution } from './Distribution.js';
import { requireFiniteNonNegative } from './requireRange.js';

/** Continuous uniform on [min, max). */
export class Uniform implements Distribution {
  readonly family = 'uniform' as const;
  readonly mean: number;
  readonly variance: number;
  readonly min: number;
  readonly width: number;

  constructor(minSeconds: number, maxSeconds: number) {
    requireFiniteNonNegative('uniform min_seconds', minSeconds);
    requireFiniteNonNegative('uniform max_seconds', maxSeconds);
    if (maxSeconds < minSeconds) {
      throw new RangeError(
        `uniform max_seconds (${maxSeconds}) must be >= min_seconds (${minSeconds})`,
      );
    }
    const w = maxSeconds - minSeconds;
    this.mean = (minSeconds + maxSeconds) / 2;
    this.variance = (w * w) / 12;
    this.min = minSeconds;
    this.width = w;
  }

  sample(rng: Rng): number {
    return this.min + this.width * rng();
  }
}
