import { availableParallelism } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { AllocateError } from '../../allocate/AllocateError.js';
import { allocationTable } from '../../allocate/allocationTable.js';
import { parseObjective, OBJECTIVES } from '../../allocate/Objective.js';
import { runAllocation } from '../../allocate/runAllocation.js';
import { writeAllocation } from '../../allocate/writeAllocation.js';
import { outDirProblem } from '../../report/outDir.js';
import { loadScenario, type Override } from '../../scenario/load.js';
import { LIMITS } from '../../scenario/schema.js';
import { MAX_WORKERS, parseSets, positiveInt } from '../options.js';
import { progressLine } from '../progress.js';
import { UsageError } from '../errors.js';
import type { Io } from '../Io.js';

interface AllocateArgs {
  scenario: string;
  budget?: number;
  objective?: string;
  weights: string[];
  set: string[];
  out?: string;
  replications?: number;
  seed?: number;
  workers?: number;
  quiet: boolean;
  commandLine?: string[];
}

/** The default evaluation window: June and July 2022 (README, "Allocating a budget": why). */
export const DEFAULT_WINDOW = { startDate: '2022-06-01', days: 61 } as const;

/**
 * `allocate <scenario>`: the best use of a budget over the scenario's investment.levers and
 * their ranges, on common random numbers; writes allocation.csv, projection.csv, marginal.csv,
 * allocate.json and allocated.yaml as one unit, and prints the marginal values and the plans.
 */
export function allocateCommand(io: Io): CommandModule<object, AllocateArgs> {
  return {
    command: 'allocate <scenario>',
    describe: "the best use of a budget over the scenario's investment levers (their ranges) on common random numbers: marginal values, the allocation, and the file's own plan beside it",
    builder: (y: Argv) =>
      y
        .positional('scenario', { type: 'string', demandOption: true })
        .option('budget', { type: 'number', describe: "pounds a year to allocate (default: the file's investment.budget_gbp)" })
        .option('objective', { type: 'string', describe: `what to maximise: ${OBJECTIVES.join(' or ')} (default 999_within_10s)` })
        .option('weights', { type: 'string', array: true, default: [] as string[], describe: 'with --objective weighted: TERM=WEIGHT,... of 999_within_10s, 101_abandoned, callback_wait_minutes (default 1, 1, 0.1)' })
        .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a scenario value first: KEY.PATH=VALUE (repeatable; any horizon.* replaces the default window of June-July 2022)' })
        .option('out', { type: 'string', describe: 'folder for the reports (default reports/<scenario name>-allocation)' })
        .option('replications', { type: 'number', describe: "replications of every allocation (default: the scenario's)" })
        .option('seed', { type: 'number', describe: "base seed, the same for every allocation (default: the scenario's)" })
        .option('workers', { type: 'number', describe: 'worker threads (default: the number of cores)' })
        .option('quiet', { type: 'boolean', default: false, describe: 'no progress output' }) as unknown as Argv<AllocateArgs>,
    handler: async (a) => {
      try {
        await allocate(a, io);
      } catch (err) {
        if (err instanceof AllocateError) throw new UsageError(err.message);
        throw err;
      }
    },
  };
}

/**
 * The window allocate evaluates on: any `--set horizon.*` as given; else June-July 2022 when the
 * scenario is dated and its horizon covers them; else the scenario's own horizon.
 */
export function evaluationWindow(file: string, sets: readonly Override[]): { sets: Override[]; words: string } {
  const scenario = loadScenario(file, sets, { budget: 'allow' }).scenario;
  const h = scenario.horizon;
  const describe = (hh: typeof h) =>
    hh.start_date !== undefined ? `${hh.start_date} + ${hh.days} days (warm-up ${hh.warmup_days ?? 0} days)` : hh.days !== undefined ? `${hh.days} days (warm-up ${hh.warmup_days ?? 0})` : `${hh.hours} hours (warm-up ${hh.warmup_hours ?? 0})`;
  if (sets.some((s) => /^horizon(\.|$)/.test(s.keyPath)) || h.start_date === undefined || h.days === undefined) return { sets: [...sets], words: describe(h) };
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const from = day(h.start_date);
  const want = day(DEFAULT_WINDOW.startDate);
  if (from > want || from + h.days < want + DEFAULT_WINDOW.days) return { sets: [...sets], words: describe(h) };
  const window = [{ keyPath: 'horizon.start_date', value: DEFAULT_WINDOW.startDate }, { keyPath: 'horizon.days', value: DEFAULT_WINDOW.days }];
  return { sets: [...sets, ...window], words: `June-July 2022 (${describe({ ...h, start_date: DEFAULT_WINDOW.startDate, days: DEFAULT_WINDOW.days })})` };
}

async function allocate(a: AllocateArgs, io: Io): Promise<void> {
  const started = process.hrtime.bigint();
  const objective = parseObjective(a.objective, a.weights);
  if (a.budget !== undefined && !(Number.isFinite(a.budget) && a.budget >= 0)) throw new UsageError(`--budget: expected pounds >= 0, got ${a.budget}`);
  const replications = positiveInt('replications', a.replications, 2, LIMITS.replications);
  const seed = positiveInt('seed', a.seed, 0);
  const workers = positiveInt('workers', a.workers, 1, MAX_WORKERS) ?? availableParallelism();
  const { sets, words } = evaluationWindow(a.scenario, parseSets(a.set));
  const loaded = loadScenario(a.scenario, sets, { budget: 'allow' }).scenario;
  const name = loaded.name;
  if ((replications ?? loaded.replications ?? 1) < 2) throw new UsageError(`${a.scenario}: replications: allocate needs at least 2 replications for its intervals; expected --replications 2 or more`);
  const outDir = a.out ?? `reports/${name}-allocation`;
  const problem = outDirProblem(outDir);
  if (problem) throw new UsageError(problem);
  const progress = progressLine(process.stderr, a.quiet);
  const result = await runAllocation({
    file: a.scenario, sets, budgetGbp: a.budget, objective, seed, replications, workers,
    onProgress: progress.onProgress ? (p, doing) => progress.onProgress!({ doing, done: p.done, total: p.total, fraction: p.total ? p.done / p.total : 1, running: [] }) : undefined,
  }).finally(progress.finish);
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  await writeAllocation(result, outDir, { sets, wallSeconds, commandLine: a.commandLine, window: words });
  io.out(allocationTable(result, words));
  io.out(`allocation.csv, projection.csv, marginal.csv, allocate.json and allocated.yaml written to ${outDir}/ (${result.history.length} allocations of ${result.replications} replications, ${wallSeconds.toFixed(1)} s)`);
}
