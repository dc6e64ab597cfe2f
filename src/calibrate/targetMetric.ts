import { IntervalField as I, INTERVAL_FIELDS } from '../metrics/IntervalField.js';
import { MonthField as M, MONTH_FIELDS } from '../metrics/MonthField.js';
import type { ReplicationResult } from '../metrics/ReplicationResult.js';
import type { PeriodSpan } from './period.js';

/**
 * The figures a target may name, each with the report column it matches and how one
 * replication gives it: a numerator and a denominator summed over the period (a count's
 * denominator is 1 a replication, so the pooled figure is the mean per replication). Month
 * figures come from peel.csv's per-month tallies; the answer-target figures and any figure
 * of a day period come from the per-interval tallies (intervals.csv), which have no 10-second
 * bands.
 */
export interface TargetMetric {
  /** As the report columns name it. */
  name: string;
  /** The report it matches. */
  report: 'peel.csv' | 'summary.csv';
  /** Multiplier of numerator ÷ denominator (100 for a percentage). */
  scale: number;
  /** From the month tallies: [numerator field, denominator field or null for 1 a replication]. */
  months?: [number, number | null];
  /** From the interval tallies. */
  intervals?: [number, number | null];
}

export const TARGET_METRICS: readonly TargetMetric[] = [
  { name: 'answered_lt_10s_pct', report: 'peel.csv', scale: 100, months: [M.answeredLt10s, M.answered] },
  { name: 'answered_10_to_60s_pct', report: 'peel.csv', scale: 100, months: [M.answered10To60s, M.answered] },
  { name: 'answered_ge_60s_pct', report: 'peel.csv', scale: 100, months: [M.answeredGe60s, M.answered] },
  { name: 'abandoned_pct', report: 'peel.csv', scale: 100, months: [M.abandoned, M.offered], intervals: [I.abandoned, I.offered] },
  { name: 'mean_answer_seconds', report: 'peel.csv', scale: 1, months: [M.answerSecondsSum, M.answered], intervals: [I.answerSecondsSum, I.answered] },
  { name: 'offered', report: 'peel.csv', scale: 1, months: [M.offered, null], intervals: [I.offered, null] },
  { name: 'answered', report: 'peel.csv', scale: 1, months: [M.answered, null], intervals: [I.answered, null] },
  { name: 'abandoned', report: 'peel.csv', scale: 1, months: [M.abandoned, null], intervals: [I.abandoned, null] },
  { name: 'answered_within_target_pct', report: 'summary.csv', scale: 100, intervals: [I.answeredWithinTarget, I.answered] },
  { name: 'service_level_pct', report: 'summary.csv', scale: 100, intervals: [I.answeredWithinTarget, I.offered] },
];

export const METRIC_NAMES = TARGET_METRICS.map((m) => m.name);

/** Where one target's figure is read from in a replication's tallies. */
export interface TargetSource {
  contacts: number[];
  metric: TargetMetric;
  /** Months [from, to), or intervals [from, to). */
  table: 'months' | 'intervals';
  from: number;
  to: number;
}

/**
 * Where a metric of a period is read (months when the period is whole months and the metric
 * has them, else intervals), or the problem: a 10-second band of a day period, or a period
 * whose bounds fall inside a reporting interval.
 */
export function targetSource(metric: TargetMetric, span: PeriodSpan, contacts: number[], intervalSeconds: number, countedSeconds: number): TargetSource | string {
  if (metric.months && span.months) return { contacts, metric, table: 'months', from: span.months[0], to: span.months[1] };
  if (!metric.intervals) {
    return `${metric.name} is kept per calendar month only (the 10-second bands of peel.csv): expected a period of whole months, or answered_within_target_pct for a day`;
  }
  const from = span.fromSeconds / intervalSeconds;
  const atEnd = Math.abs(span.toSeconds - countedSeconds) < 1e-6;
  const to = atEnd ? Math.ceil(countedSeconds / intervalSeconds - 1e-9) : span.toSeconds / intervalSeconds;
  if (!Number.isInteger(from) || !Number.isInteger(to)) {
    return `the period's bounds fall inside a reporting interval of ${intervalSeconds / 60} minutes: expected reporting.interval_minutes to divide a day`;
  }
  return { contacts, metric, table: 'intervals', from, to };
}

/** One replication's numerator and denominator of a target. */
export function replicationParts(r: ReplicationResult, s: TargetSource): [number, number] {
  const [numField, denField] = (s.table === 'months' ? s.metric.months : s.metric.intervals)!;
  const width = s.table === 'months' ? MONTH_FIELDS : INTERVAL_FIELDS;
  let num = 0;
  let den = 0;
  for (const k of s.contacts) {
    const a = s.table === 'months' ? r.months[k] : r.intervals[k];
    for (let i = s.from; i < s.to; i++) {
      num += a[i * width + numField];
      if (denField !== null) den += a[i * width + denField];
    }
  }
  return [num, denField === null ? 1 : den];
}
