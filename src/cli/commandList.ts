import type { Argv } from 'yargs';
import type { Io } from './Io.js';

/** A command as the top-level help lists it, and how to load the whole of it. */
export interface CommandEntry {
  /** yargs' command string: the name and its positionals. */
  command: string;
  describe: string;
  /** Imports the command's module and returns what adds the whole command to a yargs parser. */
  load: (io: Io) => Promise<(y: Argv) => Argv>;
}

/**
 * Every command, in the order `--help` lists them. Each module is imported only when its
 * command runs (or its own --help is asked for): `--help`, `--version` and `validate` then load
 * neither the simulator nor RxJS, the report writers, vega or HiGHS. `command` and `describe`
 * repeat the module's own (test/startup.test.ts checks that they agree).
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    command: 'run <scenario>',
    describe: 'simulate one scenario and write its reports',
    load: async (io) => {
      const m = await import('./commands/run.js');
      return (y) => y.command(m.runCommand(io));
    },
  },
  {
    command: 'compare <baseline> [variant]',
    describe: 'simulate both on common random numbers (the variant may be the baseline with --vary changes); write both reports and the paired differences',
    load: async (io) => {
      const m = await import('./commands/compare.js');
      return (y) => y.command(m.compareCommand(io));
    },
  },
  {
    command: 'sweep <scenario>',
    describe: 'run every combination of the values given (--set KEY=V1,V2,...); one row per point in sweep.csv',
    load: async (io) => {
      const m = await import('./commands/sweep.js');
      return (y) => y.command(m.sweepCommand(io));
    },
  },
  {
    command: 'merge <dirs..>',
    describe: 'combine the outputs of shards (run, compare or sweep --shard i/n) into the reports of one run',
    load: async (io) => {
      const m = await import('./commands/merge.js');
      return (y) => y.command(m.mergeCommand(io));
    },
  },
  {
    command: 'validate <scenario>',
    describe: 'check a scenario file, print every problem, write nothing',
    load: async (io) => {
      const m = await import('./commands/validate.js');
      return (y) => y.command(m.validateCommand(io));
    },
  },
  {
    command: 'erlang',
    describe: 'analytical Erlang C / Erlang A figures for one interval',
    load: async (io) => {
      const m = await import('./commands/erlang.js');
      return (y) => y.command(m.erlangCommand(io));
    },
  },
  {
    command: 'schema',
    describe: "print the scenario files' JSON Schema (for editors: yaml-language-server, VS Code)",
    load: async (io) => {
      const m = await import('./commands/schema.js');
      return (y) => y.command(m.schemaCommand(io));
    },
  },
  {
    command: 'report <dir>',
    describe: 'draw report.html from the reports in a folder (a run, merge, compare or sweep)',
    load: async (io) => {
      const m = await import('./commands/report.js');
      return (y) => y.command(m.reportCommand(io));
    },
  },
  {
    command: 'staff <scenario>',
    describe: 'the handlers each hour needs for the targets (ISA on the full model), the roster that covers them, its FTE and cost',
    load: async (io) => {
      const m = await import('./commands/staff.js');
      return (y) => y.command(m.staffCommand(io));
    },
  },
  {
    command: 'calibrate <scenario>',
    describe: 'fit knobs (key paths with bounds) to published figures (--targets CSV) on common random numbers; write the fit and calibrated.yaml',
    load: async (io) => {
      const m = await import('./commands/calibrate.js');
      return (y) => y.command(m.calibrateCommand(io));
    },
  },
  {
    command: 'uncertainty <baseline> <variant>',
    describe: "the projection's band over its assumptions' ranges (uncertain:): tornado and Latin-hypercube sample, calibrated knobs re-fitted at every point",
    load: async (io) => {
      const m = await import('./commands/uncertainty.js');
      return (y) => y.command(m.uncertaintyCommand(io));
    },
  },
  {
    command: 'allocate <scenario>',
    describe: "the best use of a budget over the scenario's investment levers (their ranges) on common random numbers: marginal values, the allocation, and the file's own plan beside it",
    load: async (io) => {
      const m = await import('./commands/allocate.js');
      return (y) => y.command(m.allocateCommand(io));
    },
  },
];

/** The name a command is typed as ('run' of 'run <scenario>'). */
export function commandName(entry: CommandEntry): string {
  return entry.command.split(' ')[0];
}
