import { INTERVAL_FIELDS, IntervalField } from './IntervalField.js';
import type { ReplicationResult } from './ReplicationResult.js';
import type { ReportShape } from './ReportShape.js';
import { halfWidthOf, ratioResiduals } from './confidence.js';

/**
 * Per-replication sums of a scenario's interval figures over buckets of intervals (one bucket
 * per interval, or one per hour of the week with the days pooled), and the paired comparison
 * of two scenarios' buckets on common random numbers.
 *
 * Every metric is a ratio of sums over the bucket's intervals within a replication, pooled
 * over replications as intervals.csv pools them (answered within target ÷ answered, and so
 * on; handlers staffed is handler-seconds ÷ seconds). The paired difference's half-width is
 * the delta-method one: per replication, the variant's linearised residual minus the
 * baseline's, so the common random numbers cancel as they do in comparison.csv.
 */

/** The sums kept per bucket, contact and replication. */
const F = { offered: 0, answered: 1, abandoned: 2, within: 3, answerSeconds: 4, staffedSeconds: 5, seconds: 6 } as const;
const FIELDS = 7;

/** The metrics compared, as numerator and denominator fields and a scale. */
export const BUCKET_METRICS = [
  { name: 'service_level_pct', num: F.within, den: F.offered, scale: 100 },
  { name: 'answered_within_target_pct', num: F.within, den: F.answered, scale: 100 },
  { name: 'mean_answer_seconds', num: F.answerSeconds, den: F.answered, scale: 1 },
  { name: 'abandoned_pct', num: F.abandoned, den: F.offered, scale: 100 },
  { name: 'handlers_staffed', num: F.staffedSeconds, den: F.seconds, scale: 1 },
] as const;

export type BucketMetric = (typeof BUCKET_METRICS)[number]['name'];

/** Per replication: sums[bucket * contacts * FIELDS + contact * FIELDS + field]. */
export interface BucketSums {
  bucketCount: number;
  contacts: readonly string[];
  perReplication: Float64Array[];
}

/**
 * Sum each replication's intervals into buckets (`bucketOf(interval)`, -1 to leave one out).
 * `handlers_staffed` of a contact counts the groups that answer it, as intervals.csv does.
 */
export function bucketSums(
  shape: ReportShape,
  results: readonly ReplicationResult[],
  bucketOf: (interval: number) => number,
  bucketCount: number,
): BucketSums {
  const nc = shape.contacts.length;
  const buckets = Int32Array.from({ length: shape.intervalCount }, (_, i) => bucketOf(i));
  const perReplication = results.map((r) => {
    const s = new Float64Array(bucketCount * nc * FIELDS);
    for (let i = 0; i < shape.intervalCount; i++) {
      const b = buckets[i];
      if (b < 0) continue;
      const seconds = Math.min(shape.intervalSeconds, shape.countedSeconds - i * shape.intervalSeconds);
      for (let k = 0; k < nc; k++) {
        const iv = r.intervals[k];
        const o = (b * nc + k) * FIELDS;
        const ib = i * INTERVAL_FIELDS;
        s[o + F.offered] += iv[ib + IntervalField.offered];
        s[o + F.answered] += iv[ib + IntervalField.answered];
        s[o + F.abandoned] += iv[ib + IntervalField.abandoned];
        s[o + F.within] += iv[ib + IntervalField.answeredWithinTarget];
        s[o + F.answerSeconds] += iv[ib + IntervalField.answerSecondsSum];
        let staffed = 0;
        shape.groups.forEach((g, gi) => {
          if (g.answers.includes(k)) staffed += r.groups[gi].staffedSeconds[i];
        });
        s[o + F.staffedSeconds] += staffed;
        s[o + F.seconds] += seconds;
      }
    }
    return s;
  });
  return { bucketCount, contacts: shape.contacts.map((c) => c.name), perReplication };
}

/** A metric of one bucket and contact in both scenarios and their paired difference. */
export interface PairedFigure {
  baseline: number;
  variant: number;
  difference: number;
  differenceHalfWidth: number | null;
}

/** The numerator and denominator of a metric per replication, for one bucket and contact. */
function series(sums: BucketSums, bucket: number, contact: number, metric: (typeof BUCKET_METRICS)[number]): { num: number[]; den: number[] } {
  const o = (bucket * sums.contacts.length + contact) * FIELDS;
  return { num: sums.perReplication.map((s) => s[o + metric.num]), den: sums.perReplication.map((s) => s[o + metric.den]) };
}

/**
 * Baseline, variant, difference and the paired half-width of every metric for one bucket and
 * contact (by index in each). Replications pair by position (both lists in replication order).
 */
export function pairedFigures(
  base: BucketSums,
  variant: BucketSums,
  bucket: number,
  baseContact: number,
  variantContact: number,
  confidence = 0.95,
): Record<BucketMetric, PairedFigure> {
  const out = {} as Record<BucketMetric, PairedFigure>;
  const n = Math.min(base.perReplication.length, variant.perReplication.length);
  for (const m of BUCKET_METRICS) {
    const b = series(base, bucket, baseContact, m);
    const v = series(variant, bucket, variantContact, m);
    const rb = ratioResiduals(b.num.slice(0, n), b.den.slice(0, n));
    const rv = ratioResiduals(v.num.slice(0, n), v.den.slice(0, n));
    const baseline = rb ? (m.scale * rb.sumNum) / rb.sumDen : NaN;
    const varied = rv ? (m.scale * rv.sumNum) / rv.sumDen : NaN;
    let hw: number | null = null;
    if (rb && rv) {
      const h = halfWidthOf(rv.z.map((z, k) => z - rb.z[k]), confidence);
      hw = h === null ? null : m.scale * h;
    }
    out[m.name] = { baseline, variant: varied, difference: varied - baseline, differenceHalfWidth: hw };
  }
  return out;
}
