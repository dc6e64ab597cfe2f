import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { reportHtml } from '../../report/html/reportHtml.js';
import { ReportError } from '../../report/html/ReportError.js';
import { ReportSource } from '../../report/html/ReportSource.js';
import type { CompareFacts } from '../../report/html/compareReport.js';
import { StagedFiles } from '../../report/StagedFiles.js';
import { unitProblem } from '../../report/unitProblem.js';
import { outDirProblem } from '../../report/outDir.js';
import { UsageError } from '../errors.js';
import type { Io } from '../Io.js';

/** A folder's report.html, drawn from its files (a bad folder is a UsageError: exit code 1, nothing written). */
async function draw(dir: string): Promise<string> {
  try {
    return await reportHtml(ReportSource.folder(dir));
  } catch (err) {
    if (err instanceof ReportError) throw new UsageError(`report ${err.message}`);
    throw err;
  }
}

/**
 * `metcc-sim report <dir>`: draw report.html again from the reports in a folder (a run, a
 * merge, a compare with its two scenario folders, or a sweep), for example one written by an
 * older version or copied from a cluster. A folder left mid-commit by a killed run is first
 * set right (the commit finished); one whose files differ from its manifest is refused.
 * The new report.html files are committed together, as an update of the folder's unit.
 */
export function reportCommand(io: Io): CommandModule {
  return {
    command: 'report <dir>',
    describe: 'draw report.html from the reports in a folder (a run, merge, compare or sweep)',
    builder: (y: Argv) => y.positional('dir', { type: 'string', demandOption: true, describe: 'the --out folder of a run, merge, compare or sweep' }),
    handler: async (a) => {
      const dir = a.dir as string;
      if (!existsSync(dir) || !statSync(dir).isDirectory()) {
        throw new UsageError(`report ${dir}: no such folder; expected the --out folder of a run, merge, compare or sweep`);
      }
      const unwritable = outDirProblem(dir);
      if (unwritable) throw new UsageError(unwritable.replace(/^--out /, 'report '));
      const staged = new StagedFiles(dir); // finishes a commit a killed run left half-done
      for (const note of staged.recovered) io.err(`note: ${note}`);
      // every file but the pages it redraws (a stale or damaged report.html is what it is for)
      const problem = unitProblem(dir, [], (name) => name === 'report.html' || name.endsWith('/report.html'));
      if (problem) throw new UsageError(`report ${problem}; run it again to write a whole folder`);
      const compare = ReportSource.folder(dir).json<CompareFacts>('compare.json');
      const folders = compare ? [compare.baseline, compare.variant, ''] : [''];
      try {
        for (const f of folders) staged.text(path.join(f, 'report.html'), await draw(path.join(dir, f)));
        staged.commit([], { update: true });
      } catch (err) {
        staged.abort();
        throw err;
      }
      io.out(`report.html written to ${folders.map((f) => `${f === '' ? dir : path.join(dir, f)}/`).join(', ')}`);
    },
  };
}
