import yargs, { type CommandModule } from 'yargs';
import { COMMANDS, commandName, type CommandEntry } from './commandList.js';
import { UsageError } from './errors.js';
import { processIo, type Io } from './Io.js';
import { programVersion } from '../version.js';

export { UsageError, type Io };

/** yargs' own complaint (an unknown option or command), explained once the catch has loaded the option list. */
class ArgvComplaint extends Error {}

/**
 * The commands to load in full: only the one typed first (`run x.yaml`: run's module, and
 * so its options and its --help); none for `--help`, `--version` or no command at all, where
 * each is listed by its name and description alone. Anything else (an unknown command, an
 * option before the command) loads them all, as yargs then needs every command to judge it.
 */
function commandsToLoad(argv: readonly string[]): readonly CommandEntry[] {
  const words = argv.filter((a) => !a.startsWith('-'));
  if (words.length === 0) return [];
  const typed = COMMANDS.find((c) => commandName(c) === words[0]);
  return typed ? [typed] : COMMANDS;
}

/** A command listed by name and description, for the top-level help: never run. */
function listed(entry: CommandEntry): CommandModule<object, never> {
  return {
    command: entry.command,
    describe: entry.describe,
    handler: () => {
      throw new Error(`the command ${commandName(entry)} was not loaded`);
    },
  };
}

/**
 * The command line: `main(argv)` returns the exit code (0 done, 1 bad input, 2 internal
 * failure) and never calls process.exit, so tests call it directly. Each command lives in
 * its own file under commands/ (listed in commandList.ts, loaded only when it runs); their
 * options are in options.ts.
 *
 * @example await main(['run', 'scenarios/erlang-a-check.yaml', '--replications', '3'])
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    const toLoad = commandsToLoad(argv);
    const loaded = new Map(await Promise.all(toLoad.map(async (c) => [c, await c.load(io)] as const)));
    const cli = yargs([...argv])
      .scriptName('metcc-sim')
      .usage('$0 <command> [options]')
      // the command line as typed, for run.json
      .middleware((a) => void (a.commandLine = ['metcc-sim', ...argv]))
      // an option that takes one value, given twice (yargs would hand the command an array)
      .middleware((a) => {
        const lists = new Set((cli as unknown as { getOptions(): { array: string[] } }).getOptions().array);
        for (const [key, value] of Object.entries(a)) {
          if (key !== '_' && key !== 'commandLine' && !/[A-Z]/.test(key) && Array.isArray(value) && !lists.has(key)) {
            throw new UsageError(`--${key} was given ${value.length} times (${value.map(String).join(', ')}); expected it once`);
          }
        }
      });
    for (const c of COMMANDS) {
      const add = loaded.get(c);
      if (add) add(cli);
      else cli.command(listed(c));
    }
    cli
      .demandCommand(1, 'expected a command: run, compare, validate, sweep, merge, report, schema, erlang, staff, calibrate, uncertainty or allocate')
      .recommendCommands()
      .strict()
      .help()
      .version(programVersion())
      .wrap(Math.min(100, process.stdout.columns || 100))
      .exitProcess(false)
      .fail((msg, err) => {
        if (err) throw err;
        throw new ArgvComplaint(msg);
      });
    await cli.parseAsync([...argv], {}, (_err, _parsed, output) => {
      if (output) io.out(output);
    });
    return 0;
  } catch (err) {
    // Loaded only on failure: the error classes live beside the code that throws them.
    const { reportError } = await import('./reportError.js');
    if (!(err instanceof ArgvComplaint)) return reportError(err, io);
    const { explainUnknown } = await import('./explainUnknown.js');
    return reportError(new UsageError(explainUnknown(err.message, argv)), io);
  }
}
