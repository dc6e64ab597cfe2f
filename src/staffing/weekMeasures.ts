import { INTERVAL_FIELDS, IntervalField as F } from '../metrics/IntervalField.js';
import type { ReplicationResult } from '../metrics/ReplicationResult.js';
import type { Scenario } from '../scenario/load.js';
import { reportShape } from '../simulate.js';
import type { Job } from '../study/jobs.js';
import { runJobs } from '../study/pool.js';
import { HOURS_PER_WEEK } from './layeredShifts.js';
import { staffedGroupOf } from './staffingScenario.js';

/** Per replication and hour of the week, what a contact type saw: counts pooled over the weeks. */
export interface ContactWeek {
  offered: Float64Array[];
  answered: Float64Array[];
  within: Float64Array[];
  abandoned: Float64Array[];
}

/**
 * WeekMeasures: a scenario's replications folded by hour of the week (0 = Monday 00:00), the
 * weeks of the horizon pooled, kept per replication for confidence intervals: per contact type
 * the offered, answered, answered-within-target and abandoned calls; per handler group (the
 * `~base` part of a staffed group counted with it) the busy and staffed handler-seconds and the
 * seconds observed, and the answered calls and busy seconds behind its mean handling time.
 */
export interface WeekMeasures {
  replications: number;
  contacts: Map<string, ContactWeek>;
  /** Per group: busy and staffed handler-seconds, per replication and hour of the week. */
  busySeconds: Map<string, Float64Array[]>;
  staffedSeconds: Map<string, Float64Array[]>;
  /** Seconds of each hour of the week observed (per replication: the same for all). */
  observedSeconds: Float64Array;
  /** Per group: answered calls and busy seconds (all counted calls), for the mean handling time. */
  handling: Map<string, { answered: number; busySeconds: number }>;
}

/** Hour of the week at which each reporting interval (of one hour) starts. */
export function hourOfWeekOfIntervals(scenario: Scenario): Int32Array {
  const shape = reportShape(scenario);
  const frame = shape.frame;
  return Int32Array.from({ length: shape.intervalCount }, (_, i) => {
    const at = frame.warmupSeconds + i * shape.intervalSeconds;
    const day = frame.dayOf(at);
    return frame.weekdayOf(day) * 24 + Math.floor((at - frame.dayStartSeconds(day)) / 3600);
  });
}

/** Fold results (in replication order) of a scenario with one-hour intervals. */
export function foldWeek(scenario: Scenario, results: readonly ReplicationResult[]): WeekMeasures {
  const shape = reportShape(scenario);
  if (shape.intervalSeconds !== 3600) throw new Error('foldWeek: expected one-hour reporting intervals');
  const how = hourOfWeekOfIntervals(scenario);
  const week = () => results.map(() => new Float64Array(HOURS_PER_WEEK));
  const contacts = new Map<string, ContactWeek>(shape.contacts.map((c) => [c.name, { offered: week(), answered: week(), within: week(), abandoned: week() }]));
  const groupNames = [...new Set(shape.groups.map((g) => staffedGroupOf(g.name)))];
  const busySeconds = new Map(groupNames.map((g) => [g, week()]));
  const staffedSeconds = new Map(groupNames.map((g) => [g, week()]));
  const observedSeconds = new Float64Array(HOURS_PER_WEEK);
  for (let i = 0; i < shape.intervalCount; i++) observedSeconds[how[i]] += Math.min(3600, shape.countedSeconds - i * 3600);
  const handling = new Map(groupNames.map((g) => [g, { answered: 0, busySeconds: 0 }]));
  results.forEach((r, k) => {
    shape.contacts.forEach((c, ci) => {
      const w = contacts.get(c.name)!;
      const iv = r.intervals[ci];
      for (let i = 0; i < shape.intervalCount; i++) {
        const b = i * INTERVAL_FIELDS;
        const h = how[i];
        w.offered[k][h] += iv[b + F.offered];
        w.answered[k][h] += iv[b + F.answered];
        w.abandoned[k][h] += iv[b + F.abandoned];
        w.within[k][h] += iv[b + F.answeredWithinTarget];
      }
    });
    shape.groups.forEach((g, gi) => {
      const name = staffedGroupOf(g.name);
      const busy = busySeconds.get(name)![k];
      const staffed = staffedSeconds.get(name)![k];
      for (let i = 0; i < shape.intervalCount; i++) {
        busy[how[i]] += r.groups[gi].busySeconds[i];
        staffed[how[i]] += r.groups[gi].staffedSeconds[i];
      }
    });
    for (const [key, [answered, busy]] of Object.entries(r.staffing)) {
      const h = handling.get(staffedGroupOf(key.split('|')[0]));
      if (h) {
        h.answered += answered;
        h.busySeconds += busy;
      }
    }
  });
  return { replications: results.length, contacts, busySeconds, staffedSeconds, observedSeconds, handling };
}

/** Run a scenario's replications in memory (on `workers` threads) and fold them by hour of the week. */
export async function measureWeek(scenario: Scenario, options: { seed: number; replications: number; workers: number }): Promise<WeekMeasures> {
  const jobs: Job[] = Array.from({ length: options.replications }, (_, replication) => ({ scenario, seed: options.seed, replication }));
  const results: ReplicationResult[] = [];
  await runJobs(jobs, options.workers, (_i, r) => {
    results.push(r);
  });
  return foldWeek(scenario, results);
}

/** Sum over replications of one hour's values. */
export function total(series: readonly Float64Array[], hour: number): number {
  let s = 0;
  for (const a of series) s += a[hour];
  return s;
}
