import { Subject, map, takeWhile, timer, type Observable } from 'rxjs';
import { Tie } from '../../engine/Calendar.js';
import type { KeyedRandom } from '../../engine/KeyedRandom.js';
import { SimScheduler } from '../../engine/SimScheduler.js';
import type { TimeFrame } from '../../engine/TimeFrame.js';
import { MONTHS } from '../../scenario/schema.js';
import type { ResolvedGroup, Scenario } from '../../scenario/resolve.js';
import { Handler, Leaving } from '../Handler.js';
import type { HandlerGroup } from '../HandlerGroup.js';
import type { Centre } from '../journey/Centre.js';
import { breakDue, comeOnDuty, endSpell, goOff, waitingFor, type BreakRule } from './duty.js';
import { entryLevel, type Level } from './Level.js';
import { pairPositions } from './pairPositions.js';
import type { RosterChange } from './RosterChange.js';
import { groupPosts, type Workforce } from './groupPosts.js';
import { presentPeople, shiftOrigin, shiftPlan, type ShiftPlan } from './ShiftPlan.js';
import { StandingStaff } from './StandingStaff.js';
import { Surge } from './Surge.js';

const DAY = 86_400;
const YEAR = 365 * DAY;

interface RosteredGroup {
  group: HandlerGroup;
  plans: ShiftPlan[];
  /** Absence by month of the year (January first), and all year without a calendar. */
  absenceByMonth: number[];
  shrinkage: number;
}

/** How a rostered group's posts are held: attrition, refills or intakes, vacancies at the start. */
function workforce(g: ResolvedGroup, levels: readonly Level[], frame: TimeFrame): Workforce {
  const pct = g.attrition_pct_per_year!;
  const byName = (n: string) => levels.find((l) => l.name === n) ?? null;
  return {
    // a yearly leaving probability p is a rate of -ln(1 - p) per year
    ratePerSecond: pct > 0 ? -Math.log(1 - pct / 100) / YEAR : 0,
    refillSeconds: g.intakes!.length > 0 ? null : g.vacancy_weeks! * 7 * DAY,
    recruitLevel: g.training_mix ? entryLevel(levels) : null,
    vacantAtStart: g.vacancies_at_start_pct! / 100,
    intakes: g.intakes!
      .map((i) => ({ atSeconds: frame.secondsAt(`${i.date}T00:00`) ?? 0, people: i.people, level: g.training_mix && i.level ? byName(i.level) : null }))
      .sort((a, b) => a.atSeconds - b.atSeconds),
    untilSeconds: frame.endSeconds + 30 * DAY,
  };
}

/**
 * Roster: who is on duty when. It opens and closes answering positions: shifts by clock time
 * and weekday (each day's shifts planned as the day starts; each person present unless absent,
 * coached trainees paired with coaches at every shift start; one staggered break each), and
 * standing staff for groups with a constant headcount. A handler whose shift ends or break
 * starts during a call finishes the call first.
 *
 * The roster's changes run as RxJS streams on a `SimScheduler` of rank `Tie.Roster` (before
 * calls at the same instant): `days$` ticks as each local day starts while the run goes on, and
 * each shift start, shift end, break and level-up is a `timer` on it. `changes$` reports them.
 */
export class Roster {
  readonly scheduler: SimScheduler;
  private readonly changes = new Subject<RosterChange>();
  readonly changes$: Observable<RosterChange> = this.changes.asObservable();
  private readonly rostered: RosteredGroup[] = [];
  private readonly standing: StandingStaff[] = [];
  /** Groups whose supervisor holds breaks while the queue is long (`breaks:`). */
  private readonly breakRules = new Map<HandlerGroup, BreakRule>();
  /** Groups whose supervisor calls staff in when the queue is long (`surge:`). */
  private readonly surges: Surge[] = [];

  constructor(
    private readonly c: Centre,
    scenario: Scenario,
    groups: readonly HandlerGroup[],
    levels: readonly Level[],
    private readonly frame: TimeFrame,
    private readonly keyed: KeyedRandom,
  ) {
    this.scheduler = new SimScheduler(c.calendar, Tie.Roster);
    const emit = (change: RosterChange) => this.changes.next(change);
    Object.entries(scenario.handlers).forEach(([name, g], i) => {
      const group = groups[i];
      if (g.surge) this.surges.push(new Surge(c, group, Surge.rule(g.surge, g.training_mix, levels), emit));
      if (g.staff !== undefined) {
        this.standing.push(new StandingStaff(c, group, g.staff, g.training_mix, levels, keyed, emit));
        return;
      }
      const shifts = Object.entries(g.shifts!);
      const people = groupPosts(
        shifts.map(([shift, s]) => ({ origin: shiftOrigin(name, shift), staff: s.staff })),
        g.training_mix,
        levels,
        keyed,
        workforce(g, levels, frame),
      );
      if (g.breaks) this.breakRules.set(group, { overQueue: g.breaks.defer_while_queue_over, latestSeconds: g.breaks.latest_start_minutes_after_planned * 60 });
      this.rostered.push({
        group,
        plans: shifts.map(([shift, s], k) => shiftPlan(name, shift, s, people[k])),
        absenceByMonth: MONTHS.map((m) => (g.absence_pct_by_month?.[m] ?? g.shrinkage_pct!) / 100),
        shrinkage: g.shrinkage_pct! / 100,
      });
    });
  }

  /**
   * Local days as they start, from the day after clock 0, for as long as the run goes on (until
   * the counted period is over and every call has ended).
   */
  days$(): Observable<number> {
    const first = this.frame.dayOf(0) + 1;
    const firstAt = this.frame.dayStartSeconds(first);
    return timer(firstAt * 1000, DAY * 1000, this.scheduler).pipe(
      map((k) => first + k),
      takeWhile(() => this.c.calendar.now < this.frame.endSeconds || this.c.inSystem > 0),
    );
  }

  /** Standing staff on duty now (clock 0), and the shifts of the day before and the first day planned. */
  start(): void {
    for (const s of this.standing) s.start(this.scheduler, this.frame.endSeconds);
    for (const s of this.surges) s.start(this.scheduler, () => this.c.calendar.now < this.frame.endSeconds || this.c.inSystem > 0);
    if (this.rostered.length > 0) {
      const firstDay = this.frame.dayOf(0);
      this.planDay(firstDay - 1);
      this.planDay(firstDay);
    }
  }

  /** Plan the shift instances that start on local day `day`. */
  planDay(day: number): void {
    const dayStart = this.frame.dayStartSeconds(day);
    const weekday = this.frame.weekdayOf(day);
    const now = this.c.calendar.now;
    const month = this.frame.monthOfYear(day);
    for (const r of this.rostered) {
      for (const plan of r.plans) {
        if (!plan.weekdays.has(weekday)) continue;
        const startAt = dayStart + plan.startSeconds;
        const endAt = startAt + plan.lengthSeconds;
        if (endAt <= now) continue;
        const absence = month === null ? r.shrinkage : r.absenceByMonth[month];
        const { positions } = pairPositions(presentPeople(plan, day, Math.max(0, startAt), absence, this.keyed));
        const handlers = positions.map((p) => new Handler(r.group, p.level, plan.name, plan.breakSeconds, endAt, p.person, p.coach));
        const opensAt = Math.max(now, startAt);
        const names = { group: r.group.name, shift: plan.name, day };
        timer((opensAt - now) * 1000, this.scheduler).subscribe(() => {
          this.changes.next({ kind: 'shift-start', ...names, at: this.c.calendar.now, positions });
          this.startShift(handlers);
        });
        timer((endAt - now) * 1000, this.scheduler).subscribe(() => {
          this.changes.next({ kind: 'shift-end', ...names, at: this.c.calendar.now });
          for (const h of handlers) endSpell(this.c, h);
        });
      }
    }
  }

  private startShift(handlers: readonly Handler[]): void {
    const now = this.c.calendar.now;
    handlers.forEach((h, i) => {
      comeOnDuty(this.c, h);
      if (h.breakSeconds > 0) {
        // breaks staggered across the middle half of the shift
        const length = h.shiftEndsAt - now;
        const at = now + length / 4 + ((i + 0.5) / handlers.length) * (length / 2) - h.breakSeconds / 2;
        if (at > now && at + h.breakSeconds < h.shiftEndsAt) this.scheduler.schedule(() => this.breakStarts(h), (at - now) * 1000);
      }
    });
  }

  /** A break's planned start: it starts (after the call in hand), or is held while the queue is long (duty.ts, `breakDue`). */
  private breakStarts(h: Handler): void {
    if (h.shiftOver || !h.onDuty) return;
    const latest = breakDue(this.c, h, this.breakRules.get(h.group) ?? null, (x) => this.goOnBreak(x));
    if (latest !== null) this.scheduler.schedule(() => this.latestBreak(h), (latest - this.c.calendar.now) * 1000);
  }

  private goOnBreak(h: Handler): void {
    goOff(this.c, h);
    this.scheduleReturn(h);
  }

  /** A held break's latest start: the handler goes now, or after the call in hand. */
  private latestBreak(h: Handler): void {
    if (h.shiftOver || h.leaving !== Leaving.BreakWhenQuiet) return;
    if (h.busy) {
      h.leaving = Leaving.Break;
    } else {
      h.leaving = Leaving.No;
      this.goOnBreak(h);
    }
  }

  private scheduleReturn(h: Handler): void {
    const back = this.c.calendar.now + h.breakSeconds;
    if (back < h.shiftEndsAt) this.scheduler.schedule(() => h.shiftOver || comeOnDuty(this.c, h), h.breakSeconds * 1000);
  }

  /**
   * A handler whose call has ended was due to leave (break or shift end): it leaves now, and
   * after its shift's end gives its number back (`Handler.retire`).
   */
  leave(h: Handler): void {
    if (h.leaving === Leaving.BreakWhenQuiet && waitingFor(h.group) > this.breakRules.get(h.group)!.overQueue) {
      // the break is still held: the handler answers on (the next call, or the idle line)
      h.leaving = Leaving.No;
      this.c.on.handlerFree(h.id);
      h.leaving = Leaving.BreakWhenQuiet;
      return;
    }
    const onBreak = h.leaving === Leaving.Break || h.leaving === Leaving.BreakWhenQuiet;
    h.leaving = Leaving.No;
    goOff(this.c, h);
    if (h.shiftOver) h.retire();
    else if (onBreak) this.scheduleReturn(h);
  }
}
