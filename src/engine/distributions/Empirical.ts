import { mean, variance } from 'simple-statistics';
import type { Rng } from '../rng.js';
import type { Distribution } from './Distribution.js';
import { requireFiniteNonNegative } from './requireRange.js';

/**
 * Each listed value with equal probability (duplicates count with their
 * multiplicity). mean/variance are those of the discrete distribution itself
 * (population variance, divisor n; both from simple-statistics).
 */
export class Empirical implements Distribution {
  readonly family = 'empirical' as const;
  readonly mean: number;
  readonly variance: number;
  private readonly values: Float64Array;
  private readonly n: number;

  constructor(seconds: readonly number[]) {
    if (!Array.isArray(seconds) || seconds.length === 0) {
      throw new RangeError('empirical seconds must be a non-empty array of numbers');
    }
    const n = seconds.length;
    for (let i = 0; i < n; i++) requireFiniteNonNegative(`empirical seconds[${i}]`, seconds[i]!);
    this.mean = mean(seconds);
    this.variance = variance(seconds);
    this.values = Float64Array.from(seconds);
    this.n = n;
  }

  sample(rng: Rng): number {
    // u in [0,1) => floor(u*n) in [0, n-1] (u*n cannot round up to n in IEEE doubles)
    return this.values[Math.floor(rng() * this.n)]!;
  }
}
