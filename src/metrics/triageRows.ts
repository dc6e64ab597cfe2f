import { ratio } from './ratio.js';
import type { ReportShape } from './ReportShape.js';
import { TriageMatrix } from './TriageMatrix.js';

/** One row of triage.csv: answered calls of one handler level, true grade and assigned grade. */
export interface TriageRow {
  level: string;
  trueGrade: string;
  assignedGrade: string;
  /** Mean per replication. */
  calls: number;
  shareOfTrueGradePct: number;
}

/** triage.csv rows from triage counts summed over `replications` replications; levels that graded nothing are left out. */
export function triageRows(shape: ReportShape, triage: Float64Array, replications: number): TriageRow[] {
  const m = new TriageMatrix(shape);
  const g = m.gradeCount;
  const out: TriageRow[] = [];
  for (let level = 0; level < m.levelCount; level++) {
    let any = 0;
    for (let t = 0; t < g; t++) for (let a = 0; a < g; a++) any += triage[m.index(level, t, a)];
    if (any === 0) continue;
    for (let t = 0; t < g; t++) {
      let rowTotal = 0;
      for (let a = 0; a < g; a++) rowTotal += triage[m.index(level, t, a)];
      for (let a = 0; a < g; a++) {
        const n = triage[m.index(level, t, a)];
        out.push({
          level: m.levelName(level),
          trueGrade: shape.grades[t],
          assignedGrade: shape.grades[a],
          calls: n / replications,
          shareOfTrueGradePct: ratio(n, rowTotal, 100),
        });
      }
    }
  }
  return out;
}
