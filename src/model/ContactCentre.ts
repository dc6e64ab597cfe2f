import { EMPTY, Subject, map, merge, take, timer, type Observable } from 'rxjs';
import type { Calendar } from '../engine/Calendar.js';
import { KeyedRandom } from '../engine/KeyedRandom.js';
import type { RandomStreams } from '../engine/rng.js';
import { TimeFrame } from '../engine/TimeFrame.js';
import type { Scenario } from '../scenario/resolve.js';
import { Origin } from './arrivals/Origin.js';
import { scheduleDemand } from './arrivals/scheduleDemand.js';
import { buildContacts } from './buildContacts.js';
import { buildGroups } from './buildGroups.js';
import type { Call } from './Call.js';
import type { ContactType } from './ContactType.js';
import { Leaving } from './Handler.js';
import { HandlerTable } from './HandlerTable.js';
import type { HandlerGroup } from './HandlerGroup.js';
import { arrive } from './journey/arrive.js';
import type { Centre, EventCounts } from './journey/Centre.js';
import { dispatch } from './journey/dispatch.js';
import { overflow } from './journey/overflow.js';
import { reachForce } from './journey/reachForce.js';
import { release } from './journey/release.js';
import { renege } from './journey/renege.js';
import { arriveAgain } from './journey/retry.js';
import { drop } from './journey/refs.js';
import type { HandlerIntervalRecord } from './records.js';
import { buildLevels, type Level } from './roster/Level.js';
import { Roster } from './roster/Roster.js';
import { StallCheck } from './StallCheck.js';

export type { EventCounts };

/**
 * ContactCentre: the model of one replication, composed from the journey's verbs, the roster
 * and the demand. A call's journey (`journey/`):
 *
 *   arrive (BT connects; the caller's draws) -> reachForce -> answer (grade) -> release
 *                                                  `-> enqueue -> dispatch (a freed handler) -> answer
 *                                                              -> overflow (after a threshold) -> answer
 *                                                              -> renege (patience ends) -> retry
 *
 * The roster (`roster/`) opens and closes positions; the demand (`arrivals/`) starts the
 * streams of new callers. Arrivals stop at the end of the counted period; calls in the system
 * run to their end, and the roster goes on until they have.
 */
export class ContactCentre {
  readonly contacts: ContactType[];
  readonly groups: HandlerGroup[];
  readonly levels: Level[];
  readonly frame: TimeFrame;
  readonly roster: Roster;
  /** The state the verbs share. */
  readonly state: Centre;
  private readonly intervals = new Subject<HandlerIntervalRecord>();
  /** Staffing of each group over each reporting interval of the counted period, as each interval ends. */
  readonly handlerIntervals$: Observable<HandlerIntervalRecord> = this.intervals.asObservable();
  private readonly storyOrigins = new Map<string, Origin>();
  /** Why the run cannot go on, found inside a stream (where a throw would not reach the run loop). */
  private failure: Error | null = null;

  constructor(
    private readonly scenario: Scenario,
    calendar: Calendar,
    private readonly streams: RandomStreams,
    replication: number,
    /** Reuse calls once handed on and no longer named (see `Centre.recycle`). */
    recycle = false,
  ) {
    this.frame = new TimeFrame(scenario);
    this.levels = buildLevels(scenario.training_levels);
    this.contacts = buildContacts(scenario);
    const handlers = new HandlerTable();
    this.groups = buildGroups(scenario, this.contacts, handlers);
    const keyed = new KeyedRandom(streams.seed);
    let roster: Roster | undefined;
    const c: Centre = {
      calendar,
      keyed,
      handlers,
      replication,
      counts: { arrivals: 0, answers: 0, serviceEnds: 0, abandonments: 0 },
      warmupSeconds: this.frame.warmupSeconds,
      endSeconds: this.frame.endSeconds,
      inSystem: 0,
      waiting: 0,
      nextCallId: 0,
      ended: [],
      endedCount: 0,
      recycle,
      pool: [],
      on: {
        // each event named the call (`refs.ts`): it lets go once the verb is done
        reachesForce: (call: Call) => {
          reachForce(c, call);
          drop(c, call);
        },
        patienceEnds: (call: Call) => {
          call.patienceSlot = -1;
          renege(c, call);
          drop(c, call);
        },
        overflowDue: (call: Call) => {
          overflow(c, call);
          drop(c, call);
        },
        handlingEnds: (call: Call) => {
          release(c, call);
          drop(c, call);
        },
        retry: (r) => arriveAgain(c, r),
        handlerFree: (h: number) => {
          if (handlers.leaving[h] !== Leaving.No) roster!.leave(handlers.leaver(h)!);
          else if (handlers.onDuty[h] === 1) dispatch(c, h);
        },
      },
    };
    this.state = c;
    for (const t of this.contacts) t.queue.onLeave = (call) => drop(c, call);
    this.roster = roster = new Roster(c, scenario, this.groups, this.levels, this.frame, keyed);
  }

  get counts(): EventCounts {
    return this.state.counts;
  }

  /** Put the replication's opening events on the calendar: staff, the demand, the days and the reporting intervals. */
  start(): void {
    const stall = new StallCheck(this.state, this.groups, this.contacts);
    this.roster.start();
    this.roster.days$().subscribe((day) => {
      if (this.failure) return;
      this.roster.planDay(day);
      try {
        stall.look();
      } catch (err) {
        this.failure = err as Error;
      }
    });
    scheduleDemand(this.state, this.scenario, this.contacts, this.frame, this.streams);
    this.reportingIntervals();
  }

  /**
   * The reporting intervals as a stream on the roster's scheduler: the counted period starts
   * (the staffing integrals restart), then each interval's end, the last one cut short by the
   * end of the counted period, emits each group's staffed and busy handler-seconds.
   */
  private reportingIntervals(): void {
    const f = this.frame;
    const scheduler = this.roster.scheduler;
    const whole = Math.min(f.intervalCount, Math.floor(f.countedSeconds / f.intervalSeconds + 1e-9));
    timer(f.warmupSeconds * 1000, scheduler).subscribe(() => {
      for (const g of this.groups) g.takeAreas(this.state.calendar.now);
    });
    merge(
      timer((f.warmupSeconds + f.intervalSeconds) * 1000, f.intervalSeconds * 1000, scheduler).pipe(take(whole)),
      whole < f.intervalCount ? timer(f.endSeconds * 1000, scheduler).pipe(map(() => whole)) : EMPTY,
    ).subscribe((interval) => {
      const now = this.state.calendar.now;
      for (const g of this.groups) {
        const { staffedSeconds, busySeconds } = g.takeAreas(now);
        this.intervals.next({ replication: this.state.replication, interval, groupIndex: g.index, staffedSeconds, busySeconds });
      }
    });
  }

  /** Hand on the calls that have ended since the last time (in the order they ended); throws if the run cannot go on. */
  takeEnded(): Call[] {
    if (this.failure) throw this.failure;
    const c = this.state;
    if (c.endedCount === 0) return NONE;
    const out = c.ended.slice(0, c.endedCount);
    c.endedCount = 0;
    return out;
  }

  /**
   * The calls of `takeEnded` have been handed on and read: they let go of the run (with
   * `recycle`, those nothing else names are reused by later callers).
   */
  handedOn(calls: readonly Call[]): void {
    const c = this.state;
    for (let i = 0; i < calls.length; i++) drop(c, calls[i]);
  }

  /** Stop the streams (the run is over). */
  complete(): void {
    this.intervals.complete();
  }

  /** A new caller of contact type `name` now, from a stream of its own (for stories and tests). */
  inject(name: string): Call {
    const type = this.contacts.find((t) => t.name === name);
    if (!type) throw new Error(`no contact type ${name}`);
    let origin = this.storyOrigins.get(name);
    if (!origin) this.storyOrigins.set(name, (origin = new Origin(`story:${name}`)));
    return arrive(this.state, type, 'new', -1, origin, origin.callers++, 0);
  }
}

const NONE: Call[] = [];
