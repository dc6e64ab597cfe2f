import type { Argv } from 'yargs';
import { parseOverride, type Override } from '../scenario/load.js';
import { LIMITS } from '../scenario/schema.js';
import { UsageError } from './errors.js';

/**
 * The options of every command, in one place: what yargs parses and what the did-you-mean of
 * a mistyped option searches (OPTIONS_OF).
 */

/** The options of the simulating commands (run, compare, sweep). */
export const SIM_OPTIONS = {
  replications: { type: 'number', describe: "independent replications (default: the scenario's, else 1)" },
  seed: { type: 'number', describe: "base seed (default: the scenario's, else 1)" },
  out: { type: 'string', describe: 'folder for the reports (default reports/<scenario name>)' },
  calls: { type: 'boolean', default: false, describe: 'also write the per-call log calls.csv' },
  'calls-format': { type: 'string', choices: ['csv', 'csv.gz'], describe: 'with --calls: csv (calls.csv, the default) or csv.gz (calls.csv.gz, gzip level 1)' },
  set: { type: 'string', array: true, default: [] as string[], describe: 'override a scenario value: KEY.PATH=VALUE (repeatable)' },
  workers: { type: 'number', describe: 'worker threads for replications (default: the number of cores)' },
  shard: { type: 'string', describe: 'i/n: run only the replications k with k mod n = i' },
  resume: { type: 'boolean', default: false, describe: 'with --shard: skip the shard if its output is already complete' },
  quiet: { type: 'boolean', default: false, describe: 'no progress output' },
  confidence: { type: 'number', describe: 'level of every confidence interval, percent (default 95; the _ci95 columns become _ci<level>)' },
} as const;

/** run's own options: replications until an interval is narrow enough. */
export const RUN_OPTIONS = {
  precision: { type: 'string', array: true, default: [] as string[], describe: 'add replications until this half-width is reached: CONTACT.METRIC=HALF_WIDTH (repeatable)' },
  'max-replications': { type: 'number', default: 100, describe: 'the cap on replications for --precision' },
} as const;

/** What the simulating commands' handlers receive from SIM_OPTIONS. */
export interface SimOptions {
  replications?: number;
  seed?: number;
  out?: string;
  calls: boolean;
  'calls-format'?: 'csv' | 'csv.gz';
  set: string[];
  workers?: number;
  shard?: string;
  quiet: boolean;
  resume: boolean;
  /** The command line as typed (set by main's middleware), for run.json. */
  commandLine?: string[];
  confidence?: number;
}

/** compare's own option: changes to the variant only. */
export const COMPARE_OPTIONS = {
  vary: { type: 'string', array: true, default: [] as string[], describe: 'change the variant only: KEY.PATH=VALUE (repeatable; without a variant file, the variant is the baseline with these changes)' },
  band: { type: 'number', describe: "add the effect's assumption band: an N-point Latin hypercube over the scenarios' uncertain: ranges (band.csv)" },
  'band-replications': { type: 'number', describe: 'replications at every point of the band (default 1)' },
  targets: { type: 'string', describe: "with --band: the published figures the baseline's calibration: knobs were fitted to; the knobs are re-fitted at every point" },
} as const;

export const MERGE_OPTIONS = {
  out: { type: 'string', describe: 'folder for the merged reports (default reports/<scenario name>)' },
  confidence: { type: 'number', describe: 'level of every confidence interval, percent (default 95)' },
} as const;

export const VALIDATE_OPTIONS = {
  set: { type: 'string', array: true, default: [] as string[], describe: 'override a value: KEY.PATH=VALUE' },
  print: { type: 'boolean', default: false, describe: 'print the resolved scenario (extends, --set and defaults applied) as YAML on stdout' },
} as const;

export const ERLANG_OPTIONS = {
  'calls-per-hour': { type: 'number', demandOption: true, describe: 'arrival rate, calls per hour' },
  'handling-seconds': { type: 'number', demandOption: true, describe: 'mean handling time, seconds' },
  handlers: { type: 'number', describe: 'handlers on duty (omit to only size the group)' },
  'patience-seconds': { type: 'number', describe: 'mean patience, seconds: gives Erlang A (M/M/c+M); omit for Erlang C' },
  'target-seconds': { type: 'number', default: 10, describe: 'answer target, seconds' },
  'target-pct': { type: 'number', default: 90, describe: 'service level to size for: % of offered calls answered within the target' },
} as const;

/** Every command and the options it takes (besides --help). */
export const OPTIONS_OF: Readonly<Record<string, readonly string[]>> = {
  run: [...Object.keys(SIM_OPTIONS), ...Object.keys(RUN_OPTIONS)],
  compare: [...Object.keys(SIM_OPTIONS), ...Object.keys(COMPARE_OPTIONS)],
  sweep: Object.keys(SIM_OPTIONS),
  merge: Object.keys(MERGE_OPTIONS),
  validate: Object.keys(VALIDATE_OPTIONS),
  erlang: Object.keys(ERLANG_OPTIONS),
  schema: [],
  report: [],
  staff: ['set', 'target', 'max-abandoned', 'replications', 'check-replications', 'max-iterations', 'seed', 'out', 'workers', 'confidence', 'quiet'],
  calibrate: ['targets', 'knob', 'set', 'out', 'replications', 'seed', 'workers', 'max-evaluations', 'quiet'],
  uncertainty: ['samples', 'replications', 'seed', 'set', 'targets', 'structural', 'refit-steps', 'investment-only', 'tornado', 'out', 'workers', 'quiet'],
  allocate: ['budget', 'objective', 'weights', 'set', 'out', 'replications', 'seed', 'workers', 'quiet'],
};

/** Add the simulating commands' options to a command's builder. */
export function simOptions(y: Argv): Argv<SimOptions> {
  return y.options(SIM_OPTIONS);
}

/** A whole-number option (>= min and <= max), or undefined when not given. */
export function positiveInt(name: string, v: number | undefined, min = 1, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isSafeInteger(v) || v < min || v > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `>= ${min} and <= ${max}`;
    throw new UsageError(`--${name}: expected a whole number ${range}, got ${v}${v > max ? " (a sane bound: see the README's limits)" : ''}`);
  }
  return v;
}

/** At most this many worker threads: each holds a whole model and its results (128 took 3 GB and ran 60x slower). */
export const MAX_WORKERS = 64;

/** `--shard i/n`: 0 <= i < n. */
export function parseShard(text: string | undefined): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m || Number(m[2]) < 1 || Number(m[1]) >= Number(m[2]) || Number(m[2]) > LIMITS.replications) {
    throw new UsageError(`--shard ${text}: expected i/n with 0 <= i < n <= ${LIMITS.replications}, for example 0/4`);
  }
  return { index: Number(m[1]), count: Number(m[2]) };
}

/** `--set KEY=VALUE` texts as overrides (a malformed one is a usage error). */
export function parseSets(sets: readonly string[]): Override[] {
  return sets.map((s) => {
    try {
      return parseOverride(s);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  });
}
