import type { Rng } from '../rng.js';
import type { Distribution } from './Distribution.js';
import { requireFiniteNonNegative, requireFinitePositive } from './requireRange.js';
import { TWO_PI } from './standardNormal.js';

/**
 * Gamma with the given mean m and sd s: shape k = m^2/s^2, scale theta = s^2/m.
 * Marsaglia & Tsang (2000) squeeze/rejection for shape >= 1; for shape < 1 a
 * Gamma(k+1) draw is multiplied by U^(1/k) (Marsaglia & Tsang's boost).
 * sd 0 is allowed (degenerate at the mean, consumes no random numbers).
 */
export class Gamma implements Distribution {
  readonly family = 'gamma' as const;
  readonly mean: number;
  readonly variance: number;
  readonly shape: number;
  readonly scale: number;
  /** Marsaglia-Tsang d = a - 1/3 for a = max(shape, shape + 1 if shape < 1) */
  private readonly d: number;
  /** Marsaglia-Tsang c = 1/sqrt(9d) */
  private readonly c: number;
  /** 1/shape when shape < 1 (boost exponent), else 0 (no boost) */
  private readonly boostExponent: number;
  private readonly degenerate: boolean;

  constructor(meanSeconds: number, sdSeconds: number) {
    requireFinitePositive('gamma mean_seconds', meanSeconds);
    requireFiniteNonNegative('gamma sd_seconds', sdSeconds);
    this.mean = meanSeconds;
    this.variance = sdSeconds * sdSeconds;
    this.degenerate = sdSeconds === 0;
    if (this.degenerate) {
      this.shape = Infinity;
      this.scale = 0;
      this.d = 0;
      this.c = 0;
      this.boostExponent = 0;
    } else {
      const cv = sdSeconds / meanSeconds;
      this.shape = 1 / (cv * cv);
      this.scale = sdSeconds * cv; // s^2/m
      const a = this.shape < 1 ? this.shape + 1 : this.shape;
      this.d = a - 1 / 3;
      this.c = 1 / Math.sqrt(9 * this.d);
      this.boostExponent = this.shape < 1 ? 1 / this.shape : 0;
    }
  }

  sample(rng: Rng): number {
    if (this.degenerate) return this.mean;
    const d = this.d;
    const c = this.c;
    let x: number;
    let v: number;
    for (;;) {
      do {
        x = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(TWO_PI * rng());
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = rng();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) break;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) break;
    }
    let g = d * v * this.scale;
    if (this.boostExponent !== 0) g *= Math.pow(1 - rng(), this.boostExponent);
    return g;
  }
}
