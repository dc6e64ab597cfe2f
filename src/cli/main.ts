import { availableParallelism } from 'node:os';
import path from 'node:path';
import yargs, { type Argv } from 'yargs';
import { stringify as toYaml } from 'yaml';
import { loadScenario, parseOverride, ScenarioError, type LoadedScenario } from '../scenario/load.js';
import { MergeError } from '../study/MergeError.js';
import { mergeShards } from '../study/mergeShards.js';
import { runStudy, type StudyOptions } from '../study/runStudy.js';
import { readShards, replicationIndices } from '../study/shardFile.js';
import { runSweep, studyKeyClash, type SweptKey } from '../study/sweep.js';
import { horizonSeconds } from '../engine/TimeFrame.js';
import { progressLine } from './progress.js';
import { fmt } from '../report/format.js';
import { erlangCommand, ERLANG_OPTIONS } from './erlang.js';
import { printComparison, printSummary } from './print.js';
import { compareStudies, isCompareShard, mergeCompareShards } from '../study/compare.js';
import { isSweepShard, mergeSweepShards } from '../study/sweep.js';

import { UsageError } from './errors.js';
import { outDirProblem } from '../report/outDir.js';
import { SimulationError } from '../model/SimulationError.js';
export { UsageError };

/** Where the CLI writes; tests pass their own to capture output. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
};

interface SimOptions {
  replications?: number;
  seed?: number;
  out?: string;
  calls: boolean;
  set: string[];
  workers?: number;
  shard?: string;
  quiet: boolean;
  resume: boolean;
}

function simOptions(y: Argv): Argv<SimOptions> {
  return y
    .option('replications', { type: 'number', describe: "independent replications (default: the scenario's, else 1)" })
    .option('seed', { type: 'number', describe: "base seed (default: the scenario's, else 1)" })
    .option('out', { type: 'string', describe: 'folder for the reports (default reports/<scenario name>)' })
    .option('calls', { type: 'boolean', default: false, describe: 'also write the per-call log calls.csv' })
    .option('set', { type: 'string', array: true, default: [], describe: 'override a scenario value: KEY.PATH=VALUE (repeatable)' })
    .option('workers', { type: 'number', describe: 'worker threads for replications (default: the number of cores)' })
    .option('shard', { type: 'string', describe: 'i/n: run only the replications k with k mod n = i' })
    .option('resume', { type: 'boolean', default: false, describe: 'with --shard: skip the shard if its output is already complete' })
    .option('quiet', { type: 'boolean', default: false, describe: 'no progress output' }) as unknown as Argv<SimOptions>;
}

function positiveInt(name: string, v: number | undefined, min = 1): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isSafeInteger(v) || v < min) throw new UsageError(`--${name}: expected a whole number >= ${min}, got ${v}`);
  return v;
}

function load(file: string, sets: string[]): LoadedScenario {
  const overrides = sets.map((s) => {
    try {
      return parseOverride(s);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  });
  return loadScenario(file, overrides);
}

/** Seed, replications and output folder of a simulating command, validated. */
function studySettings(loaded: LoadedScenario, argv: SimOptions, defaultOut: string) {
  const seed = positiveInt('seed', argv.seed, 0) ?? loaded.scenario.seed;
  const replications = positiveInt('replications', argv.replications) ?? loaded.scenario.replications;
  const workers = positiveInt('workers', argv.workers) ?? defaults.workers;
  const outDir = argv.out ?? defaultOut;
  const problem = outDirProblem(outDir);
  if (problem) throw new UsageError(problem);
  const shard = parseShard(argv.shard);
  if (argv.resume && !shard) throw new UsageError('--resume: expected it with --shard i/n (it skips shards whose output is complete)');
  const progress = progressLine(process.stderr, horizonSeconds(loaded.scenario).countedSeconds + horizonSeconds(loaded.scenario).warmupSeconds, argv.quiet);
  const options: StudyOptions & { workers: number; finish(): void } = {
    seed,
    replications,
    outDir,
    calls: argv.calls,
    workers,
    shard,
    resume: argv.resume,
    onProgress: progress.onProgress,
    finish: progress.finish,
  };
  return options;
}

/** Answer targets by contact type, for the before/after table's labels. */
function targetsOf(loaded: Pick<LoadedScenario, 'scenario'>): Map<string, number> {
  return new Map(Object.entries(loaded.scenario.contacts).map(([name, c]) => [name, c.target.answer_within_seconds]));
}

/** `--shard i/n`: 0 <= i < n. */
function parseShard(text: string | undefined): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m || Number(m[2]) < 1 || Number(m[1]) >= Number(m[2])) {
    throw new UsageError(`--shard ${text}: expected i/n with 0 <= i < n, for example 0/4`);
  }
  return { index: Number(m[1]), count: Number(m[2]) };
}

/** `--set KEY=V1,V2,...` of a sweep: the swept keys (several values) and the plain overrides (one value). */
function sweptKeys(sets: string[]): { keys: SweptKey[]; fixed: ReturnType<typeof parseOverride>[] } {
  const keys: SweptKey[] = [];
  const fixed: ReturnType<typeof parseOverride>[] = [];
  for (const text of sets) {
    const eq = text.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set ${text}: expected KEY=V1,V2,..., for example handlers.all.staff=45,50,55`);
    const raw = text.slice(eq + 1).trim();
    // a list or section written in YAML flow form ([...] or {...}) is one value, not several
    const parts = raw.startsWith('[') || raw.startsWith('{') ? [raw] : raw.split(',');
    const values = parts.map((v) => parseOverride(`${text.slice(0, eq)}=${v.trim()}`));
    if (values.length === 1) fixed.push(values[0]);
    else keys.push({ keyPath: values[0].keyPath, values: values.map((v) => v.value) });
  }
  if (keys.length === 0) throw new UsageError('sweep: expected at least one --set KEY=V1,V2,... with two or more values');
  return { keys, fixed };
}

/**
 * The command line: `main(argv)` returns the exit code (0 done, 1 bad input, 2 internal
 * failure) and never calls process.exit, so tests call it directly.
 *
 * @example await main(['run', 'scenarios/erlang-a-check.yaml', '--replications', '3'])
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let code = 0;
  const cli = yargs([...argv])
    .scriptName('metcc-sim')
    .usage('$0 <command> [options]')
    .command(
      'run <scenario>',
      'simulate one scenario and write its reports',
      (y) => simOptions(y).positional('scenario', { type: 'string', demandOption: true }),
      async (a) => {
        const loaded = load(a.scenario as string, a.set);
        for (const w of loaded.warnings) io.err(`warning: ${loaded.file}: ${w.path}: ${w.message}`);
        const settings = studySettings(loaded, a, path.join('reports', loaded.scenario.name));
        const result = await runStudy(loaded, settings).finally(settings.finish);
        if (result.skipped) {
          io.out(`shard ${a.shard} of ${loaded.scenario.name} is already complete in ${settings.outDir}/ (--resume): nothing to do`);
        } else if (settings.shard) {
          const ks = replicationIndices(settings.replications, settings.shard);
          io.out(`shard ${a.shard}: replication${ks.length === 1 ? '' : 's'} ${ks.join(', ') || '(none)'} of 0..${settings.replications - 1} written to ${settings.outDir}/ (${result.files.join(', ')}) in ${fmt(result.wallSeconds, 2)} s; combine the shards with 'metcc-sim merge'`);
        } else {
          printSummary(io, loaded.scenario.name, result.aggregate.summary(), settings.replications);
          io.out(`reports written to ${settings.outDir}/ (${result.files.join(', ')}) in ${fmt(result.wallSeconds, 2)} s`);
        }
      },
    )
    .command(
      'compare <baseline> <variant>',
      'simulate both on common random numbers; write both reports and the paired differences',
      (y) =>
        simOptions(y)
          .positional('baseline', { type: 'string', demandOption: true })
          .positional('variant', { type: 'string', demandOption: true }),
      async (a) => {
        const base = load(a.baseline as string, a.set);
        const variant = load(a.variant as string, a.set);
        for (const l of [base, variant]) for (const w of l.warnings) io.err(`warning: ${l.file}: ${w.path}: ${w.message}`);
        if (base.scenario.name === variant.scenario.name) {
          throw new UsageError(`compare: both scenarios are named '${base.scenario.name}'; expected different names (each names its report folder)`);
        }
        const settings = studySettings(base, a, path.join('reports', `${base.scenario.name}-vs-${variant.scenario.name}`));
        const result = await compareStudies(base, variant, settings).finally(settings.finish);
        if (settings.shard) {
          io.out(`shard ${a.shard} of ${base.scenario.name} vs ${variant.scenario.name} written to ${settings.outDir}/; combine the shards with 'metcc-sim merge'`);
          return;
        }
        printComparison(io, base.scenario.name, variant.scenario.name, result.rows, settings.replications, targetsOf(base));
        io.out(`reports written to ${settings.outDir}/ (comparison.csv, ${base.scenario.name}/, ${variant.scenario.name}/)`);
      },
    )
    .command(
      'sweep <scenario>',
      'run every combination of the values given (--set KEY=V1,V2,...); one row per point in sweep.csv',
      (y) => simOptions(y).positional('scenario', { type: 'string', demandOption: true }),
      async (a) => {
        const { keys, fixed } = sweptKeys(a.set);
        const first = loadScenario(a.scenario as string, [...fixed, ...keys.map((k) => ({ keyPath: k.keyPath, value: k.values[0] }))]);
        for (const w of first.warnings) io.err(`warning: ${first.file}: ${w.path}: ${w.message}`);
        const settings = studySettings(first, { ...a, set: [] }, path.join('reports', `${first.scenario.name}-sweep`));
        if (settings.calls) throw new UsageError('sweep: --calls is for run and compare (a sweep writes sweep.csv only)');
        const clash = studyKeyClash(keys, a);
        if (clash) throw new UsageError(clash);
        const points = keys.reduce((n, k) => n * k.values.length, 1);
        // --seed / --replications set every point's; otherwise each point runs with its own (swept or not)
        const { rows, skipped } = await runSweep(a.scenario as string, fixed, keys, { ...settings, seed: a.seed === undefined ? undefined : settings.seed, replications: a.replications === undefined ? undefined : settings.replications }).finally(settings.finish);
        const swept = (k: string) => keys.some((s) => s.keyPath === k);
        io.out(`${first.scenario.name}: ${points} points x ${swept('replications') ? "each point's" : settings.replications} replications${swept('seed') ? ", each with its own seed" : ' on common random numbers'}`);
        if (skipped) io.out(`shard ${a.shard} is already complete in ${settings.outDir}/ (--resume): nothing to do`);
        else if (settings.shard) io.out(`shard ${a.shard} written to ${settings.outDir}/; combine the shards with 'metcc-sim merge'`);
        else io.out(`sweep.csv written to ${settings.outDir}/ (${rows.length} rows)`);
      },
    )
    .command(
      'merge <dirs..>',
      'combine the outputs of shards (run, compare or sweep --shard i/n) into the reports of one run',
      (y) =>
        y
          .positional('dirs', { type: 'string', array: true, demandOption: true })
          .option('out', { type: 'string', describe: 'folder for the merged reports (default reports/<scenario name>)' }),
      async (a) => {
        const dirs = a.dirs as string[];
        const out = a.out as string | undefined;
        const problem = out === undefined ? null : outDirProblem(out);
        if (problem) throw new UsageError(problem);
        if (isCompareShard(dirs[0])) {
          const r = await mergeCompareShards(dirs, out);
          const targets = new Map(r.baseline.aggregate.shape.contacts.map((c) => [c.name, c.targetSeconds]));
          printComparison(io, r.names[0], r.names[1], r.rows, r.baseline.aggregate.count, targets);
          io.out(`merged ${dirs.length} compare shards into ${r.outDir}/ (comparison.csv, ${r.names[0]}/, ${r.names[1]}/)`);
        } else if (isSweepShard(dirs[0])) {
          const r = await mergeSweepShards(dirs, out);
          io.out(`merged ${dirs.length} sweep shards: sweep.csv written to ${r.outDir}/ (${r.rows.length} rows)`);
        } else {
          const name = readShards(dirs).shards[0].scenario.name;
          const outDir = out ?? path.join('reports', name);
          const result = await mergeShards(dirs, outDir);
          printSummary(io, name, result.aggregate.summary(), result.aggregate.count);
          io.out(`merged ${dirs.length} shards into ${outDir}/ (${result.files.join(', ')})`);
        }
      },
    )
    .command(
      'validate <scenario>',
      'check a scenario file, print every problem, write nothing',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true })
          .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a value: KEY.PATH=VALUE' }),
      (a) => {
        const loaded = load(a.scenario as string, a.set as string[]);
        for (const w of loaded.warnings) io.err(`warning: ${loaded.file}: ${w.path}: ${w.message}`);
        const s = loaded.scenario;
        io.out(`ok: ${loaded.file}: scenario '${s.name}', ${Object.keys(s.contacts).length} contact types, ${Object.keys(s.handlers).length} handler groups`);
        io.out('# resolved scenario (defaults applied)');
        io.out(toYaml(s));
      },
    )
    .command(
      'erlang',
      'analytical Erlang C / Erlang A figures for one interval',
      (y) => y.options(ERLANG_OPTIONS),
      (a) => erlangCommand(a as unknown as Parameters<typeof erlangCommand>[0], io),
    )
    .demandCommand(1, 'expected a command: run, compare, validate, sweep, merge or erlang')
    .recommendCommands()
    .strict()
    .help()
    .version(false)
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(explainUnknown(msg, argv));
    });
  try {
    await cli.parseAsync([...argv], {}, (_err, _parsed, output) => {
      if (output) {
        io.out(output);
      }
    });
  } catch (err) {
    code = reportError(err, io);
  }
  return code;
}

/** Every option some command takes (for the did-you-mean of a mistyped option). */
const KNOWN_OPTIONS = ['replications', 'seed', 'out', 'calls', 'set', 'workers', 'shard', 'quiet', 'resume', 'help', ...Object.keys(ERLANG_OPTIONS)];

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** yargs' "Unknown argument: x" made to say what was expected (the option meant, or that none was). */
function explainUnknown(msg: string, argv: readonly string[]): string {
  const m = /^Unknown arguments?: (.+)$/.exec(msg);
  if (!m) return msg;
  const names = m[1].split(', ');
  const kebab = (n: string) => n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return names
    // yargs names an unknown --foo-bar twice, also as fooBar
    .filter((name) => !(kebab(name) !== name && names.includes(kebab(name))))
    .map((name) => {
      const asOption = argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`) || a === `-${name}`);
      if (!asOption) return `unexpected argument '${name}'; expected only the options of this command (see --help)`;
      const best = KNOWN_OPTIONS.map((k) => ({ k, d: editDistance(name, k) })).sort((x, y) => x.d - y.d)[0];
      const hint = best && best.d <= 2 ? `did you mean --${best.k}?` : `expected one of the options in --help`;
      return `unknown option --${name}; ${hint}`;
    })
    .join('\n');
}

function reportError(err: unknown, io: Io): number {
  if (err instanceof ScenarioError) {
    io.err(err.message);
    return 1;
  }
  if (err instanceof SimulationError) {
    io.err(`metcc-sim: the scenario cannot be simulated as written: ${err.message}`);
    return 1;
  }
  if (err instanceof MergeError) {
    io.err(`metcc-sim merge: ${err.message}`);
    return 1;
  }
  if (err instanceof UsageError) {
    io.err(`metcc-sim: ${err.message}\n(run 'metcc-sim --help' for the commands and options)`);
    return 1;
  }
  const e = err as Error;
  io.err(`metcc-sim: internal error: ${e?.message ?? String(err)}`);
  if (process.env.METCC_DEBUG) io.err(e?.stack ?? '');
  return 2;
}

export const defaults = { workers: availableParallelism() };
