import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { loadScenario, parseOverride } from '../../scenario/load.js';
import { outDirProblem } from '../../report/outDir.js';
import { StagedFiles } from '../../report/StagedFiles.js';
import { fmt } from '../../report/format.js';
import { iterativeStaffing } from '../../staffing/iterativeStaffing.js';
import { requirementTable } from '../../staffing/requirementTable.js';
import { describeTarget, parseMaxAbandoned, parseTarget, StaffingError, staffTargets } from '../../staffing/StaffTarget.js';
import { planRoster, ROSTER_FILES } from '../../staffing/planRoster.js';
import { parseConfidence } from '../intervalOptions.js';
import { UsageError } from '../errors.js';
import type { Io } from '../Io.js';

interface StaffArgs {
  scenario: string;
  set: string[];
  target: string[];
  'max-abandoned': string[];
  replications?: number;
  'check-replications'?: number;
  'max-iterations': number;
  seed?: number;
  out?: string;
  workers?: number;
  confidence?: number;
  quiet: boolean;
}

const whole = (name: string, v: number | undefined, min: number): number | undefined => {
  if (v === undefined) return undefined;
  if (!Number.isSafeInteger(v) || v < min) throw new UsageError(`--${name}: expected a whole number >= ${min}, got ${v}`);
  return v;
};

/** Bad staffing input is bad input (exit 1), like a bad option. */
function asUsage<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof StaffingError) throw new UsageError(err.message);
    throw err;
  }
}

async function asUsageAsync<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof StaffingError) throw new UsageError(err.message);
    throw err;
  }
}

/**
 * `staff <scenario>`: the handlers each hour of the week needs to meet the targets (the
 * iterative staffing algorithm on the full model, seeded from Erlang A, on common random
 * numbers); then the roster of allowed shifts that covers it at the fewest paid hours (an
 * integer programme solved by HiGHS), its FTE and cost, and a simulation of that roster.
 */
export function staffCommand(io: Io): CommandModule<object, StaffArgs> {
  return {
    command: 'staff <scenario>',
    describe: 'the handlers each hour needs for the targets (ISA on the full model), the roster that covers them, its FTE and cost',
    builder: (y: Argv) =>
      y
        .positional('scenario', { type: 'string', demandOption: true })
        .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a scenario value: KEY.PATH=VALUE (repeatable)' })
        .option('target', { type: 'string', array: true, default: [] as string[], describe: "CONTACT=PCT@SECONDSs: PCT% of answered calls within SECONDS (default: the scenario's target.calls_pct)" })
        .option('max-abandoned', { type: 'string', array: true, default: [] as string[], describe: 'CONTACT=PCT: at most PCT% of offered calls abandoned' })
        .option('replications', { type: 'number', describe: "replications of each ISA pass (default: the scenario's, at most 8)" })
        .option('check-replications', { type: 'number', describe: "replications of the roster's check (default: the scenario's)" })
        .option('max-iterations', { type: 'number', default: 8, describe: 'the most ISA passes' })
        .option('seed', { type: 'number', describe: "base seed (default: the scenario's)" })
        .option('out', { type: 'string', describe: 'folder for the reports (default reports/<scenario name>-staff)' })
        .option('workers', { type: 'number', describe: 'worker threads (default: the number of cores)' })
        .option('confidence', { type: 'number', describe: 'level of the confidence intervals, percent (default 95)' })
        .option('quiet', { type: 'boolean', default: false, describe: 'print only the result' }) as unknown as Argv<StaffArgs>,
    handler: async (a) => {
      const loaded = loadScenario(a.scenario, a.set.map((s) => {
        try {
          return parseOverride(s);
        } catch (err) {
          throw new UsageError((err as Error).message);
        }
      }));
      const scenario = loaded.scenario;
      const targets = asUsage(() => staffTargets(scenario, [...a.target.map(parseTarget), ...a['max-abandoned'].map(parseMaxAbandoned)]));
      const confidence = parseConfidence(a.confidence);
      const seed = whole('seed', a.seed, 0) ?? scenario.seed;
      const replications = whole('replications', a.replications, 1) ?? Math.min(8, scenario.replications);
      const checkReplications = whole('check-replications', a['check-replications'], 1) ?? scenario.replications;
      const maxIterations = whole('max-iterations', a['max-iterations'], 1)!;
      const workers = whole('workers', a.workers, 1) ?? availableParallelism();
      const outDir = a.out ?? path.join('reports', `${scenario.name}-staff`);
      const problem = outDirProblem(outDir);
      if (problem) throw new UsageError(problem);
      const plan = asUsage(() => planRoster.prepare(scenario, targets));
      const say = (t: string) => a.quiet || io.out(t);
      const started = Date.now();
      say(`${scenario.name}: staffing for ${targets.map(describeTarget).join('; ')}`);
      const isa = await asUsageAsync(() =>
        iterativeStaffing(scenario, targets, {
          seed,
          replications,
          workers,
          maxIterations,
          onIteration: (it) => say(`  ISA pass ${it.iteration}: ${fmt(it.handlerHours)} handler-hours a week on duty; ${it.hoursChanged} hours changed (by up to ${it.largestChange})`),
        }),
      );
      say(`  ISA ${isa.converged ? 'converged' : `stopped after ${maxIterations} passes`} in ${isa.iterations.length} passes (${replications} replications each), ${fmt((Date.now() - started) / 1000, 1)} s`);
      const roster = await asUsageAsync(() => plan.solve(isa, { seed, replications: checkReplications, workers, confidence, say }));
      const staged = new StagedFiles(outDir);
      try {
        const req = requirementTable(isa, confidence, roster?.check);
        await staged.csv(req.name, req.headers, req.rows);
        const files = [req.name];
        if (roster) files.push(...(await roster.write(staged)));
        staged.text('staff.json', JSON.stringify({ scenario: scenario.name, scenario_file: loaded.file, seed, replications, check_replications: checkReplications, targets, converged: isa.converged, iterations: isa.iterations, wall_seconds: (Date.now() - started) / 1000 }, null, 2) + '\n');
        files.push('staff.json');
        staged.commit(['requirement.csv', 'staff.json', ...ROSTER_FILES]);
        for (const line of roster?.summary ?? []) io.out(line);
        io.out(`reports written to ${outDir}/ (${files.join(', ')}) in ${fmt((Date.now() - started) / 1000, 1)} s`);
      } catch (err) {
        staged.abort();
        throw err;
      }
    },
  };
}
