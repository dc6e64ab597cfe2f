import path from 'node:path';
import type { CommandModule } from 'yargs';
import { printParts } from '../printParts.js';
import { outDirProblem } from '../../report/outDir.js';
import { childFolder } from '../../report/childFolder.js';
import { isCompareShard, mergeCompareShards } from '../../study/compare.js';
import { mergeShards } from '../../study/mergeShards.js';
import { readShards } from '../../study/shardFile.js';
import { isSweepShard, mergeSweepShards } from '../../study/sweep.js';
import { UsageError } from '../errors.js';
import type { Io } from '../Io.js';
import { MERGE_OPTIONS } from '../options.js';
import { printComparison, printSummary } from '../print.js';
import { printTopHours } from '../printHours.js';
import { parseConfidence } from '../intervalOptions.js';

/** `metcc-sim merge <dirs..>`: the shards of a run, compare or sweep combined into the reports of one. */
export function mergeCommand(io: Io): CommandModule<object, { dirs: string[]; out?: string; commandLine?: string[]; confidence?: number }> {
  return {
    command: 'merge <dirs..>',
    describe: 'combine the outputs of shards (run, compare or sweep --shard i/n) into the reports of one run',
    builder: (y) => y.positional('dirs', { type: 'string', array: true, demandOption: true }).options(MERGE_OPTIONS),
    handler: async (a) => {
      const { dirs, out } = a;
      const confidence = parseConfidence(a.confidence);
      const problem = out === undefined ? null : outDirProblem(out, dirs);
      if (problem) throw new UsageError(problem);
      if (isCompareShard(dirs[0])) {
        const r = await mergeCompareShards(dirs, out, a.commandLine, confidence);
        const targets = new Map(r.baseline.aggregate.shape.contacts.map((c) => [c.name, c.targetSeconds]));
        printComparison(io, r.names[0], r.names[1], r.rows, r.baseline.aggregate.count, targets, confidence);
        if (r.parts && r.investment) printParts(io, r.parts, r.investment, targets, confidence);
        printTopHours(io, r.topHours, r.names[0], r.names[1]);
        io.out(`merged ${dirs.length} compare shards into ${r.outDir}/ (comparison.csv, ${r.parts ? 'comparison_parts.csv, ' : ''}${r.names[0]}/, ${r.names[1]}/${r.parts ? `, ${r.names[1]}-investment-only/` : ''})`);
      } else if (isSweepShard(dirs[0])) {
        const r = await mergeSweepShards(dirs, out, confidence);
        io.out(`merged ${dirs.length} sweep shards: sweep.csv written to ${r.outDir}/ (${r.rows.length} rows)`);
      } else {
        const name = readShards(dirs).shards[0].scenario.name;
        const outDir = out ?? childFolder('reports', name, `${dirs[0]}/shard.json: the scenario name`);
        const defaultProblem = outDirProblem(outDir, dirs);
        if (defaultProblem) throw new UsageError(defaultProblem);
        const result = await mergeShards(dirs, outDir, a.commandLine, confidence);
        printSummary(io, name, result.aggregate.summary(), result.aggregate.count, confidence);
        io.out(`merged ${dirs.length} shards into ${outDir}/ (${result.files.join(', ')})`);
      }
    },
  };
}
