import { availableParallelism } from 'node:os';
import path from 'node:path';
import yargs, { type Argv } from 'yargs';
import { stringify as toYaml } from 'yaml';
import { loadScenario, parseOverride, ScenarioError, type LoadedScenario } from '../scenario/load.js';
import { runStudy } from '../study/runStudy.js';
import { fmt } from '../report/format.js';
import { erlangCommand, ERLANG_OPTIONS } from './erlang.js';
import { printSummary } from './print.js';

import { UsageError } from './errors.js';
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
    .option('quiet', { type: 'boolean', default: false, describe: 'no progress output' }) as unknown as Argv<SimOptions>;
}

function positiveInt(name: string, v: number | undefined, min = 1): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < min) throw new UsageError(`--${name}: expected a whole number >= ${min}, got ${v}`);
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
  positiveInt('workers', argv.workers);
  return { seed, replications, outDir: argv.out ?? defaultOut };
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
        const result = await runStudy(loaded, { ...settings, calls: a.calls });
        printSummary(io, loaded.scenario.name, result.aggregate.summary(), settings.replications);
        io.out(`reports written to ${settings.outDir}/ (${result.files.join(', ')}) in ${fmt(result.wallSeconds, 2)} s`);
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
      throw new UsageError(msg);
    });
  try {
    let helpShown = false;
    await cli.parseAsync([...argv], {}, (_err, _parsed, output) => {
      if (output) {
        helpShown = true;
        io.out(output);
      }
    });
    void helpShown;
  } catch (err) {
    code = reportError(err, io);
  }
  return code;
}

function reportError(err: unknown, io: Io): number {
  if (err instanceof ScenarioError) {
    io.err(err.message);
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
