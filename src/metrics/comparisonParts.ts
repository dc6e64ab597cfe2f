import type { Aggregate } from './Aggregate.js';
import { PER_REPLICATION } from './comparison.js';
import { meanHalfWidth } from './confidence.js';

/** The parts of a before/after with an investment: what the levers did, what the other changes did, and both. */
export const PARTS = ['investment', 'other_changes', 'total'] as const;
export type Part = (typeof PARTS)[number];

/** One row of comparison_parts.csv. */
export interface PartRow {
  metric: string;
  contact: string;
  part: Part;
  /** Mean over replications of the part's paired difference. */
  difference: number;
  /** Half-width of its confidence interval (null with one replication). */
  differenceCi95: number | null;
}

/**
 * The before/after split into its parts, paired over replications on common random numbers:
 * with b, o and f a replication's value in the baseline, the variant's levers alone
 * ("investment-only") and the full variant, the investment part is o - b, the other changes'
 * f - o, the total f - b (so investment + other_changes = total in every replication, to
 * rounding). Replications where any of the three has no value (NaN) are left out of all three.
 * Per-replication metrics only (pooled quantiles have no paired interval).
 */
export function compareParts(base: Aggregate, only: Aggregate, full: Aggregate): PartRow[] {
  const rows: PartRow[] = [];
  const index = (a: Aggregate, name: string) => a.shape.contacts.findIndex((c) => c.name === name);
  const add = (metric: string, contact: string, b: number[], o: number[], f: number[]) => {
    const keep = b.map((_, i) => i).filter((i) => Number.isFinite(b[i]) && Number.isFinite(o[i]) && Number.isFinite(f[i]));
    const diffs: Record<Part, number[]> = { investment: keep.map((i) => o[i] - b[i]), other_changes: keep.map((i) => f[i] - o[i]), total: keep.map((i) => f[i] - b[i]) };
    for (const part of PARTS) {
      const m = meanHalfWidth(diffs[part], base.confidence);
      rows.push({ metric, contact, part, difference: m.mean, differenceCi95: m.halfWidth });
    }
  };
  for (const c of base.shape.contacts) {
    const [k, ko, kf] = [index(base, c.name), index(only, c.name), index(full, c.name)];
    if (ko < 0 || kf < 0) continue;
    for (const [metric, pick] of PER_REPLICATION) {
      add(metric, c.name, base.figures.map((f) => pick(f[k])), only.figures.map((f) => pick(f[ko])), full.figures.map((f) => pick(f[kf])));
    }
  }
  const bi = base.iGradedLowerPct();
  if (bi.some(Number.isFinite)) add('true_i_graded_lower_pct', 'all', bi, only.iGradedLowerPct(), full.iGradedLowerPct());
  return rows;
}
