import type { Rng } from '../rng.js';
import type { Distribution } from './Distribution.js';
import { requireFiniteNonNegative, requireFinitePositive } from './requireRange.js';
import { TWO_PI } from './standardNormal.js';

/**
 * Lognormal parameterised by the mean m and standard deviation s of the
 * variable itself: log X ~ N(mu, sigma^2) with
 *   sigma^2 = ln(1 + s^2/m^2),  mu = ln(m) - sigma^2/2.
 * sd 0 is allowed (degenerate at the mean).
 */
export class Lognormal implements Distribution {
  readonly family = 'lognormal' as const;
  readonly mean: number;
  readonly variance: number;
  /** mean of log X */
  readonly mu: number;
  /** sd of log X */
  readonly sigma: number;

  constructor(meanSeconds: number, sdSeconds: number) {
    requireFinitePositive('lognormal mean_seconds', meanSeconds);
    requireFiniteNonNegative('lognormal sd_seconds', sdSeconds);
    const cv = sdSeconds / meanSeconds;
    const sigma2 = Math.log1p(cv * cv);
    this.mean = meanSeconds;
    this.variance = sdSeconds * sdSeconds;
    this.mu = Math.log(meanSeconds) - sigma2 / 2;
    this.sigma = Math.sqrt(sigma2);
  }

  sample(rng: Rng): number {
    const r = Math.sqrt(-2 * Math.log(1 - rng()));
    return Math.exp(this.mu + this.sigma * r * Math.cos(TWO_PI * rng()));
  }
}
