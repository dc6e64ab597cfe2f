import type { Rng } from '../rng.js';
import type { Distribution, DistributionFamily } from './Distribution.js';
import { requireFiniteNonNegative } from './requireRange.js';

/**
 * Draws are the base draws times `factor` (mean*factor, variance*factor^2).
 * family is the base family. A Scaled of a Scaled is flattened into one level.
 */
export class Scaled implements Distribution {
  readonly family: DistributionFamily;
  readonly mean: number;
  readonly variance: number;
  readonly base: Distribution;
  readonly factor: number;

  constructor(base: Distribution, factor: number) {
    requireFiniteNonNegative('scale factor', factor);
    let b = base;
    let f = factor;
    if (b instanceof Scaled) {
      f *= b.factor;
      b = b.base;
    }
    this.family = b.family;
    this.mean = b.mean * f;
    this.variance = b.variance * f * f;
    this.base = b;
    this.factor = f;
  }

  sample(rng: Rng): number {
    return this.base.sample(rng) * this.factor;
  }
}
