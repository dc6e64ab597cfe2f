import path from 'node:path';
import type { CommandModule } from 'yargs';
import { fmt } from '../../report/format.js';
import { loadScenario } from '../../scenario/load.js';
import { runStudy } from '../../study/runStudy.js';
import { replicationIndices } from '../../study/shardFile.js';
import type { Io } from '../Io.js';
import { parseSets, simOptions, type SimOptions } from '../options.js';
import { printSummary, printWarnings } from '../print.js';
import { studySettings } from '../studySettings.js';

/** `metcc-sim run <scenario>`: simulate one scenario and write its reports (or one shard of them). */
export function runCommand(io: Io): CommandModule<object, SimOptions & { scenario: string }> {
  return {
    command: 'run <scenario>',
    describe: 'simulate one scenario and write its reports',
    builder: (y) => simOptions(y).positional('scenario', { type: 'string', demandOption: true }),
    handler: async (a) => {
      const loaded = loadScenario(a.scenario, parseSets(a.set));
      printWarnings(io, loaded);
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
  };
}
