import { timer } from 'rxjs';
import type { KeyedRandom } from '../../engine/KeyedRandom.js';
import type { SimScheduler } from '../../engine/SimScheduler.js';
import { Handler } from '../Handler.js';
import type { HandlerGroup } from '../HandlerGroup.js';
import type { Centre } from '../journey/Centre.js';
import { comeOnDuty, endSpell } from './duty.js';
import { canCoach, type Level } from './Level.js';
import { pairPositions } from './pairPositions.js';
import { firstHolders } from './groupPosts.js';
import { Person } from './Person.js';
import type { RosterChange } from './RosterChange.js';

/**
 * StandingStaff: a group with a constant headcount, all on duty for the whole run. Its people
 * start at the levels of the training mix and move up as the weeks pass (level-ups scheduled on
 * the roster's SimScheduler). Coached trainees pair with people at a final level, as at a
 * shift start; the pairs change when levels do: a trainee who qualifies answers alone and frees
 * the coach, who coaches the next unpaired trainee or answers alone; someone who reaches a final
 * level while a trainee waits for a coach starts coaching (after the call in hand).
 */
export class StandingStaff {
  /** The position each answering person holds (a coached pair is held by the trainee). */
  private readonly positions = new Map<Person, Handler>();
  /** Trainees waiting for a coach, in order. */
  private readonly unpaired: Person[] = [];
  private readonly people: readonly Person[];

  constructor(
    private readonly c: Centre,
    private readonly group: HandlerGroup,
    staff: number,
    mix: Record<string, number> | undefined,
    levels: readonly Level[],
    keyed: KeyedRandom,
    private readonly emit: (change: RosterChange) => void,
  ) {
    this.people = firstHolders(staff, mix, levels).map((h, i) => Person.standing(i, h.level, h.firstMoveAt));
  }

  /** Everybody on duty at clock 0, paired; level-ups scheduled until `untilSeconds`. */
  start(scheduler: SimScheduler, untilSeconds: number): void {
    const { positions, unpaired } = pairPositions(this.people.map((person) => ({ person, level: person.startLevel })));
    this.unpaired.push(...unpaired.map((u) => u.person));
    for (const p of positions) this.open(p.person, p.level, p.coach);
    for (const person of this.people) {
      for (const up of person.levelUpsBetween(0, untilSeconds)) {
        timer(up.at * 1000, scheduler).subscribe(() => this.levelUp(person, up.level));
      }
    }
  }

  private open(person: Person, level: Level | null, coach: Person | null): void {
    const h = new Handler(this.group, level, '', 0, Infinity, person, coach);
    this.positions.set(person, h);
    comeOnDuty(this.c, h);
  }

  /** A coach is free: coach the first trainee waiting, or answer alone. */
  private free(coach: Person): void {
    const trainee = this.unpaired.shift();
    if (trainee) this.open(trainee, trainee.levelAt(this.c.calendar.now), coach);
    else this.open(coach, coach.levelAt(this.c.calendar.now), null);
  }

  private levelUp(person: Person, level: Level): void {
    this.emit({ kind: 'level-up', group: this.group.name, person: person.index, level: level.name });
    const h = this.positions.get(person);
    if (h === undefined) {
      // an unpaired trainee who qualifies coaches the next trainee waiting, or answers alone
      const i = this.unpaired.indexOf(person);
      if (i >= 0 && !level.coached) {
        this.unpaired.splice(i, 1);
        if (canCoach(level)) this.free(person);
        else this.open(person, level, null);
      }
      return;
    }
    h.setLevel(level);
    if (h.coach !== null && !level.coached) {
      const coach = h.coach;
      h.coach = null;
      this.free(coach);
    } else if (h.coach === null && canCoach(level) && this.unpaired.length > 0) {
      endSpell(this.c, h);
      this.positions.delete(person);
      const trainee = this.unpaired.shift()!;
      this.open(trainee, trainee.levelAt(this.c.calendar.now), person);
    }
  }
}
