import { halfWidthOf } from '../metrics/confidence.js';
import { loadScenario, ScenarioError, type LoadedScenario, type Override, type Scenario } from '../scenario/load.js';
import type { KnobInput } from '../scenario/calibrationSchema.js';
import type { Problem } from '../scenario/Problem.js';
import { horizonSeconds } from '../engine/TimeFrame.js';
import type { Progress } from '../study/pool.js';
import { Evaluator, type Evaluation } from './Evaluator.js';
import { resolveKnobs, type Knob } from './Knob.js';
import { nelderMead, type NelderMeadResult } from './nelderMead.js';
import { periodSpan } from './period.js';
import { readTargets, type Target } from './readTargets.js';
import { targetSource, type TargetSource } from './targetMetric.js';
import { figureCovariance, knobUncertainty, type KnobUncertainty } from './uncertainty.js';

export interface CalibrationOptions {
  file: string;
  /** --set overrides, applied before the knobs. */
  sets: readonly Override[];
  /** --knob declarations (replacing the scenario's knob of the same key path). */
  knobs: readonly KnobInput[];
  targetsFile: string;
  seed?: number;
  replications?: number;
  workers: number;
  /** Simulated evaluations the searches may spend (default 40 × (knobs + 1)); the Jacobian's 2 per knob come on top. */
  maxEvaluations?: number;
  /** Fit nothing: simulate the scenario as it is and set every target beside it (`--check`). */
  check?: boolean;
  onProgress?: (p: Progress, doing: string) => void;
}

export interface CalibrationResult {
  loaded: LoadedScenario;
  targets: Target[];
  knobs: Knob[];
  seed: number;
  replications: number;
  maxEvaluations: number;
  start: Evaluation;
  best: Evaluation;
  objectiveStart: number;
  objectiveBest: number;
  search: NelderMeadResult;
  /** Per knob (same order as knobs). */
  uncertainty: KnobUncertainty[];
  /** Per target: half-width of the simulated figure over replications (null with one). */
  simulatedCi95: (number | null)[];
  /** Per target: the simulated figure's interval with the knobs' uncertainty carried into it. */
  predictionCi95: (number | null)[];
  /** Per target and knob: change of the simulated figure per unit of the knob, at the optimum. */
  jacobian: number[][];
  history: Evaluation[];
  /** --set, then the knobs at their fitted values. */
  bestOverrides: Override[];
  bestScenario: Scenario;
  warnings: string[];
  /** `--check`: nothing was fitted. */
  check?: boolean;
}

/** The relative step of the finite-difference Jacobian at the optimum (of each knob's range; at least 1 for a whole-number knob). */
export const JACOBIAN_STEP = 0.02;

/**
 * Fit the knobs to the targets (see the README's "Calibrating" and nelderMead.ts): minimise
 * Σ weight × ((simulated − published) ÷ scale)² over the fitted targets (weight > 0) on common
 * random numbers, by bounded Nelder–Mead in knob units scaled to the box of the bounds; then
 * the Jacobian at the optimum by central differences, and the knobs' uncertainty from it
 * (uncertainty.ts). Bad input (the scenario, knobs, targets or periods) throws before any
 * simulation.
 */
export async function runCalibration(o: CalibrationOptions): Promise<CalibrationResult> {
  const loaded = loadScenario(o.file, o.sets);
  const targets = await readTargets(o.targetsFile);
  const sources = targetSources(o.targetsFile, targets, loaded);
  if (o.check) return checkOnly(o, loaded, targets, sources);
  const knobs = resolveKnobs(loaded, o.sets, o.knobs);
  const used = targets.map((t) => t.weight > 0);
  if (!used.some(Boolean)) throw new ScenarioError(o.targetsFile, [{ path: 'weight', message: 'every target has weight 0 (held back): expected at least one with weight > 0 to fit' }]);
  const warnings: string[] = [];
  const nUsed = used.filter(Boolean).length;
  if (nUsed < knobs.length) warnings.push(`${nUsed} fitted target${nUsed === 1 ? '' : 's'} for ${knobs.length} knobs: the knobs are not all identified (no intervals); fit more figures or fewer knobs`);
  const seed = o.seed ?? loaded.scenario.seed;
  const replications = o.replications ?? loaded.scenario.replications;
  const maxEvaluations = o.maxEvaluations ?? 40 * (knobs.length + 1);
  const mixed = knobs.some((k) => k.integer) && knobs.some((k) => !k.integer);
  const evaluator = new Evaluator(o.file, o.sets, knobs, sources, { seed, replications, workers: o.workers, onProgress: o.onProgress });
  const objective = (e: Evaluation) =>
    targets.reduce((sum, t, i) => (used[i] ? sum + t.weight * ((e.values[i] - t.value) / t.scale) ** 2 : sum), 0);
  const toKnobs = (u: readonly number[]) => knobs.map((k, j) => k.low + u[j] * (k.high - k.low));
  const toBox = (x: readonly number[]) => knobs.map((k, j) => (x[j] - k.low) / (k.high - k.low));

  const [start] = await evaluator.evaluate([knobs.map((k) => k.start)], 'start');
  const budget = { maxEvaluations, spent: () => evaluator.count };
  // with whole-number and other knobs, the first search only finds the whole numbers (coarsely, a quarter of the budget kept for the second)
  let search = await nelderMead(
    async (points) => (await evaluator.evaluate(points.map(toKnobs), 'search')).map(objective),
    toBox(knobs.map((k) => k.start)),
    { ...budget, maxEvaluations: mixed ? Math.floor(0.75 * maxEvaluations) : maxEvaluations, xTol: mixed ? 0.05 : undefined, restarts: mixed ? 0 : 1 },
  );
  let bestKnobs = toKnobs(search.best);
  if (knobs.some((k) => k.integer)) {
    // whole-number knobs: the best of the whole values around the relaxed optimum, then the other knobs again with those fixed
    const around = knobs.reduce<number[][]>((pts, k, j) => pts.flatMap((p) => (k.integer ? [...new Set([Math.floor(bestKnobs[j]), Math.ceil(bestKnobs[j])])] : [bestKnobs[j]]).map((v) => [...p, v])), [[]]);
    const tried = await evaluator.evaluate(around, 'whole numbers');
    bestKnobs = tried.reduce((b, e) => (objective(e) < objective(b) ? e : b)).knobs;
    const free = knobs.map((k, j) => (k.integer ? -1 : j)).filter((j) => j >= 0);
    if (free.length > 0) {
      const fixed = bestKnobs;
      const withFree = (u: readonly number[]) => toKnobs(toBox(fixed).map((v, j) => (free.includes(j) ? u[free.indexOf(j)] : v)));
      const again = await nelderMead(
        async (points) => (await evaluator.evaluate(points.map(withFree), 'search with whole numbers fixed')).map(objective),
        free.map((j) => toBox(fixed)[j]),
        { ...budget, step: 0.1 },
      );
      bestKnobs = withFree(again.best);
      search = { ...again, iterations: search.iterations + again.iterations, converged: search.converged && again.converged, reason: again.converged ? search.reason : again.reason };
    }
  }
  const [best] = await evaluator.evaluate([bestKnobs], 'search');
  if (!search.converged) warnings.push(`the search ${search.reason}: the knobs may not be at the best fit; raise --max-evaluations`);

  // Jacobian by central differences at the optimum (one-sided at a bound), all points in one batch
  const steps = knobs.map((k) => (k.integer ? Math.max(1, Math.round(JACOBIAN_STEP * (k.high - k.low))) : JACOBIAN_STEP * (k.high - k.low)));
  const around = knobs.flatMap((k, j) => [-1, 1].map((s) => best.knobs.map((v, i) => (i === j ? Math.min(k.high, Math.max(k.low, v + s * steps[j])) : v))));
  const moved = await evaluator.evaluate(around, 'jacobian');
  const jacobian = targets.map((_, t) =>
    knobs.map((_, j) => {
      const [lo, hi] = [moved[2 * j], moved[2 * j + 1]];
      const dx = hi.knobs[j] - lo.knobs[j];
      return dx > 0 ? (hi.values[t] - lo.values[t]) / dx : NaN;
    }),
  );
  const objectiveBest = objective(best);
  if (moved.some((e) => objective(e) < objectiveBest - 1e-6 * (1 + objectiveBest))) {
    warnings.push('a point of the Jacobian, one step from the fit, fits better: the search stopped short of the optimum; raise --max-evaluations');
  }
  const { knobs: uncertainty, predictionCi95 } = knobUncertainty({
    jacobian,
    covariance: figureCovariance(best.deviations),
    used,
    weights: targets.map((t) => t.weight),
    scales: targets.map((t) => t.scale),
    objective: objectiveBest,
    integer: knobs.map((k) => k.integer),
  });
  uncertainty.forEach((u, j) => {
    if (!u.identified && nUsed >= knobs.length) warnings.push(`knob ${knobs[j].path} is not identified: near the fit it moves no fitted figure enough to tell its value (no interval)`);
  });
  knobs.forEach((k, j) => {
    if (best.knobs[j] === k.low || best.knobs[j] === k.high) warnings.push(`knob ${k.path} ends at its ${best.knobs[j] === k.low ? 'low' : 'high'} bound ${best.knobs[j]}: the best fit may lie beyond it`);
  });
  const bestOverrides = evaluator.overridesAt(best.knobs);
  return {
    loaded, targets, knobs, seed, replications, maxEvaluations, start, best,
    objectiveStart: objective(start), objectiveBest, search, uncertainty,
    simulatedCi95: best.deviations.map((d) => (d.some(Number.isNaN) ? null : halfWidthOf(d))),
    predictionCi95, jacobian, history: evaluator.history, bestOverrides,
    bestScenario: loadScenario(o.file, bestOverrides).scenario, warnings,
  };
}

/**
 * `--check`: the scenario as it is (after --set), simulated once and set beside every target,
 * fitted or held back alike: no knobs, no search, the simulated figures' intervals over the
 * replications, the objective the fit would see.
 */
async function checkOnly(o: CalibrationOptions, loaded: LoadedScenario, targets: Target[], sources: TargetSource[]): Promise<CalibrationResult> {
  const seed = o.seed ?? loaded.scenario.seed;
  const replications = o.replications ?? loaded.scenario.replications;
  const evaluator = new Evaluator(o.file, o.sets, [], sources, { seed, replications, workers: o.workers, onProgress: o.onProgress });
  const [best] = await evaluator.evaluate([[]], 'check');
  const objective = targets.reduce((sum, t, i) => (t.weight > 0 ? sum + t.weight * ((best.values[i] - t.value) / t.scale) ** 2 : sum), 0);
  const simulatedCi95 = best.deviations.map((d) => (d.some(Number.isNaN) ? null : halfWidthOf(d)));
  return {
    loaded, targets, knobs: [], seed, replications, maxEvaluations: 0, start: best, best,
    objectiveStart: objective, objectiveBest: objective,
    search: { best: [], value: objective, converged: true, reason: 'nothing to fit (--check)', iterations: 0 },
    uncertainty: [], simulatedCi95, predictionCi95: simulatedCi95, jacobian: targets.map(() => []),
    history: evaluator.history, bestOverrides: [...o.sets], bestScenario: loaded.scenario, warnings: [], check: true,
  };
}

/** Where each target is read in a run of the scenario; every target that cannot be read is a problem of the targets file. */
export function targetSources(file: string, targets: readonly Target[], loaded: LoadedScenario): TargetSource[] {
  const { scenario } = loaded;
  const names = Object.keys(scenario.contacts);
  const intervalSeconds = scenario.reporting.interval_minutes * 60;
  const { countedSeconds } = horizonSeconds(scenario);
  const problems: Problem[] = [];
  const sources = targets.map((t) => {
    const contacts = t.contacts.map((c) => names.indexOf(c));
    const bad = t.contacts.filter((_, i) => contacts[i] < 0);
    if (bad.length > 0) {
      problems.push({ path: `line ${t.line}, contact`, message: `unknown contact type ${bad.join(', ')}; expected one of ${names.join(', ')} (or several joined by +)` });
      return undefined;
    }
    const span = periodSpan(t.periodSpec, scenario);
    if (typeof span === 'string') {
      problems.push({ path: `line ${t.line}, period`, message: `${t.period}: ${span} (scenario ${loaded.file})` });
      return undefined;
    }
    const source = targetSource(t.metric, span, contacts, intervalSeconds, countedSeconds);
    if (typeof source === 'string') {
      problems.push({ path: `line ${t.line}, metric`, message: `${t.metric.name} over ${t.period}: ${source}` });
      return undefined;
    }
    return source;
  });
  if (problems.length > 0) throw new ScenarioError(file, problems);
  return sources as TargetSource[];
}
