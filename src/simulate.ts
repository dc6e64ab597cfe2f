import { Subject, type Observable } from 'rxjs';
import { Calendar } from './engine/Calendar.js';
import { RandomStreams, replicationSeed } from './engine/rng.js';
import { ContactCentre, type EventCounts } from './model/ContactCentre.js';
import type { CallRecord, HandlerIntervalRecord } from './model/records.js';
import type { Scenario } from './scenario/load.js';
import { TimeFrame } from './scenario/horizon.js';
import { GRADES } from './scenario/schema.js';
import { ReplicationTally, type ReplicationResult, type ReportShape } from './metrics/ReplicationTally.js';

/** One replication ready to run: subscribe to its streams, then call `run()`. */
export interface Simulation {
  /** Every call, once, when it ends (answered or abandoned), in the order they end. */
  readonly calls$: Observable<CallRecord>;
  /** Staffing of each handler group over each reporting interval of the counted period. */
  readonly handlerIntervals$: Observable<HandlerIntervalRecord>;
  /** The seed this replication's random streams were made from. */
  readonly seed: number;
  /** Run to the end (every call finished); the streams complete. */
  run(): RunTotals;
  /** The same, in chunks of events, awaiting `pause(simulated seconds now)` between chunks when it returns a promise. */
  runAsync(pause: (simSeconds: number) => Promise<void> | undefined): Promise<RunTotals>;
}

export interface RunTotals {
  /** Model events: arrivals, answers, service ends, abandonments. */
  events: EventCounts;
  /** Calendar events run (model events plus bookkeeping such as interval ticks). */
  calendarEvents: number;
  /** Simulated seconds when the last call ended. */
  endedAt: number;
}

/**
 * The composition root: the simulation of replication `replication` of `scenario`, its random
 * streams seeded from (seed, replication) alone, so results never depend on which other
 * replications run, in which order or on which worker.
 *
 * @example
 *   const sim = simulate(scenario, { seed: 7, replication: 0 });
 *   sim.calls$.subscribe((c) => ...);
 *   sim.run();
 */
export function simulate(scenario: Scenario, options: { seed: number; replication: number }): Simulation {
  const calls = new Subject<CallRecord>();
  const intervals = new Subject<HandlerIntervalRecord>();
  const seed = replicationSeed(options.seed, options.replication);
  let ran = false;
  const prepare = () => {
    if (ran) throw new Error('simulate: a Simulation runs once');
    ran = true;
    const calendar = new Calendar();
    const centre = new ContactCentre(scenario, calendar, new RandomStreams(seed), options.replication, {
      call: (r) => calls.next(r),
      handlerInterval: (r) => intervals.next(r),
    });
    centre.start();
    return { calendar, centre };
  };
  const finish = (calendar: Calendar, centre: ContactCentre): RunTotals => {
    calls.complete();
    intervals.complete();
    return { events: { ...centre.counts }, calendarEvents: calendar.eventsRun, endedAt: calendar.now };
  };
  return {
    calls$: calls.asObservable(),
    handlerIntervals$: intervals.asObservable(),
    seed,
    run(): RunTotals {
      const { calendar, centre } = prepare();
      calendar.run();
      return finish(calendar, centre);
    },
    async runAsync(pause): Promise<RunTotals> {
      const { calendar, centre } = prepare();
      while (calendar.runEvents(4_096)) {
        const wait = pause(calendar.now);
        if (wait) await wait;
      }
      return finish(calendar, centre);
    },
  };
}

/** The shape of a scenario's reports: contact types, groups, intervals and months. */
export function reportShape(scenario: Scenario): ReportShape & { frame: TimeFrame } {
  const frame = new TimeFrame(scenario);
  const contactNames = Object.keys(scenario.contacts);
  return {
    frame,
    contacts: Object.entries(scenario.contacts).map(([name, c]) => ({ name, targetSeconds: c.target.answer_within_seconds })),
    groups: Object.entries(scenario.handlers).map(([name, g]) => ({ name, answers: g.answers.map((a) => contactNames.indexOf(a)) })),
    levels: Object.keys(scenario.training_levels ?? {}),
    grades: GRADES,
    warmupSeconds: frame.warmupSeconds,
    intervalSeconds: frame.intervalSeconds,
    intervalCount: frame.intervalCount,
    countedSeconds: frame.countedSeconds,
    monthCount: frame.monthCount,
    monthOf: (t) => frame.monthOf(t),
  };
}

/**
 * Run replication `replication` and fold it into its ReplicationResult. `onCall` sees every
 * call record as it ends (for the per-call log); `pause` is asked between chunks of events and
 * may return a promise to wait on (back-pressure from a slow writer).
 */
export async function runReplication(
  scenario: Scenario,
  shape: ReportShape,
  options: { seed: number; replication: number; onCall?: (c: CallRecord) => void; pause?: (simSeconds: number) => Promise<void> | undefined },
): Promise<ReplicationResult> {
  const sim = simulate(scenario, options);
  const tally = new ReplicationTally(shape, options.replication, sim.seed);
  sim.calls$.subscribe((c) => tally.call(c));
  if (options.onCall) sim.calls$.subscribe(options.onCall);
  sim.handlerIntervals$.subscribe((h) => tally.handlerInterval(h));
  const totals = options.pause ? await sim.runAsync(options.pause) : sim.run();
  return tally.result(totals.events, totals.calendarEvents);
}
