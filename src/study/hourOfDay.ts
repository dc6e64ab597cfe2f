import { Aggregate } from '../metrics/Aggregate.js';
import type { ReplicationResult } from '../metrics/ReplicationResult.js';
import type { ReportShape } from '../metrics/ReportShape.js';
import { meanCi95 } from '../metrics/stats.js';
import { fmt } from '../report/format.js';
import type { Table } from '../report/reports.js';

const HOURS = 24;
/** Counts kept per contact type and hour of the day: offered, answered, answered within target, abandoned. */
const FIELDS = 4;

/**
 * HourOfDayTally: each replication's calls by contact type and hour of the day (the hour in
 * which they arrived, local clock; the counted period starts at 00:00), for the before/after
 * chart of `compare`. Fed in replication order, from each replication's result.
 */
export class HourOfDayTally {
  /** [replication][contact] -> HOURS * FIELDS counts */
  readonly replications: Float64Array[][] = [];

  constructor(readonly shape: ReportShape) {}

  add(result: ReplicationResult): void {
    const one = new Aggregate(this.shape);
    one.add(result);
    const names = this.shape.contacts.map((c) => c.name);
    const counts = names.map(() => new Float64Array(HOURS * FIELDS));
    for (const r of one.intervalRows()) {
      const hour = Math.floor(((r.interval * this.shape.intervalSeconds) % 86_400) / 3600);
      const c = counts[names.indexOf(r.contact)];
      const b = hour * FIELDS;
      c[b] += r.offered;
      c[b + 1] += r.answered;
      // the interval's within-target count, from its share of answered calls
      if (r.answered > 0) c[b + 2] += (r.answeredWithinTargetPct * r.answered) / 100;
      c[b + 3] += r.abandoned;
    }
    this.replications.push(counts);
  }
}

export const COMPARISON_HOURS_HEADERS = ['metric', 'contact', 'hour_of_day', 'baseline', 'variant', 'difference', 'difference_ci95'] as const;

const METRICS: [metric: string, value: (c: Float64Array, b: number) => number][] = [
  ['answered_within_target_pct', (c, b) => ratio(c[b + 2], c[b + 1])],
  ['service_level_pct', (c, b) => ratio(c[b + 2], c[b])],
  ['abandoned_pct', (c, b) => ratio(c[b + 3], c[b])],
];

function ratio(num: number, den: number): number {
  return den > 0 ? (100 * num) / den : NaN;
}

/**
 * comparison_hours.csv: per metric, contact type and hour of the day, the baseline's and the
 * variant's means over replications and their mean paired difference (variant - baseline)
 * with its 95% confidence half-width, over the replications where both have calls.
 */
export function comparisonHoursTable(base: HourOfDayTally, variant: HourOfDayTally): Table {
  const rows: string[][] = [];
  const vNames = variant.shape.contacts.map((c) => c.name);
  for (const [metric, value] of METRICS) {
    base.shape.contacts.forEach((contact, k) => {
      const vk = vNames.indexOf(contact.name);
      if (vk < 0) return;
      for (let h = 0; h < HOURS; h++) {
        const pairs = base.replications
          .map((b, i) => [value(b[k], h * FIELDS), value(variant.replications[i][vk], h * FIELDS)])
          .filter(([b, v]) => Number.isFinite(b) && Number.isFinite(v));
        if (pairs.length === 0) continue;
        const d = meanCi95(pairs.map(([b, v]) => v - b));
        const mean = (i: number) => meanCi95(pairs.map((p) => p[i])).mean;
        rows.push([metric, contact.name, String(h), fmt(mean(0)), fmt(mean(1)), fmt(d.mean), fmt(d.halfWidth)]);
      }
    });
  }
  return { name: 'comparison_hours.csv', headers: COMPARISON_HOURS_HEADERS, rows };
}
