import path from 'node:path';
import type { CommandModule } from 'yargs';
import { fmt } from '../../report/format.js';
import { loadScenario } from '../../scenario/load.js';
import { runStudy } from '../../study/runStudy.js';
import { replicationIndices } from '../../study/shardFile.js';
import type { Io } from '../Io.js';
import { parseSets, positiveInt, RUN_OPTIONS, simOptions, type SimOptions } from '../options.js';
import { UsageError } from '../errors.js';
import { parsePrecision, printPrecision, warnWide } from '../intervalOptions.js';
import { runToPrecision } from '../../study/precision.js';
import { printSummary, printWarnings } from '../print.js';
import { studySettings } from '../studySettings.js';

/** `metcc-sim run <scenario>`: simulate one scenario and write its reports (or one shard of them). */
export function runCommand(io: Io): CommandModule<object, SimOptions & { scenario: string; precision: string[]; 'max-replications': number }> {
  return {
    command: 'run <scenario>',
    describe: 'simulate one scenario and write its reports',
    builder: (y) => simOptions(y).options(RUN_OPTIONS).positional('scenario', { type: 'string', demandOption: true }),
    handler: async (a) => {
      const loaded = loadScenario(a.scenario, parseSets(a.set));
      printWarnings(io, loaded);
      const settings = studySettings(loaded, a, path.join('reports', loaded.scenario.name), io);
      const targets = parsePrecision(a.precision, loaded.scenario);
      const cap = positiveInt('max-replications', a['max-replications'], 2)!;
      if (targets.length && settings.shard) throw new UsageError('--precision: expected a run without --shard (it decides the replications as it goes)');
      const precise = targets.length ? await runToPrecision(loaded, settings, targets, cap).finally(settings.finish) : undefined;
      const result = precise ? precise.result : await runStudy(loaded, settings).finally(settings.finish);
      if (precise) settings.replications = precise.rounds[precise.rounds.length - 1].replications;
      if (result.skipped) {
        io.out(`shard ${a.shard} of ${loaded.scenario.name} is already complete in ${settings.outDir}/ (--resume): nothing to do`);
      } else if (settings.shard) {
        const ks = replicationIndices(settings.replications, settings.shard);
        io.out(`shard ${a.shard}: replication${ks.length === 1 ? '' : 's'} ${ks.join(', ') || '(none)'} of 0..${settings.replications - 1} written to ${settings.outDir}/ (${result.files.join(', ')}) in ${fmt(result.wallSeconds, 2)} s; combine the shards with 'metcc-sim merge'`);
      } else {
        printSummary(io, loaded.scenario.name, result.aggregate.summary(), settings.replications, settings.confidence);
        if (precise) printPrecision(io, precise.rounds, targets, settings.confidence);
        warnWide(io, loaded.scenario.name, result.aggregate.summary());
        io.out(`reports written to ${settings.outDir}/ (${result.files.join(', ')}) in ${fmt(result.wallSeconds, 2)} s`);
      }
    },
  };
}
