/**
 * Story: a tiny harness for SimPy-style model stories. Build a scenario from a plain object
 * (validated as a scenario file is), run one ContactCentre on a Calendar, inject calls at
 * chosen times, look at the model at chosen times, and read what it emitted as an exact log.
 *
 * @example
 *   const s = new Story({ contacts: { x: { priority: 1, handling: fixed(60), target } }, handlers: { all: { answers: ['x'], staff: 1 } } });
 *   s.call('x', 0).call('x', 0).run();
 *   s.log(); // ['call 0 x arrived 0, answered 0 by all, ended 60, waited 0', 'call 1 x arrived 0, answered 60 by all, ended 120, waited 60']
 */
import { expect } from 'vitest';
import { Calendar } from '../../src/engine/Calendar.js';
import { RandomStreams, replicationSeed } from '../../src/engine/rng.js';
import { ContactCentre } from '../../src/model/ContactCentre.js';
import type { CallRecord, HandlerIntervalRecord } from '../../src/model/records.js';
import { validateScenario, type Scenario } from '../../src/scenario/load.js';
import { GRADES } from '../../src/scenario/schema.js';

/** `{ fixed: { seconds } }` */
export const fixed = (seconds: number) => ({ fixed: { seconds } });
/** A target nobody looks at in stories. */
export const target = { answer_within_seconds: 10 };

/** Validate a scenario object (name and a 24-hour horizon filled in if missing); throw on any problem. */
export function scenarioOf(raw: Record<string, unknown>): Scenario {
  const { scenario, problems } = validateScenario({ name: 'story', horizon: { hours: 24 }, ...raw });
  if (problems.length > 0) throw new Error(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return scenario;
}

/** Seconds printed without float noise below a microsecond. */
export const t = (x: number): string => (Number.isNaN(x) ? 'NaN' : String(Number(x.toFixed(6))));

/** One call record as a line of a story log. */
export function line(r: CallRecord, levelNames: readonly string[] = []): string {
  let s = `call ${r.callId} ${r.contact} arrived ${t(r.arrivedAt)}`;
  if (r.source !== 'new') s += ` (${r.source} of call ${r.redialOf})`;
  if (r.outcome === 'answered') {
    const who = [r.handlerGroup, r.shift, r.handlerLevel >= 0 ? (levelNames[r.handlerLevel] ?? `level ${r.handlerLevel}`) : '']
      .filter((x) => x !== '')
      .join('/');
    s += `, answered ${t(r.answeredAt)} by ${who}, ended ${t(r.endedAt)}`;
  } else {
    s += `, abandoned ${t(r.endedAt)}`;
  }
  return `${s}, waited ${t(r.waitSeconds)}`;
}

export const gradeName = (g: number): string => (g < 0 ? '-' : GRADES[g]);

export class Story {
  readonly scenario: Scenario;
  readonly calendar = new Calendar();
  readonly centre: ContactCentre;
  /** Call records in the order the model emitted them (the order calls end). */
  readonly calls: CallRecord[] = [];
  readonly intervals: HandlerIntervalRecord[] = [];
  /** Lines written by `at()` probes. */
  readonly notes: string[] = [];

  constructor(raw: Record<string, unknown> | Scenario, seed = 1, replication = 0) {
    // a scenario already validated passes again unchanged (its defaults are valid values)
    this.scenario = scenarioOf(raw as Record<string, unknown>);
    this.centre = new ContactCentre(this.scenario, this.calendar, new RandomStreams(replicationSeed(seed, replication)), replication);
    this.centre.handlerIntervals$.subscribe((r) => this.intervals.push(r));
    this.centre.start();
  }

  /** A new call of contact type `name` arrives at `at` seconds. */
  call(name: string, at: number): this {
    if (!this.centre.contacts.some((c) => c.name === name)) throw new Error(`no contact type ${name}`);
    this.calendar.schedule(at, () => this.centre.inject(name), null);
    return this;
  }

  /** At `at` seconds (after anything else scheduled for then so far), note what `fn` says. */
  at(at: number, fn: () => string): this {
    this.calendar.schedule(at, () => this.notes.push(`${t(at)}: ${fn()}`), null);
    return this;
  }

  /** Handlers on duty in group `name` now. */
  staffed(name: string): number {
    return this.centre.groups.find((g) => g.name === name)!.staffed;
  }

  run(): this {
    while (this.calendar.runEvents(1_000)) this.calls.push(...this.centre.takeEnded());
    this.calls.push(...this.centre.takeEnded());
    return this;
  }

  /** The exact log: one line per call, in the order they ended. */
  log(): string[] {
    const levels = Object.keys(this.scenario.training_levels);
    return this.calls.map((r) => line(r, levels));
  }
}

/**
 * Assert that a sample statistic lies within 4 standard deviations of its expectation under
 * the model (the sd comes from the statistic's sampling distribution, given by the caller).
 * A correct model fails this about once in 16,000 runs; with fixed seeds it never flakes.
 */
export function expectWithin4sd(observed: number, expected: number, sd: number, what: string): void {
  expect(Math.abs(observed - expected), `${what}: observed ${observed}, expected ${expected} ± 4 × ${sd.toPrecision(4)}`).toBeLessThanOrEqual(4 * sd);
}
