import { validateScenario, type Scenario } from '../scenario/load.js';
import type { HandlerGroupInput } from '../scenario/schema.js';
import { layeredShifts } from './layeredShifts.js';
import type { StaffTarget } from './StaffTarget.js';

/** The suffix of the constant-staff group that carries a staffed group's base level. */
export const BASE_SUFFIX = '~base';

/**
 * The scenario `staff` simulates for a staffing pattern: the given groups' rosters replaced by
 * exactly `levels[hour of week]` handlers on duty (layered shifts over a constant base group
 * named `<group>~base`, placed right after it and answering the same contact types), with no
 * breaks, absence, attrition or training mix: the requirement is counted in handlers on duty at
 * full (experienced) speed, and the roster step converts it to people. Every other part of the
 * model runs as configured. Targets set each targeted contact type's answer target, and the
 * reporting interval is one hour (the pattern's unit).
 */
export function staffingScenario(scenario: Scenario, levels: ReadonlyMap<string, ArrayLike<number>>, targets: readonly StaffTarget[]): Scenario {
  const handlers: Record<string, HandlerGroupInput> = {};
  for (const [name, g] of Object.entries(scenario.handlers)) {
    const pattern = levels.get(name);
    if (!pattern) {
      handlers[name] = g;
      continue;
    }
    const { base, shifts } = layeredShifts(pattern);
    const common = { answers: g.answers, ...(g.takes_calls_waiting_seconds !== undefined ? { takes_calls_waiting_seconds: g.takes_calls_waiting_seconds } : {}) };
    if (Object.keys(shifts).length === 0) {
      handlers[name] = { ...common, staff: base };
    } else {
      handlers[name] = { ...common, shifts };
      if (base > 0) handlers[name + BASE_SUFFIX] = { ...common, staff: base };
    }
  }
  const contacts = Object.fromEntries(
    Object.entries(scenario.contacts).map(([name, c]) => {
      const t = targets.find((x) => x.contact === name && x.kind === 'within');
      return [name, t ? { ...c, target: { ...c.target, answer_within_seconds: t.withinSeconds } } : c];
    }),
  );
  const raw = { ...scenario, contacts, handlers, reporting: { interval_minutes: 60 } };
  const { scenario: out, problems } = validateScenario(raw);
  if (problems.length) throw new Error(`staffing scenario: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return out;
}

/** The group of the simulation a report group belongs to (`emergency~base` -> `emergency`). */
export const staffedGroupOf = (name: string): string => (name.endsWith(BASE_SUFFIX) ? name.slice(0, -BASE_SUFFIX.length) : name);

/**
 * The group whose staffing serves a contact type: the first group (in file order) answering it
 * that takes every call (not an overflow group, which is offered only calls that have waited).
 */
export function primaryGroup(scenario: Scenario, contact: string): string | undefined {
  return Object.entries(scenario.handlers).find(([, g]) => g.answers.includes(contact) && !g.takes_calls_waiting_seconds)?.[0];
}
