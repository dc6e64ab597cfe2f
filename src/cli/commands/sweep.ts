import path from 'node:path';
import type { CommandModule } from 'yargs';
import { loadScenario, parseOverride, type Override, type Scenario } from '../../scenario/load.js';
import { runSweep, studyKeyClash, sweepPoints, type SweptKey } from '../../study/sweep.js';
import { replicationIndices } from '../../study/shardFile.js';
import { checkStudyCost } from '../studyCost.js';
import { UsageError } from '../errors.js';
import type { Io } from '../Io.js';
import { simOptions, type SimOptions } from '../options.js';
import { printWarnings } from '../print.js';
import { studySettings } from '../studySettings.js';

/** The most points one sweep runs: each is a scenario loaded and held in memory with its aggregate. */
const MAX_SWEEP_POINTS = 10_000;

/** `--set KEY=V1,V2,...` of a sweep: the swept keys (several values) and the plain overrides (one value). */
function sweptKeys(sets: string[]): { keys: SweptKey[]; fixed: Override[] } {
  const keys: SweptKey[] = [];
  const fixed: Override[] = [];
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

/** `metcc-sim sweep <scenario> --set KEY=V1,V2,...`: every combination of the values, one row per point. */
export function sweepCommand(io: Io): CommandModule<object, SimOptions & { scenario: string }> {
  return {
    command: 'sweep <scenario>',
    describe: 'run every combination of the values given (--set KEY=V1,V2,...); one row per point in sweep.csv',
    builder: (y) => simOptions(y).positional('scenario', { type: 'string', demandOption: true }),
    handler: async (a) => {
      const { keys, fixed } = sweptKeys(a.set);
      const first = loadScenario(a.scenario, [...fixed, ...keys.map((k) => ({ keyPath: k.keyPath, value: k.values[0] }))]);
      printWarnings(io, first);
      const settings = studySettings(first, { ...a, set: [] }, path.join('reports', `${first.scenario.name}-sweep`));
      if (settings.calls) throw new UsageError('sweep: --calls is for run and compare (a sweep writes sweep.csv only)');
      const clash = studyKeyClash(keys, a);
      if (clash) throw new UsageError(clash);
      const points = keys.reduce((n, k) => n * k.values.length, 1);
      if (points > MAX_SWEEP_POINTS) throw new UsageError(`sweep: ${points.toLocaleString('en-GB')} points (every combination of the values given); expected at most ${MAX_SWEEP_POINTS.toLocaleString('en-GB')}: sweep fewer values, or split the sweep`);
      // the cost of every point together, up front (studySettings checked the first point's alone)
      const each = sweepPoints(keys).map((o) => loadScenario(a.scenario, [...fixed, ...o]).scenario);
      const runs = (s: Scenario) => replicationIndices(a.replications === undefined ? s.replications : settings.replications, settings.shard).length;
      checkStudyCost(`${a.scenario}: this sweep of ${points} points`, each.map((scenario) => ({ scenario, runs: runs(scenario) })), io, 'points');
      // --seed / --replications set every point's; otherwise each point runs with its own (swept or not)
      const { rows, skipped } = await runSweep(a.scenario, fixed, keys, { ...settings, seed: a.seed === undefined ? undefined : settings.seed, replications: a.replications === undefined ? undefined : settings.replications }).finally(settings.finish);
      const swept = (k: string) => keys.some((s) => s.keyPath === k);
      io.out(`${first.scenario.name}: ${points} points x ${swept('replications') ? "each point's" : settings.replications} replications${swept('seed') ? ", each with its own seed" : ' on common random numbers'}`);
      if (skipped) io.out(`shard ${a.shard} is already complete in ${settings.outDir}/ (--resume): nothing to do`);
      else if (settings.shard) io.out(`shard ${a.shard} written to ${settings.outDir}/; combine the shards with 'metcc-sim merge'`);
      else io.out(`sweep.csv written to ${settings.outDir}/ (${rows.length} rows)`);
    },
  };
}
