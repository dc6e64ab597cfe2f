import yargs from 'yargs';
import { compareCommand } from './commands/compare.js';
import { erlangCommand } from './commands/erlang.js';
import { mergeCommand } from './commands/merge.js';
import { runCommand } from './commands/run.js';
import { sweepCommand } from './commands/sweep.js';
import { validateCommand } from './commands/validate.js';
import { schemaCommand } from './commands/schema.js';
import { reportCommand } from './commands/report.js';
import { staffCommand } from './commands/staff.js';
import { UsageError } from './errors.js';
import { explainUnknown } from './explainUnknown.js';
import { processIo, type Io } from './Io.js';
import { reportError } from './reportError.js';
import { programVersion } from '../version.js';

export { UsageError, type Io };
export { defaults } from './studySettings.js';

/**
 * The command line: `main(argv)` returns the exit code (0 done, 1 bad input, 2 internal
 * failure) and never calls process.exit, so tests call it directly. Each command lives in
 * its own file under commands/; their options are in options.ts.
 *
 * @example await main(['run', 'scenarios/erlang-a-check.yaml', '--replications', '3'])
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const cli = yargs([...argv])
    .scriptName('metcc-sim')
    .usage('$0 <command> [options]')
    // the command line as typed, for run.json
    .middleware((a) => void (a.commandLine = ['metcc-sim', ...argv]))
    .command(runCommand(io))
    .command(compareCommand(io))
    .command(sweepCommand(io))
    .command(mergeCommand(io))
    .command(validateCommand(io))
    .command(erlangCommand(io))
    .command(schemaCommand(io))
    .command(reportCommand(io))
    .command(staffCommand(io))
    .demandCommand(1, 'expected a command: run, compare, validate, sweep, merge, report, schema, erlang or staff')
    .recommendCommands()
    .strict()
    .help()
    .version(programVersion())
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(explainUnknown(msg, argv));
    });
  try {
    await cli.parseAsync([...argv], {}, (_err, _parsed, output) => {
      if (output) io.out(output);
    });
    return 0;
  } catch (err) {
    return reportError(err, io);
  }
}
