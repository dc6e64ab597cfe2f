import { Calendar, Tie } from '../engine/Calendar.js';
import { distributionFrom, type DistributionSpec } from '../engine/distributions.js';
import type { RandomStreams, Rng } from '../engine/rng.js';
import type { Scenario } from '../scenario/load.js';
import { TimeFrame } from '../scenario/horizon.js';
import { Call } from './Call.js';
import { ContactType } from './ContactType.js';
import { Handler, HandlerGroup } from './HandlerGroup.js';
import type { CallRecord, HandlerIntervalRecord } from './records.js';

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

/**
 * ContactCentre: the model of one replication. It reads the Scenario, puts its events on the
 * calendar and follows each call's journey:
 *
 *   arrive -> (a free handler in the first group that answers it) answer -> handle -> release
 *          -> otherwise queue -> answered by the next free handler, or hang up when patience ends
 *
 * A freed handler takes the waiting call of the best priority among the contact types its
 * group answers, first come first served within a priority. A call being answered is never
 * abandoned. Arrivals stop at the end of the counted period; calls in the system run to their end.
 */
export class ContactCentre {
  readonly contacts: ContactType[] = [];
  readonly groups: HandlerGroup[] = [];
  readonly counts: EventCounts = { arrivals: 0, answers: 0, serviceEnds: 0, abandonments: 0 };

  readonly frame: TimeFrame;
  private nextCallId = 0;
  private readonly warmupSeconds: number;
  private readonly endSeconds: number;
  private readonly intervalSeconds: number;
  private readonly intervalCount: number;

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
    this.intervalSeconds = this.frame.intervalSeconds;
    this.intervalCount = this.frame.intervalCount;

    Object.entries(scenario.contacts).forEach(([name, c], index) => {
      this.contacts.push(
        new ContactType(
          index,
          name,
          c.priority,
          c.target.answer_within_seconds,
          distributionFrom(c.handling as DistributionSpec),
          c.patience ? distributionFrom(c.patience as DistributionSpec) : null,
          streams.stream(`handling:${name}`),
          streams.stream(`patience:${name}`),
        ),
      );
    });
    const byName = new Map(this.contacts.map((c) => [c.name, c]));
    Object.entries(scenario.handlers).forEach(([name, g], index) => {
      const group = new HandlerGroup(index, name);
      const answered = g.answers.map((a) => byName.get(a)!);
      // best priority first; stable, so the scenario's order breaks ties
      group.contacts.push(...answered.map((c, i) => ({ c, i })).sort((a, b) => a.c.priority - b.c.priority || a.i - b.i).map((x) => x.c));
      for (const c of answered) c.groups.push(group);
      this.groups.push(group);
    });
  }

  /** Put the replication's opening events on the calendar (staff on duty, first arrivals, interval ticks). */
  start(): void {
    Object.values(this.scenario.handlers).forEach((g, i) => {
      const group = this.groups[i];
      for (let k = 0; k < g.staff; k++) this.comeOnDuty(new Handler(group));
    });
    Object.values(this.scenario.contacts).forEach((c, i) => {
      const type = this.contacts[i];
      const rate = c.arrivals.calls_per_hour / 3600;
      if (rate > 0) this.startPoisson(type, rate, this.streams.stream(`arrivals:${type.name}`));
    });
    this.calendar.schedule(this.warmupSeconds, this.onCountingStarts, null, Tie.Roster);
  }

  // ---- arrivals ---------------------------------------------------------------------------

  /** Constant-rate Poisson arrivals of `type` (calls per second) until the horizon's end. */
  private startPoisson(type: ContactType, ratePerSecond: number, rng: Rng): void {
    const meanGapSeconds = 1 / ratePerSecond;
    const end = this.endSeconds;
    const next = (): void => {
      this.arrive(type, this.calendar.now);
      const at = this.calendar.now - meanGapSeconds * Math.log(1 - rng());
      if (at < end) this.calendar.schedule(at, next, null);
    };
    const first = -meanGapSeconds * Math.log(1 - rng());
    if (first < end) this.calendar.schedule(first, next, null);
  }

  /** A call of `type` starts now. */
  arrive(type: ContactType, arrivedAt: number): void {
    this.counts.arrivals++;
    const handlingSeconds = type.handling.sample(type.handlingRng);
    const patienceSeconds = type.patience ? type.patience.sample(type.patienceRng) : Infinity;
    const counted = arrivedAt >= this.warmupSeconds && arrivedAt < this.endSeconds;
    const call = new Call(this.replication, this.nextCallId++, type, arrivedAt, arrivedAt, counted, handlingSeconds, patienceSeconds);
    this.enqueue(call);
  }

  /** The call reaches the force: answered at once by a free handler, else it waits. */
  private enqueue(call: Call): void {
    const groups = call.type.groups;
    for (let i = 0; i < groups.length; i++) {
      const h = groups[i].popIdle();
      if (h !== undefined) {
        this.answer(call, h);
        return;
      }
    }
    call.type.queue.push(call);
    if (call.patienceSeconds !== Infinity) {
      this.calendar.schedule(call.queuedAt + call.patienceSeconds, this.onPatienceEnds, call);
    }
  }

  // ---- answering and handling -----------------------------------------------------------

  private answer(call: Call, h: Handler): void {
    const now = this.calendar.now;
    this.counts.answers++;
    call.waiting = false;
    call.answeredAt = now;
    call.waitSeconds = now - call.arrivedAt;
    call.handler = h;
    call.handlerGroup = h.group.name;
    const group = h.group;
    group.integrate(now);
    group.busy++;
    h.busy = true;
    this.calendar.schedule(now + call.baseHandlingSeconds * h.handlingMultiplier, this.onHandlingEnds, call, Tie.Release);
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
    this.sink.call(call);
    this.handlerFree(h);
  };

  /** A handler has nothing in hand: take the best waiting call, or wait (or leave if off duty). */
  private handlerFree(h: Handler): void {
    const group = h.group;
    if (!h.onDuty) return;
    const contacts = group.contacts;
    let best: Call | undefined;
    let bestPriority = Infinity;
    for (let i = 0; i < contacts.length; i++) {
      const type = contacts[i];
      if (type.priority > bestPriority) break;
      const head = type.queue.head();
      if (head !== undefined && (best === undefined || head.queuedAt < best.queuedAt)) {
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
    this.counts.abandonments++;
    call.waiting = false;
    call.endedAt = this.calendar.now;
    call.waitSeconds = call.endedAt - call.arrivedAt;
    call.outcome = 'abandoned';
    this.sink.call(call);
  };

  // ---- staffing -------------------------------------------------------------------------

  /** A handler starts a spell on duty. */
  comeOnDuty(h: Handler): void {
    const group = h.group;
    group.integrate(this.calendar.now);
    group.staffed++;
    h.onDuty = true;
    this.handlerFree(h);
  }

  // ---- reporting intervals ----------------------------------------------------------------

  private readonly onCountingStarts = (): void => {
    const now = this.calendar.now;
    for (const g of this.groups) g.takeAreas(now);
    if (this.intervalCount > 0) this.calendar.schedule(Math.min(now + this.intervalSeconds, this.endSeconds), this.onIntervalEnds, 0, Tie.Roster);
  };

  private readonly onIntervalEnds = (interval: number): void => {
    const now = this.calendar.now;
    for (const g of this.groups) {
      const { staffedSeconds, busySeconds } = g.takeAreas(now);
      this.sink.handlerInterval({ replication: this.replication, interval, groupIndex: g.index, staffedSeconds, busySeconds });
    }
    const next = interval + 1;
    if (next < this.intervalCount) {
      this.calendar.schedule(Math.min(this.warmupSeconds + (next + 1) * this.intervalSeconds, this.endSeconds), this.onIntervalEnds, next, Tie.Roster);
    }
  };
}
