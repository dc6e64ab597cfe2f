import type { Scenario } from '../scenario/resolve.js';
import type { ContactType } from './ContactType.js';
import { HandlerGroup } from './HandlerGroup.js';
import type { HandlerTable } from './HandlerTable.js';

/**
 * The handler groups of a scenario at run time, in its order, each linked to the contact types
 * it answers: best priority first (the scenario's order within a priority); a group with an
 * overflow threshold is offered a type's calls only once they have waited it. Their handlers'
 * state lives in `table`.
 */
export function buildGroups(scenario: Scenario, contacts: readonly ContactType[], table: HandlerTable): HandlerGroup[] {
  const byName = new Map(contacts.map((c) => [c.name, c]));
  return Object.entries(scenario.handlers).map(([name, g], index) => {
    const group = new HandlerGroup(index, name, g.takes_calls_waiting_seconds, table);
    const answered = g.answers.map((a) => byName.get(a)!);
    group.contacts.push(
      ...answered
        .map((c, i) => ({ c, i }))
        .sort((a, b) => a.c.priority - b.c.priority || a.i - b.i)
        .map((x) => x.c),
    );
    for (const c of answered) {
      if (group.takesCallsWaitingSeconds > 0) {
        c.overflowGroups.push(group);
        if (!c.overflowThresholds.includes(group.takesCallsWaitingSeconds)) {
          c.overflowThresholds.push(group.takesCallsWaitingSeconds);
          c.overflowThresholds.sort((a, b) => a - b);
        }
      } else {
        c.groups.push(group);
      }
    }
    return group;
  });
}
