import { clockSeconds } from '../../engine/clockSeconds.js';
import { KeyedRandom } from '../../engine/KeyedRandom.js';
import { DAYS } from '../../scenario/schema.js';
import type { ResolvedShift } from '../../scenario/resolve.js';
import type { Level } from './Level.js';
import { Person } from './Person.js';

const DAY = 86_400;
const ABSENCE = KeyedRandom.key('absence');
const ATTRITION = KeyedRandom.key('attrition');

/**
 * Attrition: people leave at random (a Poisson process at `ratePerSecond` per post), the post
 * stays vacant `vacancySeconds`, then a recruit starts at `recruitLevel`.
 */
export interface Attrition {
  ratePerSecond: number;
  vacancySeconds: number;
  recruitLevel: Level | null;
  /** Draw departures up to this clock time. */
  untilSeconds: number;
}

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

/** The departures of person `index` of a shift: keyed by (group, shift, person), so other posts never shift them. */
function departures(keyed: KeyedRandom, origin: number, index: number, a: Attrition | undefined): number[] {
  if (!a || a.ratePerSecond <= 0) return [];
  const rng = keyed.at(origin, index, 0, ATTRITION);
  const out: number[] = [];
  let t = 0;
  for (;;) {
    t += -Math.log(1 - rng()) / a.ratePerSecond;
    if (t > a.untilSeconds) return out;
    out.push(t);
    t += a.vacancySeconds;
  }
}

/** Counts per level of `staff` people from a training mix, by largest remainder (20 at 0.85/0.15: 17 and 3). */
function mixCounts(mix: Record<string, number>, staff: number): number[] {
  const exact = Object.values(mix).map((share) => share * staff);
  const counts = exact.map(Math.floor);
  let left = staff - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i]++;
    left--;
  }
  return counts;
}

/**
 * The plan of shift `name` of group `group`: `shift.staff` people, their levels allotted from the
 * group's training mix (`mixCounts`), those at a level that moves up spread evenly over its weeks
 * (the first moves soonest), each with departures drawn for their post.
 */
export function shiftPlan(
  group: string,
  name: string,
  shift: Pick<ResolvedShift, 'start' | 'end' | 'staff' | 'days' | 'break_minutes'>,
  mix: Record<string, number> | undefined,
  levels: readonly Level[],
  keyed: KeyedRandom,
  attrition?: Attrition,
): ShiftPlan {
  const origin = KeyedRandom.key(`${group}/${name}`);
  const people: Person[] = [];
  const person = (level: Level | null, moveAt: number) => {
    const i = people.length;
    people.push(new Person(i, level, moveAt, departures(keyed, origin, i, attrition), attrition?.vacancySeconds ?? 0, attrition?.recruitLevel ?? null));
  };
  if (!mix) {
    for (let i = 0; i < shift.staff; i++) person(null, Infinity);
  } else {
    const counts = mixCounts(mix, shift.staff);
    Object.keys(mix).forEach((n, i) => {
      const level = levels.find((l) => l.name === n)!;
      for (let j = 0; j < counts[i]; j++) person(level, level.secondsAtLevel === Infinity ? Infinity : ((j + 0.5) / counts[i]) * level.secondsAtLevel);
    });
  }
  const start = clockSeconds(shift.start);
  let end = clockSeconds(shift.end);
  if (end <= start) end += DAY;
  return {
    name,
    origin,
    startSeconds: start,
    lengthSeconds: end - start,
    weekdays: new Set(shift.days.map((d) => DAYS.indexOf(d))),
    people,
    breakSeconds: shift.break_minutes * 60,
  };
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
