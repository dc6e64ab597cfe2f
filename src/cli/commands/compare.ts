import path from 'node:path';
import type { CommandModule } from 'yargs';
import { checkStudyCost } from '../studyCost.js';
import { replicationIndices } from '../../study/shardFile.js';
import type { LoadedScenario } from '../../scenario/load.js';
import { compareStudies } from '../../study/compare.js';
import { UsageError } from '../errors.js';
import type { Io } from '../Io.js';
import { COMPARE_OPTIONS, simOptions, type SimOptions } from '../options.js';
import { loadCompared } from '../vary.js';
import { printTopHours } from '../printHours.js';
import { warnWide } from '../intervalOptions.js';
import { printComparison, printWarnings } from '../print.js';
import { printParts } from '../printParts.js';
import { studySettings } from '../studySettings.js';
import { bandOf } from '../compareBandOption.js';
import { compareBandText } from '../printUncertainty.js';

/** Answer targets by contact type, for the before/after table's labels. */
function targetsOf(loaded: Pick<LoadedScenario, 'scenario'>): Map<string, number> {
  return new Map(Object.entries(loaded.scenario.contacts).map(([name, c]) => [name, c.target.answer_within_seconds]));
}

/**
 * `metcc-sim compare <baseline> [variant]`: both scenarios on common random numbers, and their
 * paired differences overall, per interval and per hour of the week. Without a variant file,
 * the variant is the baseline with the `--vary` changes. A variant with `investment:` runs a
 * third scenario (its levers alone) and prints the effect split into the investment's and the
 * other changes'.
 */
export function compareCommand(
  io: Io,
): CommandModule<object, SimOptions & { baseline: string; variant?: string; vary: string[]; band?: number; 'band-replications'?: number; targets?: string }> {
  return {
    command: 'compare <baseline> [variant]',
    describe: 'simulate both on common random numbers (the variant may be the baseline with --vary changes); write both reports and the paired differences',
    builder: (y) =>
      simOptions(y)
        .options(COMPARE_OPTIONS)
        .positional('baseline', { type: 'string', demandOption: true })
        .positional('variant', { type: 'string' }),
    handler: async (a) => {
      const { base, variant, investmentOnly } = loadCompared(a.baseline, a.variant, a.set, a.vary);
      for (const l of [base, variant]) printWarnings(io, l);
      if (base.scenario.name === variant.scenario.name) {
        throw new UsageError(`compare: both scenarios are named '${base.scenario.name}'; expected different names (each names its report folder)`);
      }
      if (investmentOnly && base.scenario.name === investmentOnly.scenario.name) {
        throw new UsageError(`compare: the baseline is named '${base.scenario.name}', as the variant's investment-only scenario is; expected different names (each names its report folder)`);
      }
      const settings = studySettings(base, a, path.join('reports', `${base.scenario.name}-vs-${variant.scenario.name}`));
      // the cost of both scenarios together, up front (studySettings checked the baseline's alone)
      const runs = replicationIndices(settings.replications, settings.shard).length;
      const all = investmentOnly ? [base, variant, investmentOnly] : [base, variant];
      checkStudyCost(`${base.file} and ${variant.file}: the compare`, all.map((l) => ({ scenario: l.scenario, runs })), io);
      const band = await bandOf(a, base, variant, settings, io);
      for (const w of band?.result.warnings ?? []) io.err(`metcc-sim compare --band: warning: ${w}`);
      const result = await compareStudies(base, variant, { ...settings, onProgress: undefined, extraCsv: band ? [band.table] : undefined }, investmentOnly).finally(settings.finish);
      if (settings.shard) {
        io.out(`shard ${a.shard} of ${base.scenario.name} vs ${variant.scenario.name} written to ${settings.outDir}/; combine the shards with 'metcc-sim merge'`);
        return;
      }
      printComparison(io, base.scenario.name, variant.scenario.name, result.rows, settings.replications, targetsOf(base), settings.confidence);
      if (result.parts && variant.investment) printParts(io, result.parts, variant.investment, targetsOf(base), settings.confidence);
      printTopHours(io, result.topHours, base.scenario.name, variant.scenario.name);
      warnWide(io, base.scenario.name, result.baseline.aggregate.summary());
      warnWide(io, variant.scenario.name, result.variant.aggregate.summary());
      if (band) io.out(compareBandText(band, result.rows, settings.replications, result.parts));
      const parts = investmentOnly ? `comparison_parts.csv, ` : '';
      const folders = all.map((l) => `${l.scenario.name}/`).join(', ');
      io.out(`reports written to ${settings.outDir}/ (comparison.csv, ${parts}comparison_intervals.csv, comparison_profile.csv, ${band ? 'band.csv, ' : ''}${folders})`);
    },
  };
}
