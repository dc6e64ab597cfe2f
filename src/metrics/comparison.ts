import type { Aggregate } from './Aggregate.js';
import type { ReplicationFigures } from './replicationFigures.js';
import { meanHalfWidth } from './confidence.js';

/** One row of comparison.csv: a metric's baseline and variant values and their paired difference. */
export interface ComparisonRow {
  metric: string;
  contact: string;
  baseline: number;
  variant: number;
  /** variant - baseline */
  difference: number;
  /** Half-width of the 95% CI of the mean paired difference (null with one replication or for pooled quantiles). */
  differenceCi95: number | null;
  /** Half-widths of each scenario's own 95% CI (null where not per replication). */
  baselineCi95: number | null;
  variantCi95: number | null;
}

/** The metrics with a value per replication (so a paired difference and its interval), by name. */
export const PER_REPLICATION: [string, (f: ReplicationFigures) => number][] = [
  ['offered', (f) => f.offered],
  ['answered', (f) => f.answered],
  ['abandoned', (f) => f.abandoned],
  ['service_level_pct', (f) => f.serviceLevelPct],
  ['answered_within_target_pct', (f) => f.answeredWithinTargetPct],
  ['abandoned_pct', (f) => f.abandonedPct],
  ['mean_answer_seconds', (f) => f.meanAnswerSeconds],
  ['abandoned_short', (f) => f.abandonedShort],
  ['abandoned_after_wait', (f) => f.abandonedAfterWait],
  ['abandoned_after_wait_pct', (f) => f.abandonedAfterWaitPct],
];

/** Mean paired difference over the replications where both values exist. */
function paired(base: number[], variant: number[], confidence = 0.95): Omit<ComparisonRow, 'metric' | 'contact'> {
  const pairs = base.map((b, i) => [b, variant[i]]).filter(([b, v]) => Number.isFinite(b) && Number.isFinite(v));
  if (pairs.length === 0) return { baseline: NaN, variant: NaN, difference: NaN, differenceCi95: null, baselineCi95: null, variantCi95: null };
  const d = meanHalfWidth(pairs.map(([b, v]) => v - b), confidence);
  const b = meanHalfWidth(pairs.map(([x]) => x), confidence);
  const v = meanHalfWidth(pairs.map(([, x]) => x), confidence);
  return { baseline: b.mean, variant: v.mean, difference: d.mean, differenceCi95: d.halfWidth, baselineCi95: b.halfWidth, variantCi95: v.halfWidth };
}

/**
 * Paired differences between two aggregates run on common random numbers (same seed, same
 * replication indices): per replication, variant minus baseline, then the mean and its 95%
 * confidence interval. Contact types in both scenarios only.
 */
export function compareAggregates(base: Aggregate, variant: Aggregate): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const vNames = variant.shape.contacts.map((c) => c.name);
  base.shape.contacts.forEach((c, k) => {
    const vk = vNames.indexOf(c.name);
    if (vk < 0) return;
    for (const [metric, pick] of PER_REPLICATION) {
      rows.push({ metric, contact: c.name, ...paired(base.figures.map((f) => pick(f[k])), variant.figures.map((f) => pick(f[vk])), base.confidence) });
    }
    for (const [metric, p] of [['p50_answer_seconds', 0.5], ['p90_answer_seconds', 0.9], ['p95_answer_seconds', 0.95]] as const) {
      const b = base.waits[k].quantile(p);
      const v = variant.waits[vk].quantile(p);
      rows.push({ metric, contact: c.name, baseline: b, variant: v, difference: v - b, differenceCi95: null, baselineCi95: null, variantCi95: null });
    }
  });
  const bi = base.iGradedLowerPct();
  const vi = variant.iGradedLowerPct();
  if (bi.some(Number.isFinite) || vi.some(Number.isFinite)) {
    rows.push({ metric: 'true_i_graded_lower_pct', contact: 'all', ...paired(bi, vi, base.confidence) });
  }
  return rows;
}
