import { describeHours, uncoveredHours } from './coverage.js';
import type { Problem } from './Problem.js';
import type { HandlerGroupInput, ScenarioInput, TrainingLevelInput } from './schema.js';

/**
 * Every level a person starting at one of `start` ever holds is coached (a coached trainee
 * answers only paired with a coach at a final, uncoached level): nobody in the group answers.
 */
function onlyCoached(start: readonly string[], levels: Record<string, TrainingLevelInput>): boolean {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const name = queue.pop()!;
    const level = levels[name];
    if (!level || seen.has(name)) continue;
    if (!level.coached) return false;
    seen.add(name);
    if (level.becomes !== undefined) queue.push(level.becomes);
  }
  return seen.size > 0;
}

/** Why nobody in a group is ever present to answer, or undefined when somebody sometimes is. */
function neverPresent(g: HandlerGroupInput): string | undefined {
  if ((g.shrinkage_pct ?? 0) >= 100) return 'shrinkage_pct 100 (everybody absent)';
  if (g.staff !== undefined && g.staff <= 0) return 'staff 0';
  const shifts = Object.values(g.shifts ?? {});
  if (g.shifts && shifts.length === 0) return 'no shifts';
  if (g.shifts && shifts.every((s) => s.staff <= 0)) return 'every shift has staff 0';
  return undefined;
}

/** Everybody in the group is a coached trainee for good, so nobody in it ever answers. */
function onlyTrainees(g: HandlerGroupInput, levels: Record<string, TrainingLevelInput>): boolean {
  const mixed = Object.entries(g.training_mix ?? {}).filter(([, share]) => share > 0).map(([name]) => name);
  // recruits (after attrition) start at the level no other level becomes
  const entry = Object.keys(levels).filter((name) => !Object.values(levels).some((l) => l.becomes === name));
  return mixed.length > 0 && onlyCoached((g.attrition_pct_per_year ?? 0) > 0 ? [...mixed, ...entry] : mixed, levels);
}

/**
 * Roster coverage: the hours of the week in which a contact type has nobody on duty to answer
 * it are a warning that names them; never anybody is an error that names the groups answering
 * it and why each has nobody. A group with shrinkage 100 has nobody present on any shift, so
 * it covers no hour, like a group with no staff (and is itself a warning). A group of coached
 * trainees only, none of whom ever answers alone, is a warning (a story may want one).
 */
export function coverageChecks(s: Pick<ScenarioInput, 'contacts' | 'handlers' | 'training_levels'>): { problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const levels = s.training_levels ?? {};
  const groups = Object.entries(s.handlers);
  for (const [name, g] of groups) {
    if ((g.shrinkage_pct ?? 0) >= 100 && g.shifts && neverPresent({ ...g, shrinkage_pct: 0 }) === undefined) {
      warnings.push({ path: `handlers.${name}.shrinkage_pct`, message: '100 means everybody is absent from every shift, so this group never answers a call' });
    }
    if (onlyTrainees(g, levels)) {
      warnings.push({
        path: `handlers.${name}.training_mix`,
        message: 'every level in it is coached and none moves up to a level that answers alone, so nobody in this group ever answers a call (a coached trainee answers only beside a coach)',
      });
    }
  }
  const present = groups.filter(([, g]) => neverPresent(g) === undefined).map(([, g]) => g);
  for (const [c, hours] of uncoveredHours(Object.keys(s.contacts), present)) {
    if (hours.length === 168) {
      const why = groups.filter(([, g]) => g.answers.includes(c)).map(([name, g]) => `${name}: ${neverPresent(g) ?? 'never on duty'}`);
      problems.push({ path: `contacts.${c}`, message: `no handler is ever on duty to answer this contact type: every group answering it has nobody present (${why.join('; ')})` });
    } else {
      warnings.push({ path: `contacts.${c}`, message: `nobody is rostered to answer it in these hours of the week: ${describeHours(hours)}` });
    }
  }
  return { problems, warnings };
}
