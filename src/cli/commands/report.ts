import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { reportHtml } from '../../report/html/reportHtml.js';
import { ReportError } from '../../report/html/ReportError.js';
import { ReportSource } from '../../report/html/ReportSource.js';
import type { CompareFacts } from '../../report/html/compareReport.js';
import { StagedFiles } from '../../report/StagedFiles.js';
import { UsageError } from '../errors.js';
import type { Io } from '../Io.js';

/** Draw a folder's report.html from its files (a bad folder is a UsageError: exit code 1, nothing written). */
async function draw(dir: string): Promise<void> {
  let html: string;
  try {
    html = await reportHtml(ReportSource.folder(dir));
  } catch (err) {
    if (err instanceof ReportError) throw new UsageError(`report ${err.message}`);
    throw err;
  }
  const staged = new StagedFiles(dir);
  staged.text('report.html', html);
  staged.commit();
}

/**
 * `metcc-sim report <dir>`: draw report.html again from the reports in a folder (a run, a
 * merge, a compare with its two scenario folders, or a sweep), for example one written by an
 * older version or copied from a cluster.
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
      const compare = ReportSource.folder(dir).json<CompareFacts>('compare.json');
      const folders = compare ? [path.join(dir, compare.baseline), path.join(dir, compare.variant), dir] : [dir];
      for (const f of folders) await draw(f);
      io.out(`report.html written to ${folders.map((f) => `${f}/`).join(', ')}`);
    },
  };
}
