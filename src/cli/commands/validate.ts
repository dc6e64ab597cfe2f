import type { CommandModule } from 'yargs';
import { stringify as toYaml } from 'yaml';
import { loadScenario } from '../../scenario/load.js';
import type { Io } from '../Io.js';
import { parseSets, VALIDATE_OPTIONS } from '../options.js';
import { printWarnings } from '../print.js';
import { costingText } from '../../investment/costingReport.js';

/**
 * `metcc-sim validate <scenario>`: every problem of a scenario file, or ok (on stderr) and,
 * with --print, the resolved scenario as YAML on stdout (a scenario file itself); writes nothing.
 * A scenario with `investment:` prints its costing on stdout (with --print, as comments above the YAML).
 */
export function validateCommand(io: Io): CommandModule<object, { scenario: string; set: string[]; print: boolean }> {
  return {
    command: 'validate <scenario>',
    describe: 'check a scenario file, print every problem, write nothing',
    builder: (y) => y.positional('scenario', { type: 'string', demandOption: true }).options(VALIDATE_OPTIONS),
    handler: (a) => {
      const loaded = loadScenario(a.scenario, parseSets(a.set));
      printWarnings(io, loaded);
      const s = loaded.scenario;
      io.err(`ok: ${loaded.file}: scenario '${s.name}', ${Object.keys(s.contacts).length} contact types, ${Object.keys(s.handlers).length} handler groups`);
      const costing = loaded.investment ? costingText(loaded.investment) : [];
      if (a.print) {
        const comments = costing.map((l) => `# ${l}\n`).join('');
        io.out(`# resolved scenario (extends, investment, --set and defaults applied) from ${loaded.file}\n${comments}${toYaml(s)}`);
      } else if (costing.length) io.out(costing.join('\n'));
    },
  };
}
