import type { ReportShape } from './ReportShape.js';

/**
 * TriageMatrix: the layout of the flat triage array, answered calls counted by handler level
 * (the scenario's levels, then one for handlers without a level), true grade and grade
 * assigned. ReplicationTally counts into it; Aggregate reads triage.csv and grading.csv from it.
 *
 * @example
 *   const m = new TriageMatrix(shape);
 *   const counts = new Float64Array(m.size);
 *   counts[m.index(level, trueGrade, assignedGrade)]++;
 */
export class TriageMatrix {
  readonly gradeCount: number;
  /** Handler levels including the last, 'no level'. */
  readonly levelCount: number;
  /** The level of handlers without one (after the scenario's levels). */
  readonly noLevel: number;
  /** Cells in the flat array. */
  readonly size: number;
  private readonly levels: readonly string[];

  constructor(shape: Pick<ReportShape, 'levels' | 'grades'>) {
    this.levels = shape.levels;
    this.gradeCount = shape.grades.length;
    this.noLevel = shape.levels.length;
    this.levelCount = shape.levels.length + 1;
    this.size = this.levelCount * this.gradeCount * this.gradeCount;
  }

  /** Where the count of (handler level, true grade, assigned grade) lives. */
  index(level: number, trueGrade: number, assignedGrade: number): number {
    return (level * this.gradeCount + trueGrade) * this.gradeCount + assignedGrade;
  }

  /** A level's name in the reports: the scenario's, '' for handlers without one. */
  levelName(level: number): string {
    return level < this.noLevel ? this.levels[level] : '';
  }
}
