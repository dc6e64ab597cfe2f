import type { Level } from './Level.js';

/**
 * Person: a rostered post and whoever holds it over the run. The first holder starts the run at
 * a level, part-way through it, and moves up the chain of levels as the weeks pass; with
 * attrition, holders leave at the given times, the post stays vacant `vacancySeconds`, then a
 * recruit starts at `recruitLevel`.
 */
export class Person {
  constructor(
    /** Which person of the shift (0-based): with the shift, it names the person's random draws. */
    readonly index: number,
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

  /** The clock times after `from` and before `until` at which the holder moves up a level (no attrition: standing staff). */
  levelUpsBetween(from: number, until: number): { at: number; level: Level }[] {
    const out: { at: number; level: Level }[] = [];
    let level = this.startLevel;
    let at = this.firstMoveAt;
    while (level?.next && at < until) {
      level = level.next;
      if (at > from) out.push({ at, level });
      at += level.secondsAtLevel;
    }
    return out;
  }
}
