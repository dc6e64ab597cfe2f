import type { LoadedScenario, Override } from '../scenario/load.js';
import type { Progress } from '../study/pool.js';
import { assumptionsOf, checkAssumptions, overridesAt, type Assumption, type Loader } from './Assumption.js';
import { latinHypercube } from './latinHypercube.js';
import { PointRunner, type PointSpec } from './PointRunner.js';
import { outputSources, projectionOutputs, type ProjectionOutput } from './projectionOutputs.js';
import { rangeQuantile } from './rangeQuantile.js';
import { Refit } from './Refit.js';
import { UncertaintyError } from './UncertaintyError.js';
import { meanHalfWidth } from '../metrics/confidence.js';
import { objectiveOf } from './gaussNewton.js';

export interface UncertaintyOptions {
  baseline: { file: string; load: Loader };
  variant: { file: string; load: Loader };
  /** --set overrides (already in the loaders; kept for the knobs' checks). */
  sets: readonly Override[];
  /** The published figures the baseline's knobs were fitted to; without it, nothing is re-fitted. */
  targetsFile?: string;
  samples: number;
  tornado: boolean;
  /** The Jacobian by central differences (as calibrate computes it) or forward ones (half the runs). */
  jacobian: 'central' | 'forward';
  /** Gauss–Newton steps of the re-fit (1: one step from the calibrated knobs; each more costs one baseline run a point). */
  refitSteps: number;
  seed: number;
  replications: number;
  workers: number;
  /** Structural alternatives: another baseline and variant each, loaded as the comparison's own are. */
  structural: readonly { baseline: { file: string; load: Loader }; variant: { file: string; load: Loader } }[];
  onProgress?: (p: Progress, doing: string) => void;
}

/** One point of the study: every assumption's value, the re-fitted knobs and what the scenarios then project. */
export interface StudyPoint {
  /** Per assumption (in `assumptions` order). */
  values: number[];
  /** Re-fitted knobs (empty without a re-fit). */
  knobs: number[];
  /** Targets' figures at θ0 with the assumptions moved (before the re-fit) and at the re-fitted knobs (after). */
  targetsBefore: number[];
  targetsAfter: number[];
  /** The calibration objective after the re-fit (against the published figures). */
  objectiveAfter: number;
  /** Per output: baseline, variant, effect (variant − baseline), and the effect's sampling half-width (paired over replications; null with one). */
  baseline: number[];
  variant: number[];
  effect: number[];
  effectCi95: (number | null)[];
}

export interface TornadoBar {
  assumption: Assumption;
  low: StudyPoint;
  high: StudyPoint;
  /** Per output: |effect at high − effect at low|. */
  swing: number[];
}

export interface UncertaintyResult {
  baseline: LoadedScenario;
  variant: LoadedScenario;
  assumptions: Assumption[];
  outputs: ProjectionOutput[];
  refit: Refit | null;
  central: StudyPoint;
  /** Sorted by the swing of the first output's effect, largest first. */
  tornado: TornadoBar[];
  samples: StudyPoint[];
  structural: { baseline: string; variant: string; point: StudyPoint }[];
  seed: number;
  replications: number;
  refitSteps: number;
  simulatedPoints: number;
  warnings: string[];
}

/**
 * The projection's band (see the README's "The projection's band"): a one-at-a-time tornado
 * (each assumption at low and at high, the rest central) and a Latin-hypercube sample over all
 * ranges together, every point on common random numbers (the same seed and replications), the
 * baseline's calibrated knobs re-fitted at each point by one Gauss–Newton step (Refit); and the
 * structural alternatives, as their files stand, beside it.
 */
export async function runUncertainty(o: UncertaintyOptions): Promise<UncertaintyResult> {
  const base = o.baseline.load([]);
  const variant = o.variant.load([]);
  const assumptions = assumptionsOf(base, variant);
  if (assumptions.length === 0) {
    throw new UncertaintyError(`${o.variant.file}: no uncertain: section (here or in the baseline); expected assumptions NAME: { path: KEY.PATH, low: N, central: N, high: N, source: TEXT }`);
  }
  checkAssumptions(assumptions, { loaded: base, load: o.baseline.load }, [{ loaded: variant, load: o.variant.load }]);
  const outputs = projectionOutputs(base.scenario, base.file);
  const baseOut = outputSources(outputs, base.scenario, base.file);
  const varOut = outputSources(outputs, variant.scenario, variant.file);
  const structural = o.structural.map((s) => ({ loaders: [s.baseline.load, s.variant.load] as const, loaded: [s.baseline.load([]), s.variant.load([])] as const }));
  const warnings: string[] = [];
  const refit = o.targetsFile ? await Refit.of(base, o.sets, o.targetsFile) : null;
  if (!refit) warnings.push('no --targets: the calibrated knobs are not re-fitted (a changed assumption also moves the calibration targets)');
  if (refit && refit.leftOut.length > 0) warnings.push(`${o.targetsFile}: left out of the re-fit, outside the counted period: ${refit.leftOut.join(', ')}`);
  for (const a of assumptions) {
    if (refit && a.paths.some((p) => refit.knobs.some((k) => k.path === p || k.also.includes(p)))) throw new UncertaintyError(`${a.declaredIn}: uncertain.${a.name}: moves ${a.paths.join(', ')}, a calibrated knob of ${base.file}; expected an assumption the calibration does not fit`);
  }

  const central = assumptions.map((a) => a.central);
  const tornadoPoints = o.tornado ? assumptions.flatMap((a, i) => [a.low, a.high].map((x) => central.map((c, k) => (k === i ? x : c)))) : [];
  const lhs = latinHypercube(o.samples, assumptions.length, o.seed).map((u) => u.map((ui, i) => rangeQuantile(assumptions[i], ui)));
  const points = [central, ...tornadoPoints, ...lhs];

  const runner = new PointRunner({ seed: o.seed, replications: o.replications, workers: o.workers, onProgress: o.onProgress });
  const baseSources = [...(refit?.sources ?? []), ...baseOut];
  const nT = refit?.sources.length ?? 0;
  const baseSets = (values: readonly number[]) => assumptions.flatMap((a, i) => (a.appliesTo === 'both' && values[i] !== a.central ? overridesAt(a, values[i], base) : []));
  const varSets = (values: readonly number[]) => assumptions.flatMap((a, i) => (values[i] !== a.central ? overridesAt(a, values[i], variant) : []));
  const spec = (file: string, load: Loader, sets: Override[], sources: PointSpec['sources']): PointSpec => ({ key: `${file}\n${JSON.stringify(sets)}`, scenario: () => load(sets).scenario, sources });
  const knobSets = (theta: readonly number[], own?: LoadedScenario) => refit?.overrides(theta, own) ?? [];

  // phase 1: the baseline at the calibrated knobs with each point's assumptions, and the Jacobian's points
  let knobsOf: number[][] = points.map(() => []);
  let before: number[][] = points.map(() => []);
  if (refit) {
    const jPoints = refit.jacobianPoints(o.jacobian);
    const first = await runner.run(
      [...points.map((v) => spec(base.file, o.baseline.load, [...baseSets(v), ...knobSets(refit.theta0)], baseSources)), ...jPoints.map((t) => spec(base.file, o.baseline.load, knobSets(t), baseSources))],
      'baseline at the calibrated knobs, and the Jacobian',
    );
    before = first.slice(0, points.length).map((f) => f.values.slice(0, nT));
    refit.setJacobian(o.jacobian, jPoints, first.slice(points.length).map((f) => f.values.slice(0, nT)), before[0]);
    knobsOf = points.map((v, p) => (baseSets(v).length === 0 ? [...refit.theta0] : refit.step(before[p], before[0], refit.theta0)));
    // further steps with the same Jacobian (a chord iteration), each from the figures at the last step's knobs
    for (let step = 2; step <= o.refitSteps; step++) {
      const moved = points.map((v, p) => (baseSets(v).length === 0 ? null : p));
      const at = await runner.run(
        points.map((v, p) => spec(base.file, o.baseline.load, [...baseSets(v), ...knobSets(knobsOf[p])], baseSources)),
        `re-fit step ${step} of ${o.refitSteps}`,
      );
      knobsOf = knobsOf.map((theta, p) => (moved[p] === null ? theta : refit.step(at[p].values.slice(0, nT), before[0], theta)));
    }
  }
  // phase 2: both scenarios at the re-fitted knobs, and the structural alternatives as they stand
  const second = await runner.run(
    [
      ...points.flatMap((v, p) => [
        spec(base.file, o.baseline.load, [...baseSets(v), ...knobSets(knobsOf[p])], baseSources),
        spec(variant.file, o.variant.load, [...varSets(v), ...knobSets(knobsOf[p], variant)], varOut),
      ]),
      ...structural.flatMap((s) => s.loaded.map((l, i) => spec(l.file, s.loaders[i], [], outputSources(outputs, l.scenario, l.file)))),
    ],
    'baseline and variant at the re-fitted knobs',
  );
  const published = refit?.targets.map((t) => t.value) ?? [];
  const pointOf = (values: number[], p: number, b: (typeof second)[number], v: (typeof second)[number]): StudyPoint => {
    const after = b.values.slice(0, nT);
    const bOut = b.perReplication.slice(nT);
    return {
      values, knobs: knobsOf[p] ?? [], targetsBefore: before[p] ?? [], targetsAfter: after,
      objectiveAfter: refit ? objectiveOf(after, published, refit.used, refit.targets.map((t) => t.weight), refit.targets.map((t) => t.scale)) : NaN,
      baseline: b.values.slice(nT), variant: v.values,
      effect: v.values.map((x, k) => x - b.values[nT + k]),
      effectCi95: v.perReplication.map((reps, k) => meanHalfWidth(reps.map((x, r) => x - bOut[k][r])).halfWidth),
    };
  };
  const studied = points.map((v, p) => pointOf(v, p, second[2 * p], second[2 * p + 1]));
  const tornado = assumptions
    .map((assumption, i) => (o.tornado ? { assumption, low: studied[1 + 2 * i], high: studied[2 + 2 * i] } : null))
    .filter((t) => t !== null)
    .map((t) => ({ ...t, swing: outputs.map((_, k) => Math.abs(t.high.effect[k] - t.low.effect[k])) }))
    .sort((x, y) => y.swing[0] - x.swing[0] || assumptions.indexOf(x.assumption) - assumptions.indexOf(y.assumption));
  const at = 2 * points.length;
  return {
    baseline: base, variant, assumptions, outputs, refit, central: studied[0], tornado,
    samples: studied.slice(1 + tornadoPoints.length),
    structural: structural.map((s, i) => ({ baseline: s.loaded[0].scenario.name, variant: s.loaded[1].scenario.name, point: pointOf(central, -1, { values: [...Array(nT).fill(NaN), ...second[at + 2 * i].values], perReplication: [...Array(nT).fill([]), ...second[at + 2 * i].perReplication] }, second[at + 2 * i + 1]) })),
    seed: o.seed, replications: o.replications, refitSteps: o.refitSteps, simulatedPoints: runner.simulated, warnings,
  };
}
