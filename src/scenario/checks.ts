import type { CheckContext, CheckedParts } from './CheckContext.js';
import { coverageChecks } from './coverageChecks.js';
import { modelChecks } from './modelChecks.js';
import type { Problem } from './Problem.js';

export type { Problem };

/**
 * Checks that need more than one key at a time: every contact type a group answers exists,
 * every contact type has somebody to answer it, the names other keys refer to exist, the
 * roster covers the week. `ctx` is `contextOf(scenario)` for a scenario that parsed; for one
 * with schema errors, `s` and `ctx` come from wellFormedParts and the checks report what the
 * well-formed parts settle, never more.
 */
export function crossChecks(s: CheckedParts, ctx: CheckContext): { problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const contactNames = ctx.contactNames;
  if (contactNames?.length === 0) problems.push({ path: 'contacts', message: 'expected at least one contact type' });
  if (ctx.answers?.size === 0) problems.push({ path: 'handlers', message: 'expected at least one handler group' });
  const answered = new Set<string>();
  for (const [group, answers] of ctx.answers ?? []) {
    answers?.forEach((c, i) => {
      if (contactNames && !contactNames.includes(c)) {
        problems.push({
          path: `handlers.${group}.answers.${i}`,
          message: `unknown contact type '${c}'; expected one of ${contactNames.map((n) => `'${n}'`).join(', ')}`,
        });
      } else if (answers.indexOf(c) !== i) {
        problems.push({ path: `handlers.${group}.answers.${i}`, message: `'${c}' is listed twice` });
      }
      answered.add(c);
    });
  }
  const everyAnswerKnown = ctx.answers !== undefined && [...ctx.answers.values()].every((a) => a !== undefined);
  if (contactNames && everyAnswerKnown) {
    for (const c of contactNames) {
      if (!answered.has(c)) problems.push({ path: `contacts.${c}`, message: 'no handler group answers this contact type (add it to a group\'s answers)' });
    }
  }
  // the roster's coverage means something only once every group and its answers are right
  const covered = ctx.complete && problems.length === 0;
  problems.push(...spreadChecks(s, ''));
  for (const more of [modelChecks(s, ctx), covered ? coverageChecks(s) : undefined]) {
    problems.push(...(more?.problems ?? []));
    warnings.push(...(more?.warnings ?? []));
  }
  return { problems, warnings };
}

/**
 * Every lognormal or gamma distribution anywhere in the scenario: its sd must leave the
 * derived parameters finite ((sd/mean)^2 overflows past about 1e154 × the mean, and the
 * draws become NaN), so an absurd sd is bad input, not an internal failure mid-run.
 */
function spreadChecks(node: unknown, at: string): Problem[] {
  if (node === null || typeof node !== 'object') return [];
  const out: Problem[] = [];
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const here = at ? `${at}.${key}` : key;
    if ((key === 'lognormal' || key === 'gamma') && value !== null && typeof value === 'object') {
      const { mean_seconds: mean, sd_seconds: sd } = value as { mean_seconds?: unknown; sd_seconds?: unknown };
      if (typeof mean === 'number' && typeof sd === 'number' && mean > 0 && !Number.isFinite((sd / mean) ** 2)) {
        out.push({ path: `${here}.sd_seconds`, message: 'must be at most 1e150 × mean_seconds' });
      }
    }
    out.push(...spreadChecks(value, here)); // (a contact type or group may be named gamma too)
  }
  return out;
}
