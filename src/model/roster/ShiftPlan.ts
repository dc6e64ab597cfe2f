import { clockSeconds } from '../../engine/clockSeconds.js';
import { KeyedRandom } from '../../engine/KeyedRandom.js';
import { DAYS } from '../../scenario/schema.js';
import type { ResolvedShift } from '../../scenario/resolve.js';
import type { Level } from './Level.js';
import type { Person } from './Person.js';

const DAY = 86_400;
const ABSENCE = KeyedRandom.key('absence');

/** One shift of one group at run time: its clock times, days, people and break. */
export interface ShiftPlan {
  readonly name: string;
  /** Names the random draws of the shift's people: `KeyedRandom.key('<group>/<shift>')`. */
  readonly origin: number;
  readonly startSeconds: number; // from local midnight
  readonly lengthSeconds: number;
  readonly weekdays: ReadonlySet<number>; // 0 = Monday
  readonly people: readonly Person[];
  readonly breakSeconds: number;
}

/**
 * The plan of shift `name` of group `group`, held by `people` (groupPosts.ts). Its random draws
 * are named by `shiftOrigin(group, name)`.
 */
export function shiftPlan(
  group: string,
  name: string,
  shift: Pick<ResolvedShift, 'start' | 'end' | 'days' | 'break_minutes'>,
  people: readonly Person[],
): ShiftPlan {
  const start = clockSeconds(shift.start);
  let end = clockSeconds(shift.end);
  if (end <= start) end += DAY;
  return {
    name,
    origin: shiftOrigin(group, name),
    startSeconds: start,
    lengthSeconds: end - start,
    weekdays: new Set(shift.days.map((d) => DAYS.indexOf(d))),
    people,
    breakSeconds: shift.break_minutes * 60,
  };
}

/** Names the random draws of a shift's people (absence, departures). */
export function shiftOrigin(group: string, shift: string): number {
  return KeyedRandom.key(`${group}/${shift}`);
}

/**
 * Who of a shift's people is at work on local day `day` (a shift instance starting at clock time
 * `at`), with their level then: each person's absence is one draw keyed by (group, shift, day,
 * person) against the shrinkage, so a change to one shift's headcount, or to any other shift,
 * changes nobody else's presence (common random numbers), and lower shrinkage keeps everyone
 * present who was present before.
 */
export function presentPeople(plan: ShiftPlan, day: number, at: number, shrinkage: number, keyed: KeyedRandom): { person: Person; level: Level | null }[] {
  const present: { person: Person; level: Level | null }[] = [];
  for (const person of plan.people) {
    const u = shrinkage > 0 ? keyed.at(plan.origin, day, person.index, ABSENCE)() : 1;
    if (u >= shrinkage && person.inPostAt(at)) present.push({ person, level: person.levelAt(at) });
  }
  return present;
}
