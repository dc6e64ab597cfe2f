import type { CheckContext, CheckedParts } from './CheckContext.js';
import type { Problem } from './Problem.js';
import type { HandlerGroupInput } from './schema.js';

/**
 * Checks of the richer model's keys that need more than one key at a time: names that must
 * exist (training levels, contact types named by caller behaviour and incidents), keys that
 * need a calendar, online contacts without patience. Each looks at one entry of `s` and the
 * names in `ctx`, so it may run on the well-formed entries of a scenario with schema errors;
 * the warning about contact types nothing feeds needs them all (ctx.complete).
 */
export function modelChecks(s: CheckedParts, ctx: CheckContext): { problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const contacts = ctx.contactNames;
  const levels = ctx.levelNames;
  const unknownContact = (name: string) => contacts !== undefined && !contacts.includes(name);
  const expectContacts = `expected one of ${(contacts ?? []).map((c) => `'${c}'`).join(', ')}`;
  const dated = ctx.dated;
  const fed = new Set<string>();

  for (const [name, c] of Object.entries(s.contacts)) {
    const at = `contacts.${name}`;
    if (c.arrivals) fed.add(name);
    if (c.arrivals?.month_of_year && !dated) problems.push({ path: `${at}.arrivals.month_of_year`, message: 'needs a calendar: set horizon.start_date' });
    if (c.arrivals?.special_days && !dated) problems.push({ path: `${at}.arrivals.special_days`, message: 'needs a calendar: set horizon.start_date' });
    if (c.channel === 'online') {
      if (c.patience) problems.push({ path: `${at}.patience`, message: 'an online contact has nobody waiting on a line: remove patience' });
      if (c.immediate_hang_up) problems.push({ path: `${at}.immediate_hang_up`, message: 'an online contact cannot hang up: remove it' });
      if (c.bt_connect) problems.push({ path: `${at}.bt_connect`, message: 'an online contact has no BT leg: remove it' });
    }
    if (c.handling_by_grade && !c.grades) problems.push({ path: `${at}.handling_by_grade`, message: 'needs grades (the mix of true grades)' });
    if (c.redirect && !(c.grades && (c.grades.none ?? 0) > 0)) {
      problems.push({ path: `${at}.redirect`, message: `needs grades with a share of 'none' (no police action) > 0` });
    }
    const o = c.on_abandon;
    if (o && !c.patience && !c.immediate_hang_up) {
      warnings.push({ path: `${at}.on_abandon`, message: 'callers never hang up (no patience), so this never happens' });
    }
    for (const to of Object.keys(o?.switch_to ?? {})) {
      if (unknownContact(to)) problems.push({ path: `${at}.on_abandon.switch_to.${to}`, message: `unknown contact type; ${expectContacts}` });
      else fed.add(to);
    }
    if (o?.call_back) {
      if (unknownContact(o.call_back.contact)) problems.push({ path: `${at}.on_abandon.call_back.contact`, message: `unknown contact type '${o.call_back.contact}'; ${expectContacts}` });
      else fed.add(o.call_back.contact);
    }
  }
  (s.major_incidents ?? []).forEach((m, i) => {
    const at = `major_incidents.${i}`;
    if (unknownContact(m.contact)) problems.push({ path: `${at}.contact`, message: `unknown contact type '${m.contact}'; ${expectContacts}` });
    else fed.add(m.contact);
    if (m.at !== undefined && !dated) problems.push({ path: `${at}.at`, message: 'needs a calendar: set horizon.start_date, or use at_hours' });
  });
  if (ctx.complete) {
    for (const name of contacts ?? []) {
      if (!fed.has(name)) warnings.push({ path: `contacts.${name}`, message: 'has no arrivals and nothing sends calls to it' });
    }
  }

  for (const [name, l] of Object.entries(s.training_levels ?? {})) {
    if (l.becomes !== undefined && levels !== undefined && !levels.includes(l.becomes)) {
      problems.push({ path: `training_levels.${name}.becomes`, message: `unknown training level '${l.becomes}'; expected one of ${levels.join(', ')}` });
    }
    if ((l.becomes === undefined) !== (l.weeks_to_next_level === undefined)) {
      problems.push({ path: `training_levels.${name}`, message: 'give both weeks_to_next_level and becomes, or neither' });
    }
  }
  for (const [name, g] of Object.entries(s.handlers)) {
    if (g.training_mix === 'steady_state' && !levels?.length) {
      problems.push({ path: `handlers.${name}.training_mix`, message: 'steady_state needs training_levels (a chain of levels from the one recruits start at)' });
    }
    for (const level of typeof g.training_mix === 'object' ? Object.keys(g.training_mix) : []) {
      if (levels !== undefined && !levels.includes(level)) {
        problems.push({
          path: `handlers.${name}.training_mix.${level}`,
          message: levels.length ? `unknown training level; expected one of ${levels.join(', ')}` : 'unknown training level: define it under training_levels',
        });
      }
    }
    if (g.shrinkage_pct !== undefined && !g.shifts) problems.push({ path: `handlers.${name}.shrinkage_pct`, message: 'applies to shifts: use shifts, or lower staff' });
    if (g.attrition_pct_per_year !== undefined && !g.shifts) {
      problems.push({ path: `handlers.${name}.attrition_pct_per_year`, message: 'applies to shifts (rostered people): use shifts' });
    }
    if (g.vacancy_weeks !== undefined && !g.shifts) {
      problems.push({ path: `handlers.${name}.vacancy_weeks`, message: 'applies to shifts (rostered people): use shifts' });
    } else if (g.vacancy_weeks !== undefined && g.attrition_pct_per_year === undefined && g.vacancies_at_start_pct === undefined) {
      problems.push({ path: `handlers.${name}.vacancy_weeks`, message: 'needs attrition_pct_per_year or vacancies_at_start_pct (posts fall vacant only when people leave)' });
    }
    problems.push(...workforceChecks(name, g, dated, levels));
    // intraday management (intradaySchema.ts)
    if (g.breaks && !g.shifts) problems.push({ path: `handlers.${name}.breaks`, message: 'applies to shifts (standing staff take no breaks): use shifts' });
    const surgeLevel = g.surge?.level;
    if (surgeLevel !== undefined && levels !== undefined && !levels.includes(surgeLevel)) {
      problems.push({ path: `handlers.${name}.surge.level`, message: levels.length ? `unknown training level; expected one of ${levels.join(', ')}` : 'unknown training level: define it under training_levels' });
    }
  }
  for (const [name, c] of Object.entries(s.contacts)) {
    if (c.arrivals?.trend && !dated) problems.push({ path: `contacts.${name}.arrivals.trend`, message: 'needs a calendar: set horizon.start_date' });
  }
  return { problems, warnings };
}

/** The keys of what changes through a year (workforceSchema.ts) make sense together. */
function workforceChecks(name: string, g: HandlerGroupInput, dated: boolean, levels: readonly string[] | undefined): Problem[] {
  const problems: Problem[] = [];
  const at = (key: string) => `handlers.${name}.${key}`;
  for (const key of ['vacancies_at_start_pct', 'intakes', 'absence_pct_by_month'] as const) {
    if (g[key] !== undefined && !g.shifts) problems.push({ path: at(key), message: 'applies to shifts (rostered posts): use shifts' });
  }
  if (g.absence_pct_by_month !== undefined && !dated) problems.push({ path: at('absence_pct_by_month'), message: 'needs a calendar: set horizon.start_date' });
  if (g.intakes?.length) {
    if (!dated) problems.push({ path: at('intakes'), message: 'needs a calendar: set horizon.start_date (intakes are dated)' });
    if ((g.vacancy_weeks ?? 0) > 0) problems.push({ path: at('vacancy_weeks'), message: 'give vacancy_weeks (posts refill by themselves) or intakes (posts refill from intakes), not both' });
    g.intakes.forEach((i, k) => {
      if (i.level !== undefined && !levels?.includes(i.level)) {
        problems.push({ path: at(`intakes.${k}.level`), message: levels?.length ? `unknown training level; expected one of ${levels.join(', ')}` : 'unknown training level: define it under training_levels' });
      }
    });
  }
  return problems;
}
