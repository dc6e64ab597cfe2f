import type { Level } from './Level.js';

/** One holder's time in a post: from `from` (clock seconds) until `until`, starting at `level`, first moving up at `firstMoveAt`. */
export interface Tenure {
  readonly from: number;
  readonly until: number;
  readonly level: Level | null;
  readonly firstMoveAt: number;
}

/**
 * Person: a rostered post and whoever holds it over the run, as a list of tenures in time order.
 * Between tenures the post is vacant. A holder moves up the chain of levels as the weeks pass.
 */
export class Person {
  constructor(
    /** Which person of the shift (0-based): with the shift, it names the person's random draws. */
    readonly index: number,
    /** Ascending, not overlapping; empty: vacant all run. */
    readonly tenures: readonly Tenure[],
  ) {}

  /** One holder for the whole run (no attrition). */
  static standing(index: number, level: Level | null, firstMoveAt: number): Person {
    return new Person(index, [{ from: -Infinity, until: Infinity, level, firstMoveAt }]);
  }

  /** The level of the first holder (null: none, or no training levels). */
  get startLevel(): Level | null {
    return this.tenures[0]?.level ?? null;
  }

  /** The tenure that holds the post at clock time `at`, if any. */
  private tenureAt(at: number): Tenure | undefined {
    for (const t of this.tenures) {
      if (at < t.from) return undefined;
      if (at < t.until) return t;
    }
    return undefined;
  }

  /** Somebody holds the post at clock time `at` (it is not vacant). */
  inPostAt(at: number): boolean {
    return this.tenureAt(at) !== undefined;
  }

  /** The level of whoever holds the post at clock time `at` (null when vacant or without levels). */
  levelAt(at: number): Level | null {
    const t = this.tenureAt(at);
    let level = t?.level ?? null;
    if (!t || !level) return null;
    let movesAt = t.firstMoveAt;
    while (level.next && at >= movesAt) {
      level = level.next;
      movesAt += level.secondsAtLevel;
    }
    return level;
  }

  /** The clock times after `from` and before `until` at which the first holder moves up a level (standing staff). */
  levelUpsBetween(from: number, until: number): { at: number; level: Level }[] {
    const out: { at: number; level: Level }[] = [];
    let level = this.startLevel;
    let at = this.tenures[0]?.firstMoveAt ?? Infinity;
    while (level?.next && at < until) {
      level = level.next;
      if (at > from) out.push({ at, level });
      at += level.secondsAtLevel;
    }
    return out;
  }
}
