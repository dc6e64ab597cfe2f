import { Calendar, Tie } from '../engine/Calendar.js';
import { distributionFrom, type DistributionSpec } from '../engine/distributions.js';
import type { RandomStreams, Rng } from '../engine/rng.js';
import type { Scenario } from '../scenario/load.js';
import { TimeFrame } from '../scenario/horizon.js';
import { GRADES } from '../scenario/schema.js';
import { Call } from './Call.js';
import { ContactType } from './ContactType.js';
import { Handler, HandlerGroup, Leaving, type Level } from './HandlerGroup.js';
import { hourlyRates, nextArrival } from './demand.js';
import { buildLevels, entryLevel, positionsFor, shiftPlan, type Attrition, type ShiftPlan } from './roster.js';
import type { CallRecord, CallSource, HandlerIntervalRecord } from './records.js';
import { SimulationError } from './SimulationError.js';

/** Where the model sends what happens; `simulate` turns these into Observables. */
export interface ModelSink {
  call(record: CallRecord): void;
  handlerInterval(record: HandlerIntervalRecord): void;
}

/** Model events by kind: what the benchmark counts. */
export interface EventCounts {
  arrivals: number;
  answers: number;
  serviceEnds: number;
  abandonments: number;
}

const DAY = 86_400;
const YEAR = 365 * DAY;
const NONE_GRADE = GRADES.indexOf('none');
const spec = (d: unknown) => distributionFrom(d as DistributionSpec);

interface RosteredGroup {
  group: HandlerGroup;
  plans: ShiftPlan[];
  shrinkage: number;
  rng: Rng;
}

/**
 * ContactCentre: the model of one replication. It reads the Scenario, puts its events on the
 * calendar and follows each call's journey:
 *
 *   arrive (BT connects) -> reach the force -> a free handler in the first group that answers it
 *   -> answer (grade) -> handle -> release; or wait -> answered by the next free handler, or
 *   hang up when patience ends -> redial, switch, or be called back.
 *
 * A freed handler takes the waiting call of the best priority among the contact types its
 * group answers, first come first served within a priority. A call being answered is never
 * abandoned. Arrivals stop at the end of the counted period; calls in the system run to their
 * end, and the roster goes on until they have.
 */
export class ContactCentre {
  readonly contacts: ContactType[] = [];
  readonly groups: HandlerGroup[] = [];
  readonly levels: Level[];
  readonly counts: EventCounts = { arrivals: 0, answers: 0, serviceEnds: 0, abandonments: 0 };
  readonly frame: TimeFrame;

  private nextCallId = 0;
  /** Calls arrived and not yet ended (including those on the BT leg). */
  private inSystem = 0;
  private readonly warmupSeconds: number;
  private readonly endSeconds: number;
  private readonly rostered: RosteredGroup[] = [];
  private readonly triageRng: Rng;

  constructor(
    private readonly scenario: Scenario,
    private readonly calendar: Calendar,
    private readonly streams: RandomStreams,
    private readonly replication: number,
    private readonly sink: ModelSink,
  ) {
    this.frame = new TimeFrame(scenario);
    this.warmupSeconds = this.frame.warmupSeconds;
    this.endSeconds = this.frame.endSeconds;
    this.levels = buildLevels(scenario.training_levels);
    this.triageRng = streams.stream('triage');

    Object.entries(scenario.contacts).forEach(([name, c], index) => {
      const r = (purpose: string) => streams.stream(`${purpose}:${name}`);
      let gradeCdf: Float64Array | null = null;
      if (c.grades) {
        let acc = 0;
        gradeCdf = Float64Array.from(GRADES, (g) => (acc += c.grades![g] ?? 0));
        gradeCdf[gradeCdf.length - 1] = 1;
      }
      this.contacts.push(
        new ContactType(
          index,
          name,
          c.priority,
          c.target.answer_within_seconds,
          spec(c.handling),
          c.handling_by_grade ? GRADES.map((g) => (c.handling_by_grade![g] ? spec(c.handling_by_grade![g]) : null)) : null,
          c.patience ? spec(c.patience) : null,
          c.immediate_hang_up ? { share: c.immediate_hang_up.share, withinSeconds: c.immediate_hang_up.within_seconds } : null,
          c.bt_connect ? spec(c.bt_connect) : null,
          gradeCdf,
          c.redirect ? { share: c.redirect.share_of_no_police_action, handling: spec(c.redirect.handling) } : null,
          {
            handling: r('handling'),
            patience: r('patience'),
            hangUp: r('hang-up'),
            bt: r('bt-connect'),
            grade: r('grade'),
            redirect: r('redirect'),
            redirectHandling: r('redirect-handling'),
            abandon: r('on-abandon'),
            abandonDelay: r('on-abandon-delay'),
          },
        ),
      );
    });
    const byName = new Map(this.contacts.map((c) => [c.name, c]));
    Object.entries(scenario.contacts).forEach(([name, c]) => {
      const o = c.on_abandon;
      if (!o) return;
      const choices: NonNullable<ContactType['abandon']>['choices'][number][] = [];
      if (o.redial) choices.push({ probability: o.redial.probability, to: byName.get(name)!, delay: spec(o.redial.delay), source: 'redial' });
      for (const [to, sw] of Object.entries(o.switch_to ?? {})) {
        choices.push({ probability: sw.probability, to: byName.get(to)!, delay: spec(sw.delay), source: 'switched' });
      }
      byName.get(name)!.abandon = {
        choices,
        callBack: o.call_back ? { probability: o.call_back.probability, to: byName.get(o.call_back.contact)! } : null,
      };
    });
    Object.entries(scenario.handlers).forEach(([name, g], index) => {
      const group = new HandlerGroup(index, name, g.takes_calls_waiting_seconds ?? 0);
      const answered = g.answers.map((a) => byName.get(a)!);
      // best priority first; stable, so the scenario's order breaks ties
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
      this.groups.push(group);
      if (g.shifts) {
        const attrition: Attrition | undefined = g.attrition_pct_per_year
          ? {
              // a yearly leaving probability p is a rate of -ln(1 - p) per year
              ratePerSecond: -Math.log(1 - g.attrition_pct_per_year / 100) / YEAR,
              vacancySeconds: (g.vacancy_weeks ?? 0) * 7 * DAY,
              recruitLevel: g.training_mix ? entryLevel(this.levels) : null,
              rng: streams.stream(`attrition:${name}`),
              untilSeconds: this.endSeconds + 30 * DAY,
            }
          : undefined;
        this.rostered.push({
          group,
          plans: Object.entries(g.shifts).map(([shiftName, s]) => shiftPlan(shiftName, s, g.training_mix, this.levels, attrition)),
          shrinkage: (g.shrinkage_pct ?? 0) / 100,
          rng: streams.stream(`roster:${name}`),
        });
      }
    });
  }

  /** Put the replication's opening events on the calendar: staff, first arrivals, incidents, interval ticks. */
  start(): void {
    Object.values(this.scenario.handlers).forEach((g, i) => {
      if (g.staff === undefined) return;
      const group = this.groups[i];
      const mix = g.training_mix;
      const plan = shiftPlan('', { start: '00:00', end: '00:00', staff: g.staff }, mix, this.levels);
      for (const p of positionsFor(plan, 0, 0, () => 1)) {
        const h = new Handler(group, p.level, p.handlingMultiplier, '');
        this.comeOnDuty(h);
        // constant staff keep their positions; a position moves up its levels in place
        if (p.person) {
          let at = p.person.firstMoveAt;
          for (let level = p.level; level?.next && at < this.endSeconds; at += level.secondsAtLevel) {
            level = level.next;
            this.calendar.schedule(at, this.onLevelUp, { h, level }, Tie.Roster);
          }
        }
      }
    });
    if (this.rostered.length > 0) {
      const firstDay = this.frame.dayOf(0);
      this.rosterDay(firstDay - 1);
      this.rosterDay(firstDay);
      this.calendar.schedule(this.frame.dayStartSeconds(firstDay + 1), this.onNewDay, firstDay + 1, Tie.Roster);
    }
    Object.values(this.scenario.contacts).forEach((c, i) => {
      if (!c.arrivals) return;
      const type = this.contacts[i];
      const a = c.arrivals;
      const constant =
        a.calls_per_hour !== undefined && !a.hour_of_day && !a.hour_of_day_on && !a.day_of_week && !a.month_of_year && !a.special_days && !a.daily_variation_cv;
      const rng = this.streams.stream(`arrivals:${type.name}`);
      if (constant) this.startPoisson(type, a.calls_per_hour! / 3600, rng);
      else this.startHourly(type, hourlyRates(a, this.frame, this.streams.stream(`daily-variation:${type.name}`)), rng);
    });
    (this.scenario.major_incidents ?? []).forEach((m, i) => {
      const type = this.contacts.find((c) => c.name === m.contact)!;
      const lengthSeconds = m.over_minutes * 60;
      const burst = (startAt: number, rng: Rng) =>
        this.startPoisson(type, m.extra_calls / lengthSeconds, rng, Math.max(0, startAt), Math.min(startAt + lengthSeconds, this.endSeconds));
      if (m.per_year !== undefined) {
        // incidents at random times over the whole run (warm-up included), each burst with its own stream
        const when = this.streams.stream(`incident:${i}:times`);
        let k = 0;
        for (let at = -Math.log(1 - when()) / (m.per_year / YEAR); at < this.endSeconds; at += -Math.log(1 - when()) / (m.per_year / YEAR)) {
          burst(at, this.streams.stream(`incident:${i}:${k++}`));
        }
      } else {
        burst(m.at !== undefined ? this.frame.secondsAt(m.at)! : this.warmupSeconds + m.at_hours! * 3600, this.streams.stream(`incident:${i}`));
      }
    });
    this.calendar.schedule(this.warmupSeconds, this.onCountingStarts, null, Tie.Roster);
  }

  // ---- arrivals ---------------------------------------------------------------------------

  /** Constant-rate Poisson arrivals (calls per second) from `fromSeconds` until `untilSeconds` (the counted period's end). */
  private startPoisson(type: ContactType, ratePerSecond: number, rng: Rng, fromSeconds = 0, untilSeconds = this.endSeconds): void {
    const meanGapSeconds = 1 / ratePerSecond;
    const next = (): void => {
      this.arrive(type, this.calendar.now, 'new', -1);
      const at = this.calendar.now - meanGapSeconds * Math.log(1 - rng());
      if (at < untilSeconds) this.calendar.schedule(at, next, null);
    };
    const first = fromSeconds - meanGapSeconds * Math.log(1 - rng());
    if (first < untilSeconds) this.calendar.schedule(first, next, null);
  }

  /** Poisson arrivals with an hourly rate table. */
  private startHourly(type: ContactType, rates: Float64Array, rng: Rng): void {
    const end = this.endSeconds;
    const origin = this.frame.hourOriginSeconds;
    const next = (): void => {
      this.arrive(type, this.calendar.now, 'new', -1);
      const at = nextArrival(rates, this.calendar.now, -Math.log(1 - rng()), end, origin);
      if (at < end) this.calendar.schedule(at, next, null);
    };
    const first = nextArrival(rates, 0, -Math.log(1 - rng()), end, origin);
    if (first < end) this.calendar.schedule(first, next, null);
  }

  /**
   * A call of `type` starts now. Everything random about the caller is drawn here, each from
   * its own stream: grade, handling time, patience, BT leg.
   */
  arrive(type: ContactType, arrivedAt: number, source: CallSource, redialOf: number): Call {
    this.counts.arrivals++;
    this.inSystem++;
    const r = type.rng;
    let grade = -1;
    let redirected = false;
    if (type.gradeCdf !== null) {
      const u = r.grade();
      const cdf = type.gradeCdf;
      grade = 0;
      while (u >= cdf[grade]) grade++;
      if (type.redirect !== null) {
        redirected = grade === NONE_GRADE && r.redirect() < type.redirect.share;
      }
    }
    const handling = (type.handlingByGrade !== null && grade >= 0 && type.handlingByGrade[grade]) || type.handling;
    let handlingSeconds = handling.sample(r.handling);
    if (redirected) handlingSeconds = type.redirect!.handling.sample(r.redirectHandling);
    let patienceSeconds = type.patience !== null ? type.patience.sample(r.patience) : Infinity;
    if (type.hangUp !== null && r.hangUp() < type.hangUp.share) patienceSeconds = Math.min(patienceSeconds, r.hangUp() * type.hangUp.withinSeconds);
    const counted = arrivedAt >= this.warmupSeconds && arrivedAt < this.endSeconds;
    const call = new Call(this.replication, this.nextCallId++, type, arrivedAt, counted, handlingSeconds, patienceSeconds, source, redialOf, grade, redirected);
    if (type.btConnect !== null) {
      const legSeconds = type.btConnect.sample(r.bt);
      call.queuedAt = arrivedAt + legSeconds;
      if (patienceSeconds < legSeconds) {
        this.calendar.schedule(arrivedAt + patienceSeconds, this.onPatienceEnds, call); // hangs up on the BT leg
      } else {
        this.calendar.schedule(call.queuedAt, this.onReachesForce, call);
      }
    } else {
      this.reachForce(call);
    }
    return call;
  }

  private readonly onReachesForce = (call: Call): void => {
    this.reachForce(call);
  };

  /** The call reaches the force: answered at once by a free handler, else it waits. */
  private reachForce(call: Call): void {
    const type = call.type;
    const groups = type.groups;
    for (let i = 0; i < groups.length; i++) {
      const h = groups[i].popIdle();
      if (h !== undefined) {
        this.answer(call, h);
        return;
      }
    }
    type.queue.push(call);
    if (call.patienceSeconds !== Infinity) this.calendar.schedule(call.arrivedAt + call.patienceSeconds, this.onPatienceEnds, call);
    // an overflow group may take the call once it has waited that group's threshold: look then
    for (const wait of type.overflowThresholds) this.calendar.schedule(call.queuedAt + wait, this.onOverflowDue, call);
  }

  /** The call has waited long enough for an overflow group: a free overflow handler takes it. */
  private readonly onOverflowDue = (call: Call): void => {
    if (!call.waiting) return;
    const waited = this.calendar.now - call.queuedAt;
    for (const g of call.type.overflowGroups) {
      if (waited + 1e-9 < g.takesCallsWaitingSeconds) continue;
      const h = g.popIdle();
      if (h !== undefined) {
        this.answer(call, h); // leaves a stale queue entry, skipped lazily
        return;
      }
    }
  };

  // ---- answering and handling -----------------------------------------------------------

  private answer(call: Call, h: Handler): void {
    const now = this.calendar.now;
    this.counts.answers++;
    call.waiting = false;
    call.answeredAt = now;
    call.waitSeconds = now - call.arrivedAt;
    call.handler = h;
    call.handlerGroup = h.group.name;
    call.shift = h.shift;
    const level = h.level;
    if (level !== null) call.handlerLevel = level.index;
    if (call.trueGrade >= 0) call.assignedGrade = call.redirected ? call.trueGrade : this.grade(call.trueGrade, level);
    const group = h.group;
    group.integrate(now);
    group.busy++;
    h.busy = true;
    this.calendar.schedule(now + call.baseHandlingSeconds * h.handlingMultiplier, this.onHandlingEnds, call, Tie.Release);
  }

  /** The grade a handler at `level` assigns: wrong with the level's probability, one step too low or too high. */
  private grade(trueGrade: number, level: Level | null): number {
    if (level === null || level.misgradeProbability === 0) return trueGrade;
    const u = this.triageRng();
    if (u >= level.misgradeProbability) return trueGrade;
    const under = this.triageRng() < level.underGradeShare;
    if (under) return trueGrade < GRADES.length - 1 ? trueGrade + 1 : trueGrade - 1;
    return trueGrade > 0 ? trueGrade - 1 : trueGrade + 1;
  }

  private readonly onHandlingEnds = (call: Call): void => {
    const now = this.calendar.now;
    this.counts.serviceEnds++;
    const h = call.handler!;
    call.handler = null;
    call.endedAt = now;
    call.outcome = 'answered';
    const group = h.group;
    group.integrate(now);
    group.busy--;
    h.busy = false;
    this.inSystem--;
    this.sink.call(call);
    this.handlerFree(h);
  };

  /** A handler has nothing in hand: leave (shift end, break), take the best waiting call, or wait. */
  private handlerFree(h: Handler): void {
    if (h.leaving !== Leaving.No) {
      const onBreak = h.leaving === Leaving.Break;
      h.leaving = Leaving.No;
      this.goOff(h);
      if (onBreak) this.scheduleReturn(h);
      return;
    }
    if (!h.onDuty) return;
    const group = h.group;
    const contacts = group.contacts;
    const now = this.calendar.now;
    const minWait = group.takesCallsWaitingSeconds;
    let best: Call | undefined;
    let bestPriority = Infinity;
    for (let i = 0; i < contacts.length; i++) {
      const type = contacts[i];
      if (type.priority > bestPriority) break;
      const head = type.queue.head();
      if (head !== undefined && (best === undefined || head.queuedAt < best.queuedAt) && now - head.queuedAt + 1e-9 >= minWait) {
        best = head;
        bestPriority = type.priority;
      }
    }
    if (best !== undefined) {
      best.type.queue.shift();
      this.answer(best, h);
    } else {
      group.pushIdle(h);
    }
  }

  private readonly onPatienceEnds = (call: Call): void => {
    if (!call.waiting) return; // answered before patience ran out: lazily cancelled
    const now = this.calendar.now;
    this.counts.abandonments++;
    call.waiting = false;
    call.endedAt = now;
    call.waitSeconds = now - call.arrivedAt;
    call.outcome = 'abandoned';
    this.inSystem--;
    this.sink.call(call);
    const behaviour = call.type.abandon;
    if (behaviour !== null) this.afterHangUp(call, behaviour);
  };

  /** The caller who hung up redials, switches, or (if neither) may be called back. */
  private afterHangUp(call: Call, b: NonNullable<ContactType['abandon']>): void {
    const r = call.type.rng;
    const u = r.abandon();
    let acc = 0;
    for (const choice of b.choices) {
      acc += choice.probability;
      if (u < acc) {
        const at = this.calendar.now + choice.delay.sample(r.abandonDelay);
        if (at < this.endSeconds) {
          this.calendar.schedule(at, this.onRedial, { to: choice.to, source: choice.source, redialOf: call.callId });
        }
        return;
      }
    }
    if (b.callBack !== null && r.abandon() < b.callBack.probability) {
      this.arrive(b.callBack.to, this.calendar.now, 'call_back', call.callId);
    }
  }

  private readonly onRedial = (x: { to: ContactType; source: CallSource; redialOf: number }): void => {
    this.arrive(x.to, this.calendar.now, x.source, x.redialOf);
  };

  // ---- staffing -------------------------------------------------------------------------

  /** A handler starts (or resumes) a spell on duty. */
  comeOnDuty(h: Handler): void {
    const group = h.group;
    group.integrate(this.calendar.now);
    group.staffed++;
    h.onDuty = true;
    this.handlerFree(h);
  }

  /** A handler stops answering (shift over or break), after any call in hand. */
  private goOff(h: Handler): void {
    const group = h.group;
    group.integrate(this.calendar.now);
    group.staffed--;
    h.onDuty = false;
  }

  private scheduleReturn(h: Handler): void {
    const back = this.calendar.now + h.breakSeconds;
    if (back < h.shiftEndsAt) this.calendar.schedule(back, this.onBreakEnds, h, Tie.Roster);
  }

  private readonly onLevelUp = (x: { h: Handler; level: Level }): void => {
    x.h.level = x.level;
    x.h.handlingMultiplier = x.level.handlingMultiplier;
  };

  private readonly onBreakEnds = (h: Handler): void => {
    if (!h.shiftOver) this.comeOnDuty(h);
  };

  private readonly onBreakStarts = (h: Handler): void => {
    if (h.shiftOver || !h.onDuty) return;
    if (h.busy) {
      h.leaving = Leaving.Break;
    } else {
      this.goOff(h);
      this.scheduleReturn(h);
    }
  };

  /** Plan the shifts that start on local day `day`. */
  private rosterDay(day: number): void {
    const dayStart = this.frame.dayStartSeconds(day);
    const weekday = this.frame.weekdayOf(day);
    const now = this.calendar.now;
    for (const r of this.rostered) {
      for (const plan of r.plans) {
        if (!plan.weekdays.has(weekday)) continue;
        const startAt = dayStart + plan.startSeconds;
        const endAt = startAt + plan.lengthSeconds;
        const positions = positionsFor(plan, Math.max(0, startAt), r.shrinkage, r.rng);
        if (endAt <= now) continue;
        const handlers = positions.map((p) => new Handler(r.group, p.level, p.handlingMultiplier, plan.name, plan.breakSeconds, endAt));
        this.calendar.schedule(Math.max(now, startAt), this.onShiftStarts, handlers, Tie.Roster);
        this.calendar.schedule(endAt, this.onShiftEnds, handlers, Tie.Roster);
      }
    }
  }

  private readonly onShiftStarts = (handlers: Handler[]): void => {
    const now = this.calendar.now;
    handlers.forEach((h, i) => {
      this.comeOnDuty(h);
      if (h.breakSeconds > 0) {
        // breaks staggered across the middle half of the shift
        const length = h.shiftEndsAt - now;
        const at = now + length / 4 + ((i + 0.5) / handlers.length) * (length / 2) - h.breakSeconds / 2;
        if (at > now && at + h.breakSeconds < h.shiftEndsAt) this.calendar.schedule(at, this.onBreakStarts, h, Tie.Roster);
      }
    });
  };

  private readonly onShiftEnds = (handlers: Handler[]): void => {
    for (const h of handlers) {
      h.shiftOver = true;
      if (h.busy) h.leaving = Leaving.ShiftEnd;
      else if (h.onDuty) this.goOff(h);
    }
  };

  private readonly onNewDay = (day: number): void => {
    this.rosterDay(day);
    // The roster goes on past the horizon until every call has ended. A week of roster with
    // calls waiting and none of them ending means nobody will ever answer them: say so.
    const now = this.calendar.now;
    const ended = this.counts.answers + this.counts.abandonments;
    if (now >= this.endSeconds && this.inSystem > 0) {
      if (ended !== this.endedAtLastCheck) {
        this.endedAtLastCheck = ended;
        this.lastProgressAt = now;
      } else if (now - this.lastProgressAt >= 7 * DAY) {
        throw new SimulationError(
          `${this.inSystem} calls were still waiting a week after the end of the counted period and nobody answered any of them: ` +
            'the roster must put someone on duty for every contact type (see the warnings of validate)',
        );
      }
    }
    if (now < this.endSeconds || this.inSystem > 0) {
      this.calendar.schedule(this.frame.dayStartSeconds(day + 1), this.onNewDay, day + 1, Tie.Roster);
    }
  };
  private endedAtLastCheck = -1;
  private lastProgressAt = 0;

  // ---- reporting intervals ----------------------------------------------------------------

  private readonly onCountingStarts = (): void => {
    const now = this.calendar.now;
    for (const g of this.groups) g.takeAreas(now);
    if (this.frame.intervalCount > 0) {
      this.calendar.schedule(Math.min(now + this.frame.intervalSeconds, this.endSeconds), this.onIntervalEnds, 0, Tie.Roster);
    }
  };

  private readonly onIntervalEnds = (interval: number): void => {
    const now = this.calendar.now;
    for (const g of this.groups) {
      const { staffedSeconds, busySeconds } = g.takeAreas(now);
      this.sink.handlerInterval({ replication: this.replication, interval, groupIndex: g.index, staffedSeconds, busySeconds });
    }
    const next = interval + 1;
    if (next < this.frame.intervalCount) {
      const at = Math.min(this.warmupSeconds + (next + 1) * this.frame.intervalSeconds, this.endSeconds);
      this.calendar.schedule(at, this.onIntervalEnds, next, Tie.Roster);
    }
  };
}
