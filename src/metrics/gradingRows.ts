import { ratio } from './ratio.js';
import type { ReportShape } from './ReportShape.js';
import { TriageMatrix } from './TriageMatrix.js';

/** One row of grading.csv: how often one handler level (or 'all') graded wrong. */
export interface GradingRow {
  level: string;
  /** Means per replication. */
  gradedCalls: number;
  misgradedPct: number;
  underGradedPct: number;
  overGradedPct: number;
  trueICalls: number;
  trueIGradedLowerPct: number;
  trueIGradedLowerPctCi95: number | null;
}

/**
 * [true I calls answered, of those graded lower], over all handler levels: one replication's
 * figure for the 'all' row's confidence interval. Grade 0 is the most urgent (I).
 */
export function trueIGradedLower(shape: ReportShape, triage: ArrayLike<number>): [number, number] {
  const m = new TriageMatrix(shape);
  let trueI = 0;
  let lower = 0;
  for (let level = 0; level < m.levelCount; level++) {
    for (let a = 0; a < m.gradeCount; a++) {
      const n = triage[m.index(level, 0, a)];
      trueI += n;
      if (a > 0) lower += n;
    }
  }
  return [trueI, lower];
}

/**
 * grading.csv rows from triage counts summed over `replications` replications: one per handler
 * level that graded calls, then 'all', whose true-I figure is the mean over replications with
 * its 95% half-width (`allTrueIGradedLower`); none if nothing was graded.
 */
export function gradingRows(
  shape: ReportShape,
  triage: Float64Array,
  replications: number,
  allTrueIGradedLower: { mean: number; halfWidth: number | null },
): GradingRow[] {
  const m = new TriageMatrix(shape);
  const g = m.gradeCount;
  const row = (levels: number[], name: string, ci: { mean: number; halfWidth: number | null } | null) => {
    let total = 0, under = 0, over = 0, trueI = 0, iLower = 0;
    for (const level of levels) {
      for (let t = 0; t < g; t++) {
        for (let a = 0; a < g; a++) {
          const n = triage[m.index(level, t, a)];
          total += n;
          if (a > t) under += n;
          if (a < t) over += n;
          if (t === 0) {
            trueI += n;
            if (a > 0) iLower += n;
          }
        }
      }
    }
    return {
      level: name,
      gradedCalls: total / replications,
      misgradedPct: ratio(under + over, total, 100),
      underGradedPct: ratio(under, total, 100),
      overGradedPct: ratio(over, total, 100),
      trueICalls: trueI / replications,
      trueIGradedLowerPct: ci ? ci.mean : ratio(iLower, trueI, 100),
      trueIGradedLowerPctCi95: ci ? ci.halfWidth : null,
      total,
    };
  };
  const levels = Array.from({ length: m.levelCount }, (_, i) => i);
  const rows = levels.map((l) => row([l], m.levelName(l) || 'no level', null)).filter((r) => r.total > 0);
  if (rows.length === 0) return [];
  return [...rows, row(levels, 'all', allTrueIGradedLower)].map(({ total: _total, ...r }) => r);
}
