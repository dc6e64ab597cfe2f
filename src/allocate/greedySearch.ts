import { meanHalfWidth } from '../metrics/confidence.js';
import type { CrnEvaluator, Evaluated } from './CrnEvaluator.js';
import type { Allocation, Menu } from './Menu.js';

/** One step the search took: a lever one step up (or, in the exchange phase, a trade). */
export interface SearchStep {
  round: number;
  phase: 'greedy' | 'exchange';
  /** What changed, in words: "resilience_places 4 -> 6". */
  change: string;
  costGbp: number;
  objectiveMean: number;
  /** The gain of the step, objective points per £100k (mean over the paired replications). */
  pointsPer100kGbp: number;
}

export interface SearchResult {
  chosen: Evaluated;
  start: Evaluated;
  steps: SearchStep[];
  /** Per lever: the first step up from the start, evaluated in the first round (undefined when not affordable). */
  firstSteps: (Evaluated | undefined)[];
}

const EPS = 1e-9;

/** Objective change per £100k, per replication (paired). */
export function perHundredK(from: Evaluated, to: Evaluated, dCostGbp: number): number[] {
  return to.objective.map((v, r) => ((v - from.objective[r]) * 1e5) / dCostGbp);
}

const meanOf = (xs: readonly number[]) => meanHalfWidth(xs).mean;

/**
 * Greedy marginal analysis with re-evaluation (lazy greedy), then an exchange pass.
 *
 * From every lever at its minimum, repeat: of the levers whose next step fits the range and
 * the budget, take the one whose step gains the most objective per pound; stop when no
 * affordable step gains anything. Each lever's gain per pound is remembered from when it was
 * last simulated; only the best lever is simulated again at the current allocation (its gain
 * may have fallen since, as the others moved), and it is taken when its fresh gain still beats
 * every other lever's remembered gain (with diminishing returns, a remembered gain is an upper
 * bound on the fresh one, so this takes the same steps as re-simulating every lever each round,
 * for one or two simulations a round instead of one per lever). For a separable objective
 * with diminishing returns in every lever and steps of equal cost, greedy marginal analysis
 * is optimal (Fox 1966); the exchange pass then tries, for each pair of levers, one step less of
 * one and as many steps of the other as the money freed buys, and moves while that gains.
 */
export async function greedySearch(menu: Menu, evaluator: CrnEvaluator, at: (units: readonly number[]) => Allocation, maxExchangeRounds = 2): Promise<SearchResult> {
  const levers = menu.levers;
  const cost = (units: readonly number[]) => menu.costOf(at(units)).totalGbp;
  const fits = (units: readonly number[]) => levers.every((l, i) => units[i] >= l.min - EPS && units[i] <= l.max + EPS) && cost(units) <= menu.budgetGbp + 1e-6;
  const up = (units: readonly number[], i: number, k = 1) => units.map((u, j) => (j === i ? round(u + k * levers[i].step) : u));
  let units = levers.map((l) => l.min);
  const [start] = await evaluator.evaluate([at(units)], 'start');
  let current = start;
  const steps: SearchStep[] = [];
  const remembered = new Map<number, { ratio: number; atKey: string }>();
  const keyOf = (u: readonly number[]) => u.join(',');

  // first round: every lever's first step, in one batch (also the marginal values at the start)
  const firstIdx = levers.map((_, i) => i).filter((i) => fits(up(units, i)));
  const firsts = await evaluator.evaluate(firstIdx.map((i) => at(up(units, i))), 'greedy');
  const firstSteps: (Evaluated | undefined)[] = levers.map(() => undefined);
  firstIdx.forEach((i, n) => {
    firstSteps[i] = firsts[n];
    remembered.set(i, { ratio: meanOf(perHundredK(current, firsts[n], cost(up(units, i)) - cost(units))), atKey: keyOf(units) });
  });

  let roundNo = 0;
  for (;;) {
    const candidates = levers.map((_, i) => i).filter((i) => fits(up(units, i)));
    if (candidates.length === 0) break;
    let taken: { i: number; e: Evaluated; ratio: number } | undefined;
    for (;;) {
      candidates.sort((a, b) => (remembered.get(b)?.ratio ?? Infinity) - (remembered.get(a)?.ratio ?? Infinity) || a - b);
      const i = candidates[0];
      const [e] = await evaluator.evaluate([at(up(units, i))], 'greedy');
      const ratio = meanOf(perHundredK(current, e, cost(up(units, i)) - cost(units)));
      const wasFresh = remembered.get(i)?.atKey === keyOf(units);
      remembered.set(i, { ratio, atKey: keyOf(units) });
      const next = candidates.length > 1 ? (remembered.get(candidates[1])?.ratio ?? Infinity) : -Infinity;
      if (wasFresh || ratio >= next) {
        taken = { i, e, ratio };
        break;
      }
    }
    if (!(taken.ratio > 0)) break;
    roundNo++;
    const before = units;
    units = up(units, taken.i);
    current = taken.e;
    steps.push({ round: roundNo, phase: 'greedy', change: `${levers[taken.i].name} ${fmtUnits(before[taken.i])} -> ${fmtUnits(units[taken.i])}`, costGbp: cost(units), objectiveMean: meanOf(current.objective), pointsPer100kGbp: taken.ratio });
  }

  // exchange: one step less of lever i, the money freed spent on lever j
  for (let pass = 0; pass < maxExchangeRounds && levers.length > 1; pass++) {
    const trades: { units: number[]; what: string }[] = [];
    levers.forEach((li, i) => {
      const down = units.map((u, n) => (n === i ? round(u - li.step) : u));
      if (down[i] < li.min - EPS) return;
      levers.forEach((lj, j) => {
        if (j === i) return;
        let k = 0;
        while (fits(up(down, j, k + 1))) k++;
        if (k > 0) trades.push({ units: up(down, j, k), what: `${li.name} ${fmtUnits(units[i])} -> ${fmtUnits(down[i])}, ${lj.name} ${fmtUnits(units[j])} -> ${fmtUnits(up(down, j, k)[j])}` });
      });
    });
    if (trades.length === 0) break;
    const tried = await evaluator.evaluate(trades.map((t) => at(t.units)), 'exchange');
    let best = -1;
    tried.forEach((e, n) => {
      if (meanOf(e.objective) > meanOf((best < 0 ? current : tried[best]).objective) + EPS) best = n;
    });
    if (best < 0) break;
    units = trades[best].units;
    current = tried[best];
    roundNo++;
    steps.push({ round: roundNo, phase: 'exchange', change: trades[best].what, costGbp: cost(units), objectiveMean: meanOf(current.objective), pointsPer100kGbp: NaN });
  }
  return { chosen: current, start, steps, firstSteps };
}

/** Units without binary noise (0.1 + 0.2 steps). */
export const round = (x: number): number => Math.round(x * 1e9) / 1e9;
export const fmtUnits = (x: number): string => String(round(x));
