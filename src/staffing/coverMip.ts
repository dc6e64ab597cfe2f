import highsModule from 'highs';

type Solver = { solve(problem: string, options?: Record<string, unknown>): { Status: string; ObjectiveValue?: number; Columns: Record<string, { Primal: number }> } };
/** The package's loader (its types describe the CommonJS build; Node loads the ES module, whose default export is the loader). */
const highsLoader = ((highsModule as unknown as { default?: unknown }).default ?? highsModule) as unknown as () => Promise<Solver>;

/** One choice of the cover problem: its cost and what one unit of it covers in each row. */
export interface CoverColumn {
  name: string;
  cost: number;
  /** [row, amount] pairs (amount > 0). */
  covers: readonly [number, number][];
}

/** Rows that no column covers although they need something, or null. */
export function uncoverable(columns: readonly CoverColumn[], need: ArrayLike<number>): number[] {
  const covered = new Set(columns.flatMap((c) => c.covers.filter(([, a]) => a > 0).map(([r]) => r)));
  const out: number[] = [];
  for (let r = 0; r < need.length; r++) if (need[r] > 0 && !covered.has(r)) out.push(r);
  return out;
}

/**
 * The integer cover problem: minimise Σ cost_j x_j subject to Σ_j covers_jr x_j >= need_r for
 * every row r, x_j whole and >= 0, solved by HiGHS, the open-source MIP solver of the University
 * of Edinburgh, compiled to WebAssembly (the `highs` package: no native add-on, runs offline).
 * Rows needing nothing are left out. Proving optimality of a general-integer cover with
 * fractional coefficients can take HiGHS minutes, so it stops once the roster is proved within
 * 0.75% of the cheapest (about 2.5 FTE in 340; the MetCC roster takes it about 1.5 s, where
 * 0.5% took more than 20 s). A gap, not a time limit: the roster is the same on any machine.
 * `optimal` is HiGHS's word that the gap was reached (false only past `maxNodes` nodes, a
 * deterministic backstop). Whatever HiGHS returns is checked against every row before use. `gap`: how much more than the cheapest possible roster it may cost at
 * most, from the linear relaxation's optimum (a lower bound), as a share of its cost.
 *
 * @example solveCover([{ name: 'a', cost: 1, covers: [[0, 1]] }], [3]) // { counts: [3], cost: 3 }
 */
export async function solveCover(columns: readonly CoverColumn[], need: ArrayLike<number>, maxNodes = 100_000): Promise<{ counts: number[]; cost: number; optimal: boolean; gap: number }> {
  const gaps = uncoverable(columns, need);
  if (gaps.length) throw new Error(`cover: rows ${gaps.join(', ')} need something and no column covers them`);
  const byRow = new Map<number, string[]>();
  columns.forEach((c, j) => {
    for (const [r, a] of c.covers) if (a > 0 && need[r] > 0) byRow.set(r, [...(byRow.get(r) ?? []), `${num(a)} x${j}`]);
  });
  const lines = ['Minimize', ` obj: ${columns.map((c, j) => `${num(c.cost)} x${j}`).join(' + ') || '0 x0'}`, 'Subject To'];
  for (const [r, terms] of [...byRow.entries()].sort((a, b) => a[0] - b[0])) lines.push(` r${r}: ${terms.join(' + ')} >= ${num(need[r])}`);
  lines.push('Bounds', ...columns.map((_, j) => ` x${j} >= 0`));
  const highs = await highsLoader();
  // the linear relaxation's optimum bounds the cheapest roster from below
  const relaxed = highs.solve([...lines, 'End'].join('\n'), { output_flag: false });
  const bound = relaxed.Status === 'Optimal' ? relaxed.ObjectiveValue ?? 0 : 0;
  lines.push('General', ` ${columns.map((_, j) => `x${j}`).join(' ')}`, 'End');
  const result = highs.solve(lines.join('\n'), { output_flag: false, mip_rel_gap: 7.5e-3, mip_max_nodes: maxNodes });
  const cols = (result.Columns ?? {}) as Record<string, { Primal: number }>;
  const counts = columns.map((_, j) => Math.round(cols[`x${j}`]?.Primal ?? NaN));
  const covered = new Float64Array(need.length);
  columns.forEach((c, j) => {
    for (const [r, a] of c.covers) covered[r] += a * counts[j];
  });
  const short = Array.from(need, (n, r) => n > 0 && !(covered[r] >= n - 1e-6)).some(Boolean);
  if (short || counts.some((x) => !(x >= 0))) throw new Error(`cover: HiGHS ended with status ${result.Status} and no roster that covers every row`);
  const cost = counts.reduce((s, x, j) => s + x * columns[j].cost, 0);
  return { counts, cost, optimal: result.Status === 'Optimal', gap: cost > 0 ? Math.max(0, (cost - bound) / cost) : 0 };
}

/** A number as LP text (no exponent notation). */
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(9).replace(/0+$/, '').replace(/\.$/, ''));
