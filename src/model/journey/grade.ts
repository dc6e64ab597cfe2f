import { GRADES } from '../../scenario/schema.js';
import type { Call } from '../Call.js';
import type { Level } from '../roster/Level.js';

const GRADE_COUNT = GRADES.length;

/**
 * grade: the grade a handler at `level` gives the call: wrong with the level's probability
 * (decided by the caller's misgrade uniform, drawn on arrival), one step too low (under-graded,
 * with the level's under-grade share, by the caller's second uniform) or too high; a grade at
 * either end can only go the other way. Without a level, always right.
 *
 * @example a true S (1) call, level misgrade 12%, misgradeU 0.05, underGradeU 0.3, share 0.5: graded E (2)
 */
export function grade(call: Call, level: Level | null): number {
  const g = call.trueGrade;
  if (level === null || call.misgradeU >= level.misgradeProbability) return g;
  if (call.underGradeU < level.underGradeShare) return g < GRADE_COUNT - 1 ? g + 1 : g - 1;
  return g > 0 ? g - 1 : g + 1;
}
