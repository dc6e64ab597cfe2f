import { knobOverrides, resolveKnobs, type Knob } from '../calibrate/Knob.js';
import { readTargets, type Target } from '../calibrate/readTargets.js';
import { JACOBIAN_STEP, targetSources } from '../calibrate/runCalibration.js';
import type { TargetSource } from '../calibrate/targetMetric.js';
import { periodSpan } from '../calibrate/period.js';
import type { LoadedScenario, Override } from '../scenario/load.js';
import { gaussNewtonStep } from './gaussNewton.js';
import { valueAt } from './Assumption.js';
import { UncertaintyError } from './UncertaintyError.js';

/**
 * The baseline's calibration, to re-fit after an assumption moves: its knobs (the
 * `calibration:` section) at their calibrated values θ0 (the file's own), the targets they
 * were fitted to, and the Jacobian of the targets' simulated figures in the knobs at θ0 (central
 * differences, as `calibrate` computes it at its optimum: JACOBIAN_STEP of each knob's range).
 */
export class Refit {
  private constructor(
    readonly knobs: Knob[],
    readonly targets: Target[],
    readonly sources: TargetSource[],
    readonly theta0: number[],
  ) {}

  jacobian: number[][] = [];

  static async of(base: LoadedScenario, sets: readonly Override[], targetsFile: string): Promise<Refit> {
    const knobs = resolveKnobs(base, sets, []);
    for (const k of knobs) {
      const own = valueAt(base.scenario, k.path);
      if (typeof own !== 'number' || own < k.low || own > k.high) {
        throw new UncertaintyError(`${base.file}: calibration.knobs: ${k.path} is ${String(own)} in the scenario; expected its calibrated value, between the knob's bounds ${k.low} and ${k.high}`);
      }
    }
    const all = await readTargets(targetsFile);
    // a window of the horizon (--set horizon...) re-fits to the targets inside it
    const outside = (t: Target) => {
      const span = periodSpan(t.periodSpec, base.scenario);
      return typeof span === 'string' && span.startsWith('not inside the horizon');
    };
    const targets = all.filter((t) => !outside(t));
    if (!targets.some((t) => t.weight > 0)) {
      throw new UncertaintyError(`${targetsFile}: no fitted target (weight > 0) lies inside ${base.file}'s counted period; expected targets of the period the scenarios run over, or no --targets (nothing re-fitted)`);
    }
    const refit = new Refit(knobs, targets, targetSources(targetsFile, targets, base), knobs.map((k) => k.start));
    refit.leftOut = all.filter(outside).map((t) => `line ${t.line} (${t.period} ${t.contact} ${t.metric.name})`);
    return refit;
  }

  /** Targets left out of the re-fit: their periods lie outside the counted period. */
  leftOut: string[] = [];

  get used(): boolean[] {
    return this.targets.map((t) => t.weight > 0);
  }

  /**
   * The knobs moved from θ0 to θ, as overrides of a scenario (knobs not moved are left alone):
   * in the baseline (`own` absent), as `calibrate` sets them: every key path of the knob (its
   * `also:` ones too) at θ; in a variant, each key at its own value plus (θ − θ0), so a variant
   * that changed a knob's key keeps its change. Whole-number knobs rounded.
   */
  overrides(theta: readonly number[], own?: LoadedScenario): Override[] {
    return this.knobs.flatMap((k, j) => {
      if (theta[j] === this.theta0[j]) return [];
      const value = k.integer ? Math.round(theta[j]) : theta[j];
      if (!own) return knobOverrides(k, value);
      return [k.path, ...k.also].map((keyPath) => {
        const v = valueAt(own.scenario, keyPath);
        const shifted = (typeof v === 'number' ? v : this.theta0[j]) + theta[j] - this.theta0[j];
        return { keyPath, value: k.integer ? Math.round(shifted) : shifted };
      });
    });
  }

  /**
   * The points of the Jacobian: each knob a step either side of θ0 (central differences), or
   * one step up (forward differences, against the central point: half the runs; a knob at its
   * high bound steps down). Inside the knobs' bounds.
   */
  jacobianPoints(kind: 'central' | 'forward'): number[][] {
    return this.knobs.flatMap((k, j) => {
      const h = k.integer ? Math.max(1, Math.round(JACOBIAN_STEP * (k.high - k.low))) : JACOBIAN_STEP * (k.high - k.low);
      const at = (s: number) => this.theta0.map((v, i) => (i === j ? Math.min(k.high, Math.max(k.low, v + s * h)) : v));
      if (kind === 'central') return [at(-1), at(1)];
      return [this.theta0[j] + h <= k.high ? at(1) : at(-1)];
    });
  }

  /** Set the Jacobian from the targets' figures at jacobianPoints(kind) (in their order), and at θ0 (for forward differences). */
  setJacobian(kind: 'central' | 'forward', points: readonly number[][], figures: readonly number[][], central: readonly number[]): void {
    this.jacobian = this.targets.map((_, t) =>
      this.knobs.map((_, j) => {
        if (kind === 'forward') {
          const dx = points[j][j] - this.theta0[j];
          return dx !== 0 ? (figures[j][t] - central[t]) / dx : NaN;
        }
        const [lo, hi] = [2 * j, 2 * j + 1];
        const dx = points[hi][j] - points[lo][j];
        return dx > 0 ? (figures[hi][t] - figures[lo][t]) / dx : NaN;
      }),
    );
  }

  /** One step of the re-fit from knobs θ, given the targets' figures at θ with the assumption moved, and at the central point. */
  step(movedFigures: readonly number[], centralFigures: readonly number[], from: readonly number[]): number[] {
    return gaussNewtonStep({
      jacobian: this.jacobian,
      moved: movedFigures.map((v, t) => v - centralFigures[t]),
      used: this.used,
      weights: this.targets.map((t) => t.weight),
      scales: this.targets.map((t) => t.scale),
      knobs: [...from],
      low: this.knobs.map((k) => k.low),
      high: this.knobs.map((k) => k.high),
    });
  }

  /** Column stems for the targets (as evaluations.csv names them). */
  targetLabels(): string[] {
    return this.targets.map((t) => `line${t.line}_${t.contact}_${t.metric.name}`);
  }
}
