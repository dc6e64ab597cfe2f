import type { InvestmentSpec, KeyProblem as Problem, OtherChangesSpec, PlacesEffect, ScenarioView as Scenario } from './types.js';
import { getPath, setPathIn } from './keyPath.js';
import { InvestmentError } from './InvestmentError.js';
import { placeShifts } from './placeShifts.js';

/** Which parts of a scenario with `investment:` to apply: everything, the levers alone, or neither (the base). */
export type InvestmentParts = 'all' | 'investment-only' | 'none';

/** What one lever or other change did to the scenario: each changed key, from and to. */
export interface AppliedChange {
  name: string;
  section: 'investment.levers' | 'other_changes';
  description?: string;
  source: string;
  /** "handlers.emergency.shifts.early_0600.staff: 10 -> 11", one a key. */
  changes: string[];
  /** Key paths it set (for naming the change in a later validation problem). */
  paths: string[];
}

/**
 * The base scenario's raw form (the file after `extends`, without investment and other_changes)
 * with the levers applied, each at `levelsByName.get(name)` if given (a places lever's count, a
 * set lever's level) else at its own, and then (parts 'all') the other changes at their values.
 *
 * - places: `count` more on the group's shifts (placeShifts.ts). Without `level` they are posts
 *   of the group like its others (its vacancies, training mix, attrition, intakes: funding a
 *   post does not fill it). With `level`, they are a group of their own, `<group>~<lever>`,
 *   placed right after the group and answering what it answers, every post held at the start
 *   by a person at that level (the money recruited them), with the group's absence, attrition
 *   and breaks, a leaver's post refilled after the group's vacancy_weeks (0 when it has intakes).
 * - set: each key path must exist in the base scenario (`base`, defaults applied); a number moves
 *   linearly from the base value (level 0) to the given one (level 1); any other value is
 *   allowed only at level 0 (unchanged) or 1. A later lever setting the same key wins.
 * - other changes: their values as given (a set path need not exist yet: a change may add a key).
 *
 * Throws InvestmentError with key paths. The returned raw scenario still needs validating.
 */
export function applyInvestment(
  baseRaw: Record<string, unknown>,
  base: Scenario,
  investment: InvestmentSpec | undefined,
  otherChanges: OtherChangesSpec | undefined,
  options: { levelsByName?: ReadonlyMap<string, number>; parts?: InvestmentParts } = {},
): { raw: Record<string, unknown>; applied: AppliedChange[] } {
  const parts = options.parts ?? 'all';
  const levels = options.levelsByName ?? new Map<string, number>();
  const raw = structuredClone(baseRaw);
  const applied: AppliedChange[] = [];
  const problems: Problem[] = [];
  const levers = investment?.levers ?? {};
  for (const name of levels.keys()) {
    if (!Object.hasOwn(levers, name)) problems.push({ path: 'investment.levers', message: `no lever '${name}' to set a level for; expected one of ${Object.keys(levers).join(', ') || '(none)'}` });
  }
  if (problems.length) throw new InvestmentError(problems);
  if (parts === 'none') return { raw, applied };

  for (const [name, lever] of Object.entries(levers)) {
    const at = `investment.levers.${name}`;
    const change: AppliedChange = { name, section: 'investment.levers', description: lever.description, source: lever.source, changes: [], paths: [] };
    const given = levels.get(name);
    if (lever.places) {
      const count = given ?? lever.places.count;
      if (!Number.isInteger(count) || count < 0) problems.push({ path: `${at}.places.count`, message: `expected a whole number of places >= 0, got ${count}` });
      else addPlaces(raw, base, name, lever.places, count, `${at}.places`, change, problems);
    } else {
      const level = given ?? lever.level ?? 1;
      if (!(level >= 0 && level <= 1)) problems.push({ path: `${at}.level`, message: `expected a level between 0 and 1, got ${level}` });
      else setValues(raw, base, lever.set!, level, `${at}.set`, change, problems, true);
    }
    applied.push(change);
  }
  if (parts === 'all') {
    for (const [name, c] of Object.entries(otherChanges ?? {})) {
      const at = `other_changes.${name}`;
      const change: AppliedChange = { name, section: 'other_changes', description: c.description, source: c.source, changes: [], paths: [] };
      if (c.places) addPlaces(raw, base, name, c.places, c.places.count, `${at}.places`, change, problems);
      else setValues(raw, base, c.set!, 1, `${at}.set`, change, problems, false);
      applied.push(change);
    }
  }
  if (problems.length) throw new InvestmentError(problems);
  return { raw, applied };
}

const show = (v: unknown) => (typeof v === 'number' ? String(Math.round(v * 1e9) / 1e9) : v === undefined ? '(none)' : JSON.stringify(v));

function setValues(raw: Record<string, unknown>, base: Scenario, set: Record<string, unknown>, level: number, at: string, change: AppliedChange, problems: Problem[], mustExist: boolean): void {
  for (const [keyPath, target] of Object.entries(set)) {
    const from = getPath(base, keyPath);
    if (mustExist && from === undefined) {
      problems.push({ path: `${at}.${keyPath}`, message: `no key ${keyPath} in the base scenario; expected a key path of the scenario this file extends (a lever changes a value, it does not add one)` });
      continue;
    }
    let value: unknown;
    if (typeof from === 'number' && typeof target === 'number') value = from + level * (target - from);
    else if (level === 1 || !mustExist) value = structuredClone(target);
    else if (level === 0) continue;
    else {
      problems.push({ path: `${at}.${keyPath}`, message: `is not a number (base ${show(from)}, lever ${show(target)}): it can be applied only at level 0 or 1, not ${level}` });
      continue;
    }
    if (typeof value === 'number' && value === from) continue; // level 0: unchanged, nothing to record
    const bad = setPathIn(raw, keyPath, value);
    if (bad) problems.push({ path: `${at}.${keyPath}`, message: bad });
    else {
      change.changes.push(`${keyPath}: ${show(from)} -> ${show(value)}`);
      change.paths.push(keyPath);
    }
  }
}

function addPlaces(raw: Record<string, unknown>, base: Scenario, name: string, effect: Omit<PlacesEffect, 'range'>, count: number, at: string, change: AppliedChange, problems: Problem[]): void {
  let placed;
  try {
    placed = placeShifts(effect, base, count, at);
  } catch (err) {
    if (err instanceof InvestmentError) return void problems.push(...err.problems);
    throw err;
  }
  const handlers = raw.handlers as Record<string, Record<string, unknown>>;
  const group = handlers[effect.group];
  const shifts = group.shifts as Record<string, Record<string, unknown>>;
  if (effect.level === undefined) {
    for (const p of placed) {
      if (p.places === 0) continue;
      const before = shifts[p.shift].staff as number;
      shifts[p.shift].staff = before + p.places;
      change.changes.push(`handlers.${effect.group}.shifts.${p.shift}.staff: ${before} -> ${before + p.places}`);
      change.paths.push(`handlers.${effect.group}.shifts.${p.shift}.staff`);
    }
    return;
  }
  const levels = base.training_levels;
  if (!Object.hasOwn(levels, effect.level)) {
    return void problems.push({ path: `${at}.level`, message: `no training level '${effect.level}'; expected one of ${Object.keys(levels).join(', ') || '(none: the scenario has no training_levels)'}` });
  }
  if (count === 0) return;
  const own = `${effect.group}~${name}`;
  const g = base.handlers[effect.group];
  const newShifts: Record<string, unknown> = {};
  for (const p of placed) if (p.places > 0) newShifts[p.shift] = { ...structuredClone(shifts[p.shift]), staff: p.places };
  const group2: Record<string, unknown> = {
    answers: structuredClone(group.answers),
    shifts: newShifts,
    training_mix: { [effect.level]: 1 },
    shrinkage_pct: g.shrinkage_pct ?? 0,
    attrition_pct_per_year: g.attrition_pct_per_year ?? 0,
    vacancy_weeks: (g.intakes?.length ?? 0) > 0 ? 0 : (g.vacancy_weeks ?? 0),
  };
  for (const key of ['absence_pct_by_month', 'breaks', 'takes_calls_waiting_seconds'] as const) if (group[key] !== undefined) group2[key] = structuredClone(group[key]);
  // right after its group, so a report lists them together
  const reordered: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(handlers)) {
    reordered[k] = v;
    if (k === effect.group) reordered[own] = group2;
  }
  raw.handlers = reordered;
  change.changes.push(`handlers.${own}: ${count} places at level ${effect.level} (${placed.filter((p) => p.places > 0).map((p) => `${p.shift} ${p.places}`).join(', ')})`);
  change.paths.push(`handlers.${own}`);
}
