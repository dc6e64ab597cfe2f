import type { ReplicationResult } from '../metrics/ReplicationResult.js';
import { BUCKET_METRICS, bucketSums, pairedFigures, type PairedFigure } from '../metrics/pairedBuckets.js';
import { ciSuffix } from '../metrics/confidence.js';
import type { Scenario } from '../scenario/load.js';
import { DAYS } from '../scenario/schema.js';
import { reportShape } from '../simulate.js';
import { fmt } from '../report/format.js';
import type { Table } from '../report/reports.js';

/**
 * comparison_intervals.csv and comparison_profile.csv: the effect of a change interval by
 * interval, and by hour of the week with the days pooled, each metric with the baseline, the
 * variant, the difference (variant - baseline) and the difference's paired half-width over
 * replications run on common random numbers.
 */

export const COMPARISON_INTERVALS_FILE = 'comparison_intervals.csv';
export const COMPARISON_PROFILE_FILE = 'comparison_profile.csv';

/** One scenario of a comparison: what it ran and its replications' results, in replication order. */
export interface ComparedRun {
  scenario: Scenario;
  results: readonly ReplicationResult[];
}

/** One row of the profile: an hour of the week (or of every day) of one contact type. */
export interface ProfileRow {
  day: string;
  hour: string;
  contact: string;
  figures: Record<string, PairedFigure>;
}

const metricHeaders = (confidence: number) =>
  BUCKET_METRICS.flatMap((m) => [`${m.name}_baseline`, `${m.name}_variant`, `${m.name}_difference`, `${m.name}_difference${ciSuffix(confidence)}`]);

const cells = (f: Record<string, PairedFigure>) =>
  BUCKET_METRICS.flatMap((m) => {
    const x = f[m.name];
    return [fmt(x.baseline), fmt(x.variant), fmt(x.difference), fmt(x.differenceHalfWidth)];
  });

/** Weekday (0 = Monday) and hour of day at which each reporting interval starts. */
function clockOf(scenario: Scenario): { weekday: number; hour: number; label: string }[] {
  const shape = reportShape(scenario);
  const frame = shape.frame;
  return Array.from({ length: shape.intervalCount }, (_, i) => {
    const at = frame.warmupSeconds + i * shape.intervalSeconds;
    const day = frame.dayOf(at);
    return { weekday: frame.weekdayOf(day), hour: Math.floor((at - frame.dayStartSeconds(day)) / 3600), label: frame.intervalLabel(i) };
  });
}

/** Contact types in both scenarios: [name, index in baseline, index in variant]. */
function sharedContacts(base: Scenario, variant: Scenario): [string, number, number][] {
  const v = Object.keys(variant.contacts);
  return Object.keys(base.contacts)
    .map((name, k) => [name, k, v.indexOf(name)] as [string, number, number])
    .filter(([, , vk]) => vk >= 0);
}

/** The per-interval comparison: intervals with the same start in both scenarios, in the baseline's order. */
export function comparisonIntervalsTable(base: ComparedRun, variant: ComparedRun, confidence = 0.95): Table {
  const bClock = clockOf(base.scenario);
  const vClock = clockOf(variant.scenario);
  const index = new Map(bClock.map((c, i) => [c.label, i]));
  const bSums = bucketSums(reportShape(base.scenario), base.results, (i) => i, bClock.length);
  const vSums = bucketSums(reportShape(variant.scenario), variant.results, (i) => index.get(vClock[i].label) ?? -1, bClock.length);
  const contacts = sharedContacts(base.scenario, variant.scenario);
  const rows: string[][] = [];
  bClock.forEach((c, i) => {
    if (!vClock.some((x) => x.label === c.label)) return;
    for (const [name, bk, vk] of contacts) rows.push([c.label, name, ...cells(pairedFigures(bSums, vSums, i, bk, vk, confidence))]);
  });
  return { name: COMPARISON_INTERVALS_FILE, headers: ['interval_start', 'contact', ...metricHeaders(confidence)], rows };
}

/** The profile: per day of the week and hour (the weeks pooled), then per hour of every day ('all'). */
export function comparisonProfile(base: ComparedRun, variant: ComparedRun, confidence = 0.95): ProfileRow[] {
  const bClock = clockOf(base.scenario);
  const vClock = clockOf(variant.scenario);
  const week = (c: { weekday: number; hour: number }) => c.weekday * 24 + c.hour;
  const bShape = reportShape(base.scenario);
  const vShape = reportShape(variant.scenario);
  const bWeek = bucketSums(bShape, base.results, (i) => week(bClock[i]), 168);
  const vWeek = bucketSums(vShape, variant.results, (i) => week(vClock[i]), 168);
  const bDay = bucketSums(bShape, base.results, (i) => bClock[i].hour, 24);
  const vDay = bucketSums(vShape, variant.results, (i) => vClock[i].hour, 24);
  const seen = new Set(bClock.map(week));
  const contacts = sharedContacts(base.scenario, variant.scenario);
  const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;
  const rows: ProfileRow[] = [];
  for (let b = 0; b < 168; b++) {
    if (!seen.has(b)) continue;
    for (const [name, bk, vk] of contacts) {
      rows.push({ day: DAYS[Math.floor(b / 24)], hour: hourLabel(b % 24), contact: name, figures: pairedFigures(bWeek, vWeek, b, bk, vk, confidence) });
    }
  }
  const hours = new Set(bClock.map((c) => c.hour));
  for (let h = 0; h < 24; h++) {
    if (!hours.has(h)) continue;
    for (const [name, bk, vk] of contacts) rows.push({ day: 'all', hour: hourLabel(h), contact: name, figures: pairedFigures(bDay, vDay, h, bk, vk, confidence) });
  }
  return rows;
}

export function comparisonProfileTable(rows: readonly ProfileRow[], confidence = 0.95): Table {
  return {
    name: COMPARISON_PROFILE_FILE,
    headers: ['day', 'hour', 'contact', ...metricHeaders(confidence)],
    rows: rows.map((r) => [r.day, r.hour, r.contact, ...cells(r.figures)]),
  };
}

/**
 * The hours of the week where the change matters most: per contact type, the `top` hours
 * (days of the week, weeks pooled) whose change in the share answered within target is
 * surely largest: ranked by the end of its confidence interval nearest to zero (|difference|
 * less its half-width), so a noisy hour does not outrank a sure one.
 */
export function hoursThatMatterMost(rows: readonly ProfileRow[], top = 3): ProfileRow[] {
  const byContact = new Map<string, ProfileRow[]>();
  for (const r of rows) {
    if (r.day === 'all' || !Number.isFinite(r.figures.answered_within_target_pct.difference)) continue;
    byContact.set(r.contact, [...(byContact.get(r.contact) ?? []), r]);
  }
  const size = (r: ProfileRow) => {
    const f = r.figures.answered_within_target_pct;
    return Math.abs(f.difference) - (f.differenceHalfWidth ?? 0);
  };
  return [...byContact.values()].flatMap((list) =>
    list
      .filter((r) => r.figures.answered_within_target_pct.difference !== 0)
      .sort((a, b) => size(b) - size(a))
      .slice(0, top),
  );
}
