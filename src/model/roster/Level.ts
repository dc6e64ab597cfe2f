import type { Scenario } from '../../scenario/resolve.js';

const WEEK = 7 * 86_400;

/**
 * Level: a training level at run time: how fast and how accurately its handlers work, whether
 * they are coached on live calls, and how long until they move up to `next`.
 */
export interface Level {
  readonly index: number;
  readonly name: string;
  readonly handlingMultiplier: number;
  /** Probability of a wrong grade, 0..1. */
  readonly misgradeProbability: number;
  /** Of wrong grades, the share too low. */
  readonly underGradeShare: number;
  readonly coached: boolean;
  /** Seconds at this level before moving to `next` (Infinity: stays). */
  readonly secondsAtLevel: number;
  next: Level | null;
}

/** The training levels of a resolved scenario, linked (`becomes`), in the scenario's order. */
export function buildLevels(input: Scenario['training_levels']): Level[] {
  const entries = Object.entries(input);
  const levels: Level[] = entries.map(([name, l], index) => ({
    index,
    name,
    handlingMultiplier: l.handling_multiplier,
    misgradeProbability: l.misgrade_pct / 100,
    underGradeShare: l.under_grade_share,
    coached: l.coached,
    secondsAtLevel: l.weeks_to_next_level !== undefined && l.becomes ? l.weeks_to_next_level * WEEK : Infinity,
    next: null,
  }));
  entries.forEach(([, l], i) => {
    if (l.becomes) levels[i].next = levels.find((x) => x.name === l.becomes) ?? null;
  });
  return levels;
}

/** The level recruits start at: the first level that no other level becomes. */
export function entryLevel(levels: readonly Level[]): Level | null {
  return levels.find((l) => !levels.some((o) => o.next === l)) ?? null;
}

/** A level whose people may coach a trainee: a final level (or no levels at all). */
export function canCoach(level: Level | null): boolean {
  return level === null || level.next === null;
}
