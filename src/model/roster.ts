import type { Rng } from '../engine/rng.js';
import type { TimeFrame } from '../scenario/horizon.js';
import { DAYS, type ShiftInput, type TrainingLevelInput } from '../scenario/schema.js';
import type { Level } from './HandlerGroup.js';

const DAY = 86_400;
const WEEK = 7 * DAY;

/** Training levels from the scenario, linked (`becomes`). */
export function buildLevels(input: Record<string, TrainingLevelInput> | undefined): Level[] {
  const entries = Object.entries(input ?? {});
  const levels: Level[] = entries.map(([name, l], index) => ({
    index,
    name,
    handlingMultiplier: l.handling_multiplier,
    misgradeProbability: (l.misgrade_pct ?? 0) / 100,
    underGradeShare: l.under_grade_share ?? 0.5,
    coached: l.coached ?? false,
    secondsAtLevel: l.weeks_to_next_level !== undefined && l.becomes ? l.weeks_to_next_level * WEEK : Infinity,
    next: null,
  }));
  entries.forEach(([, l], i) => {
    if (l.becomes) levels[i].next = levels.find((x) => x.name === l.becomes) ?? null;
  });
  return levels;
}

/**
 * A rostered person: starts the horizon at a level, part-way through it, and moves up the
 * chain of levels as the weeks pass.
 */
export class Person {
  constructor(
    readonly startLevel: Level | null,
    /** Seconds from clock 0 until the first move up (spread evenly across the people at that level). */
    readonly firstMoveAt: number,
    /** Clock times at which whoever holds this post leaves (ascending; empty without attrition). */
    readonly departures: readonly number[] = [],
    /** How long the post stays empty after a departure before a recruit starts, seconds. */
    readonly vacancySeconds = 0,
    /** The level a recruit starts at. */
    readonly recruitLevel: Level | null = null,
  ) {}

  /** The last departure at or before `at`, or -1. */
  private lastDeparture(at: number): number {
    let j = -1;
    while (j + 1 < this.departures.length && this.departures[j + 1] <= at) j++;
    return j;
  }

  /** Somebody holds the post at clock time `at` (it is not vacant). */
  inPostAt(at: number): boolean {
    const j = this.lastDeparture(at);
    return j < 0 || at >= this.departures[j] + this.vacancySeconds;
  }

  /** The level of whoever holds the post at clock time `at` (the leaver's level while it is vacant). */
  levelAt(at: number): Level | null {
    const j = this.lastDeparture(at);
    let level = j < 0 ? this.startLevel : this.recruitLevel;
    if (!level) return null;
    let movesAt = j < 0 ? this.firstMoveAt : this.departures[j] + this.vacancySeconds + level.secondsAtLevel;
    while (level.next && at >= movesAt) {
      level = level.next;
      movesAt += level.secondsAtLevel;
    }
    return level;
  }
}

/**
 * Attrition: people leave at random (a Poisson process at `ratePerSecond` per post), the post
 * stays vacant `vacancySeconds`, then a recruit starts at `recruitLevel`.
 */
export interface Attrition {
  ratePerSecond: number;
  vacancySeconds: number;
  recruitLevel: Level | null;
  rng: Rng;
  /** Draw departures up to this clock time. */
  untilSeconds: number;
}

/** The level recruits start at: the first level that no other level becomes. */
export function entryLevel(levels: readonly Level[]): Level | null {
  return levels.find((l) => !levels.some((o) => o.next === l)) ?? null;
}

function departuresOf(a: Attrition | undefined): number[] {
  if (!a || a.ratePerSecond <= 0) return [];
  const out: number[] = [];
  let t = 0;
  for (;;) {
    t += -Math.log(1 - a.rng()) / a.ratePerSecond;
    if (t > a.untilSeconds) return out;
    out.push(t);
    t += a.vacancySeconds;
  }
}

/** One shift of one group at run time: its clock times, days, people and break. */
export interface ShiftPlan {
  readonly name: string;
  readonly startSeconds: number; // from local midnight
  readonly lengthSeconds: number;
  readonly weekdays: ReadonlySet<number>; // 0 = Monday
  readonly people: readonly Person[];
  readonly breakSeconds: number;
}

const clockSeconds = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 3600 + m * 60;
};

/**
 * The people of a shift: `staff` of them, their levels allotted from the group's training mix
 * by largest remainder (so 20 staff at 0.85/0.15 gives 17 and 3), and those at a level that
 * moves up spread evenly over its weeks (the first moves soonest).
 */
export function shiftPlan(
  name: string,
  shift: ShiftInput,
  mix: Record<string, number> | undefined,
  levels: Level[],
  attrition?: Attrition,
): ShiftPlan {
  const person = (level: Level | null, moveAt: number) =>
    new Person(level, moveAt, departuresOf(attrition), attrition?.vacancySeconds ?? 0, attrition?.recruitLevel ?? null);
  const start = clockSeconds(shift.start);
  let end = clockSeconds(shift.end);
  if (end <= start) end += DAY;
  const people: Person[] = [];
  if (!mix) {
    for (let i = 0; i < shift.staff; i++) people.push(person(null, Infinity));
  } else {
    const names = Object.keys(mix);
    const exact = names.map((n) => mix[n] * shift.staff);
    const counts = exact.map(Math.floor);
    let left = shift.staff - counts.reduce((a, b) => a + b, 0);
    const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
    for (const { i } of order) {
      if (left <= 0) break;
      counts[i]++;
      left--;
    }
    names.forEach((n, i) => {
      const level = levels.find((l) => l.name === n)!;
      for (let j = 0; j < counts[i]; j++) {
        const moveAt = level.secondsAtLevel === Infinity ? Infinity : ((j + 0.5) / counts[i]) * level.secondsAtLevel;
        people.push(person(level, moveAt));
      }
    });
  }
  return {
    name,
    startSeconds: start,
    lengthSeconds: end - start,
    weekdays: new Set((shift.days ?? DAYS).map((d) => DAYS.indexOf(d))),
    people,
    breakSeconds: (shift.break_minutes ?? 0) * 60,
  };
}

/** One answering position for one shift instance. */
export interface Position {
  level: Level | null;
  handlingMultiplier: number;
  /** The person answering (the trainee of a coached pair). */
  person?: Person;
}

/**
 * The answering positions of one shift instance starting at clock time `at`: each person is
 * present unless absent (a draw per person per shift against the shrinkage, so fewer absences
 * keep the same people present: common random numbers across scenarios). A present coached
 * trainee pairs with a present handler at a final level (one that does not move up); the pair
 * is one position at the trainee's level. Unpaired trainees do not answer.
 */
export function positionsFor(plan: ShiftPlan, at: number, shrinkage: number, rng: Rng): Position[] {
  const present: { level: Level | null; person: Person }[] = [];
  for (const person of plan.people) {
    const u = rng();
    if (u >= shrinkage && person.inPostAt(at)) present.push({ level: person.levelAt(at), person });
  }
  const trainees = present.filter((p) => p.level?.coached);
  const others = present.filter((p) => !p.level?.coached);
  const positions: Position[] = [];
  let coaches = 0;
  const canCoach = (l: Level | null) => l === null || l.next === null;
  const coachable = others.filter((p) => canCoach(p.level)).length;
  for (const t of trainees) {
    if (coaches < coachable) {
      coaches++;
      positions.push({ level: t.level, handlingMultiplier: t.level!.handlingMultiplier, person: t.person });
    }
  }
  let skipped = 0;
  for (const p of others) {
    if (canCoach(p.level) && skipped < coaches) {
      skipped++; // this person is coaching
      continue;
    }
    positions.push({ level: p.level, handlingMultiplier: p.level?.handlingMultiplier ?? 1, person: p.person });
  }
  return positions;
}

/** Hours of a typical week (0 = Monday 00:00) in which each contact type has nobody rostered to answer it. */
export function uncoveredHours(
  contactNames: readonly string[],
  groups: readonly { answers: readonly string[]; staff?: number; shifts?: Record<string, ShiftInput> }[],
): Map<string, number[]> {
  const covered = new Map<string, Uint8Array>(contactNames.map((c) => [c, new Uint8Array(168)]));
  for (const g of groups) {
    const week = new Uint8Array(168);
    if (g.staff !== undefined) {
      if (g.staff > 0) week.fill(1);
    } else {
      for (const s of Object.values(g.shifts ?? {})) {
        if (s.staff <= 0) continue;
        const start = clockSeconds(s.start);
        let end = clockSeconds(s.end);
        if (end <= start) end += DAY;
        for (const d of (s.days ?? DAYS).map((x) => DAYS.indexOf(x))) {
          for (let t = start; t < end; t += 60) week[(d * 24 + Math.floor(t / 3600)) % 168] = 1;
        }
      }
    }
    for (const c of g.answers) {
      const cov = covered.get(c);
      if (cov) for (let h = 0; h < 168; h++) cov[h] |= week[h];
    }
  }
  const out = new Map<string, number[]>();
  for (const [c, cov] of covered) {
    const gaps: number[] = [];
    cov.forEach((v, h) => v || gaps.push(h));
    if (gaps.length) out.set(c, gaps);
  }
  return out;
}

/** "mon 03:00-05:00, tue 03:00-04:00" for a list of hours of the week. */
export function describeHours(hours: number[]): string {
  const spans: string[] = [];
  let i = 0;
  while (i < hours.length) {
    let j = i;
    while (j + 1 < hours.length && hours[j + 1] === hours[j] + 1 && Math.floor(hours[j + 1] / 24) === Math.floor(hours[i] / 24)) j++;
    const day = DAYS[Math.floor(hours[i] / 24)];
    const from = hours[i] % 24;
    const to = (hours[j] % 24) + 1;
    spans.push(`${day} ${String(from).padStart(2, '0')}:00-${String(to).padStart(2, '0')}:00`);
    i = j + 1;
  }
  return spans.join(', ');
}
