import { describeHours, uncoveredHours } from './coverage.js';
import type { Problem } from './Problem.js';
import type { HandlerGroupInput, ScenarioInput } from './schema.js';

/** Why nobody in a group is ever present to answer, or undefined when somebody sometimes is. */
function neverPresent(g: HandlerGroupInput): string | undefined {
  if ((g.shrinkage_pct ?? 0) >= 100) return 'shrinkage_pct 100 (everybody absent)';
  if (g.staff !== undefined) return g.staff > 0 ? undefined : 'staff 0';
  const shifts = Object.values(g.shifts ?? {});
  if (shifts.length === 0) return 'no shifts';
  return shifts.every((s) => s.staff <= 0) ? 'every shift has staff 0' : undefined;
}

/**
 * Roster coverage: the hours of the week in which a contact type has nobody on duty to answer
 * it are a warning that names them; never anybody is an error that names the groups answering
 * it and why each has nobody. A group with shrinkage 100 has nobody present on any shift, so it
 * covers no hour, like a group with no staff (and is itself a warning).
 */
export function coverageChecks(s: Pick<ScenarioInput, 'contacts' | 'handlers'>): { problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const groups = Object.entries(s.handlers);
  for (const [name, g] of groups) {
    if ((g.shrinkage_pct ?? 0) >= 100 && g.shifts && neverPresent({ ...g, shrinkage_pct: 0 }) === undefined) {
      warnings.push({ path: `handlers.${name}.shrinkage_pct`, message: '100 means everybody is absent from every shift, so this group never answers a call' });
    }
  }
  const present = groups.filter(([, g]) => (g.shrinkage_pct ?? 0) < 100).map(([, g]) => g);
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
