import './engine/inliningBudget.js';
import { Subject, endWith, ignoreElements, lastValueFrom, merge, mergeAll, tap, type Observable } from 'rxjs';
import { Calendar } from './engine/Calendar.js';
import { RandomStreams, replicationSeed } from './engine/rng.js';
import { TimeFrame } from './engine/TimeFrame.js';
import { ContactCentre, type EventCounts } from './model/ContactCentre.js';
import type { CallRecord, HandlerIntervalRecord } from './model/records.js';
import type { RosterChange } from './model/roster/RosterChange.js';
import type { Scenario } from './scenario/resolve.js';
import { GRADES } from './scenario/schema.js';
import type { ReplicationResult } from './metrics/ReplicationResult.js';
import { ReplicationTally } from './metrics/ReplicationTally.js';
import type { ReportShape } from './metrics/ReportShape.js';

/**
 * Events run between two hand-overs of ended calls (and two looks at back-pressure): few enough
 * that the batch's call records are still in the cache when the tally reads them (4,096 cost 2-5%
 * more CPU, most with thousands of handlers).
 */
const CHUNK_EVENTS = 512;

/** One replication ready to run: subscribe to its streams, then call `run()`. */
export interface Simulation {
  /**
   * Every call, once, when it ends (answered or abandoned), in the order they end, handed on in
   * batches (one per few thousand events) so no per-call `next` sits in the simulation's loop.
   */
  readonly callBatches$: Observable<readonly CallRecord[]>;
  /** The same calls one by one (a convenience: it costs a `next` per call). */
  readonly calls$: Observable<CallRecord>;
  /** Staffing of each handler group over each reporting interval of the counted period. */
  readonly handlerIntervals$: Observable<HandlerIntervalRecord>;
  /** What the roster does: shift instances opening (who is present) and closing, level-ups. */
  readonly roster$: Observable<RosterChange>;
  /** The seed this replication's random streams were made from. */
  readonly seed: number;
  /** Run to the end (every call finished); the streams complete. */
  run(): RunTotals;
  /** The same, awaiting `pause(simulated seconds now)` between chunks of events when it returns a promise. */
  runAsync(pause: (simSeconds: number) => Promise<void> | undefined): Promise<RunTotals>;
}

export interface RunTotals {
  /** Model events: arrivals, answers, service ends, abandonments. */
  events: EventCounts;
  /** Calendar events run (model events plus bookkeeping such as interval ticks), and hang-ups taken off unrun. */
  calendarEvents: number;
  /** Simulated seconds when the last call ended. */
  endedAt: number;
}

/**
 * The composition root: the simulation of replication `replication` of `scenario`, its random
 * streams seeded from (seed, replication) alone, so results never depend on which other
 * replications run, in which order or on which worker.
 *
 * With `recycle`, a call record is reused for a later caller once it has been handed on and
 * nothing in the model names it any more: a subscriber must then read each record during its
 * batch and keep none (copy what it keeps). Reports are the same either way; it spares the run
 * an object of about 450 bytes per call.
 *
 * @example
 *   const sim = simulate(scenario, { seed: 7, replication: 0 });
 *   sim.calls$.subscribe((c) => ...);
 *   sim.run();
 */
export function simulate(scenario: Scenario, options: { seed: number; replication: number; recycle?: boolean }): Simulation {
  const seed = replicationSeed(options.seed, options.replication);
  const calendar = new Calendar();
  const recycle = options.recycle === true;
  const centre = new ContactCentre(scenario, calendar, new RandomStreams(seed), options.replication, recycle);
  const batches = new Subject<readonly CallRecord[]>();
  let ran = false;
  let lastEndedAt = 0;
  const prepare = () => {
    if (ran) throw new Error('simulate: a Simulation runs once');
    ran = true;
    centre.start();
  };
  const handOn = () => {
    const ended = centre.takeEnded();
    if (ended.length > 0) {
      lastEndedAt = ended[ended.length - 1].endedAt;
      batches.next(ended);
      if (recycle) centre.handedOn(ended);
    }
  };
  const finish = (): RunTotals => {
    handOn();
    batches.complete();
    centre.complete();
    // the hang-ups of answered callers, taken off unrun, count as events, as they did when they
    // ran and found their call answered: run.json's events.calendar is the same either way
    return { events: { ...centre.counts }, calendarEvents: calendar.eventsRun + calendar.eventsRemoved, endedAt: lastEndedAt };
  };
  return {
    callBatches$: batches.asObservable(),
    calls$: batches.pipe(mergeAll()),
    handlerIntervals$: centre.handlerIntervals$,
    roster$: centre.roster.changes$,
    seed,
    run(): RunTotals {
      prepare();
      while (calendar.runEvents(CHUNK_EVENTS)) handOn();
      return finish();
    },
    async runAsync(pause): Promise<RunTotals> {
      prepare();
      while (calendar.runEvents(CHUNK_EVENTS)) {
        handOn();
        const wait = pause(calendar.now);
        if (wait) await wait;
      }
      return finish();
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
    levels: Object.keys(scenario.training_levels),
    grades: GRADES,
    warmupSeconds: frame.warmupSeconds,
    intervalSeconds: frame.intervalSeconds,
    intervalCount: frame.intervalCount,
    countedSeconds: frame.countedSeconds,
    monthCount: frame.monthCount,
    shortAbandonSeconds: scenario.reporting.short_abandon_seconds,
    monthOf: (t) => frame.monthOf(t),
  };
}

/**
 * Run replication `replication` and fold it into its ReplicationResult: an operator pipeline
 * over the call batches (each folded into the tally, which counts the counted calls) merged with the staffing
 * intervals. `onCall` sees every call record as it ends (the per-call log subscribes here);
 * `pause` is asked between chunks of events and may return a promise to wait on (back-pressure
 * from a slow writer).
 */
export async function runReplication(
  scenario: Scenario,
  shape: ReportShape,
  options: {
    seed: number;
    replication: number;
    onCall?: (c: CallRecord) => void;
    pause?: (simSeconds: number) => Promise<void> | undefined;
    /** Reuse call records (see `simulate`); by default only when there is no `onCall`, which might keep them. */
    recycle?: boolean;
  },
): Promise<ReplicationResult> {
  const sim = simulate(scenario, { seed: options.seed, replication: options.replication, recycle: options.recycle ?? options.onCall === undefined });
  const tally = new ReplicationTally(shape, options.replication, sim.seed);
  const onCall = options.onCall;
  if (onCall) {
    sim.callBatches$.subscribe((batch) => {
      for (let i = 0; i < batch.length; i++) onCall(batch[i]);
    });
  }
  const folded = lastValueFrom(
    merge(
      // the tally folds the counted calls of each batch (it skips the others itself: no filtered copy per batch)
      sim.callBatches$.pipe(tap((batch) => tally.calls(batch))),
      sim.handlerIntervals$.pipe(tap((h) => tally.handlerInterval(h))),
    ).pipe(ignoreElements(), endWith(tally)),
  );
  const totals = options.pause ? await sim.runAsync(options.pause) : sim.run();
  return (await folded).result(totals.events, totals.calendarEvents);
}
