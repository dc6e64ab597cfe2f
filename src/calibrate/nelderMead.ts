/**
 * Nelder–Mead on the unit box [0, 1]^p, for objectives that are evaluated asynchronously and
 * in batches (simulations on a worker pool). Written here because the maintained JavaScript
 * minimisers (fmin, optimization-js, ml-levenberg-marquardt, ml-direct) all call the
 * objective synchronously, one point at a time, which a simulation on worker threads cannot
 * answer; and a bounded Nelder–Mead over a handful of knobs is short.
 *
 * The method: the standard coefficients (reflection 1, expansion 2, contraction 1/2, shrink
 * 1/2; Lagarias et al. 1998), every trial point projected onto the box (clamped), an initial
 * simplex of the start and one step along each axis (turned inwards at a bound). It stops
 * when the simplex is smaller than `xTol` along every axis, or its values differ by at most
 * `fTol` × (1 + |best|) while it is smaller than 10 `xTol`, or when `maxEvaluations` points
 * have been simulated; then, while the budget allows, it restarts once from the best point
 * with a simplex of half the first step (a cheap guard against a collapsed simplex) and
 * keeps the restart only if it improves.
 */

export interface NelderMeadOptions {
  /** First step along each axis, in box units (default 0.25). */
  step?: number;
  /** Size of the simplex (box units, along every axis) at which it has converged (default 0.005: half a percent of each knob's range). */
  xTol?: number;
  /** Spread of the objective across a small simplex, relative to 1 + the best value, at which it has converged (default 1e-4). */
  fTol?: number;
  /** Simulated evaluations allowed (points already run cost nothing; see `spent`). */
  maxEvaluations: number;
  /** Simulated evaluations so far (the objective caches repeats, so this may lag the points asked for). */
  spent: () => number;
  restarts?: number;
}

export interface NelderMeadResult {
  best: number[];
  value: number;
  converged: boolean;
  /** Why it stopped, in words. */
  reason: string;
  iterations: number;
}

type Objective = (points: number[][]) => Promise<number[]>;

const clamp = (x: number[]) => x.map((v) => Math.min(1, Math.max(0, v)));
const combine = (a: number[], b: number[], t: number) => clamp(a.map((v, i) => v + t * (b[i] - v)));

export async function nelderMead(f: Objective, start: number[], options: NelderMeadOptions): Promise<NelderMeadResult> {
  const step = options.step ?? 0.25;
  let result = await descend(f, clamp(start), step, options);
  for (let r = 0; r < (options.restarts ?? 1) && result.converged && options.spent() < options.maxEvaluations; r++) {
    const again = await descend(f, result.best, step / 2, options);
    const improved = again.value < result.value - (options.fTol ?? 1e-4) * (1 + Math.abs(result.value));
    if (!improved) break;
    result = { ...again, iterations: result.iterations + again.iterations };
  }
  return result;
}

async function descend(f: Objective, start: number[], step: number, options: NelderMeadOptions): Promise<NelderMeadResult> {
  const xTol = options.xTol ?? 5e-3;
  const fTol = options.fTol ?? 1e-4;
  const p = start.length;
  let xs: number[][] = [start, ...start.map((v, i) => start.map((w, j) => (j !== i ? w : v + step <= 1 ? v + step : v - step)))];
  let fs = (await f(xs)).map(finite);
  const order = () => {
    const idx = xs.map((_, i) => i).sort((a, b) => fs[a] - fs[b] || a - b);
    xs = idx.map((i) => xs[i]);
    fs = idx.map((i) => fs[i]);
  };
  let iterations = 0;
  // cached points cost nothing, so bound the loop as well as the simulations
  const maxIterations = 200 * (p + 1) + 50 * options.maxEvaluations;
  for (;;) {
    order();
    const size = Math.max(...xs.slice(1).map((x) => Math.max(...x.map((v, i) => Math.abs(v - xs[0][i])))));
    const spread = fs[p] - fs[0];
    if (size <= xTol) return { best: xs[0], value: fs[0], converged: true, reason: 'the simplex is smaller than the tolerance on every knob', iterations };
    if (size <= 10 * xTol && spread <= fTol * (1 + Math.abs(fs[0]))) return { best: xs[0], value: fs[0], converged: true, reason: 'the objective is flat across the simplex', iterations };
    if (options.spent() >= options.maxEvaluations) return { best: xs[0], value: fs[0], converged: false, reason: `stopped at the limit of ${options.maxEvaluations} evaluation${options.maxEvaluations === 1 ? '' : 's'} before converging`, iterations };
    if (iterations >= maxIterations) return { best: xs[0], value: fs[0], converged: false, reason: 'stopped after too many iterations without converging', iterations };
    iterations++;
    const centroid = start.map((_, i) => xs.slice(0, p).reduce((a, x) => a + x[i], 0) / p);
    const worst = xs[p];
    const xr = combine(centroid, worst, -1);
    const [fr] = await f([xr]);
    if (finite(fr) < fs[0]) {
      const xe = combine(centroid, worst, -2);
      const [fe] = await f([xe]);
      if (finite(fe) < finite(fr)) [xs[p], fs[p]] = [xe, finite(fe)];
      else [xs[p], fs[p]] = [xr, finite(fr)];
      continue;
    }
    if (finite(fr) < fs[p - 1]) {
      [xs[p], fs[p]] = [xr, finite(fr)];
      continue;
    }
    const outside = finite(fr) < fs[p];
    const xc = outside ? combine(centroid, xr, 0.5) : combine(centroid, worst, 0.5);
    const [fc] = await f([xc]);
    if (outside ? finite(fc) <= finite(fr) : finite(fc) < fs[p]) {
      [xs[p], fs[p]] = [xc, finite(fc)];
      continue;
    }
    // shrink towards the best point
    const shrunk = xs.slice(1).map((x) => combine(xs[0], x, 0.5));
    const fsh = await f(shrunk);
    xs = [xs[0], ...shrunk];
    fs = [fs[0], ...fsh.map(finite)];
  }
}

/** A figure that cannot be computed (NaN) is worse than any. */
const finite = (v: number) => (Number.isNaN(v) ? Infinity : v);
