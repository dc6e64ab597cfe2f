import path from 'node:path';
import type { Aggregate } from '../metrics/Aggregate.js';
import type { StagedFiles } from '../report/StagedFiles.js';
import {
  gradingTable,
  handlersTable,
  intervalsTable,
  peelTable,
  replicationsTable,
  staffingTable,
  summaryTable,
  triageTable,
  waitsTable,
  type Table,
} from '../report/reports.js';
import type { LoadedScenario } from '../scenario/load.js';
import { reportShape } from '../simulate.js';
import { programVersion } from '../version.js';
import { reportHtml } from '../report/html/reportHtml.js';
import { ReportSource } from '../report/html/ReportSource.js';
import { costingJson } from '../investment/costingReport.js';

/** A file path as reports show it: with `/` on every platform. */
export function portablePath(file: string): string {
  return file.split(path.sep).join('/');
}

/**
 * Stage the aggregate's reports and run.json into `folder` (relative to the staged folder;
 * '' for its top): summary.csv, handlers.csv, replications.csv, intervals.csv, peel.csv,
 * staffing.csv and, with grades, triage.csv and grading.csv. Returns the file names.
 */
export async function writeReports(
  staged: StagedFiles,
  loaded: LoadedScenario,
  aggregate: Aggregate,
  options: { seed: number; replications: number; commandLine?: readonly string[] },
  wallSeconds: number,
  folder = '',
): Promise<string[]> {
  const { scenario } = loaded;
  const name = scenario.name;
  const frame = reportShape(scenario).frame;
  const tables: Table[] = [
    summaryTable(name, aggregate),
    handlersTable(name, aggregate),
    replicationsTable(name, aggregate),
    intervalsTable(name, aggregate, frame),
    peelTable(name, aggregate, frame),
    staffingTable(name, aggregate),
    waitsTable(name, aggregate),
  ];
  if (aggregate.triage.some((n) => n > 0)) tables.push(triageTable(name, aggregate), gradingTable(name, aggregate));
  for (const t of tables) await staged.csv(path.join(folder, t.name), t.headers, t.rows);
  const modelEvents = aggregate.events.arrivals + aggregate.events.answers + aggregate.events.serviceEnds + aggregate.events.abandonments;
  const runJson = {
    program: 'metcc-sim',
    version: programVersion(),
    scenario_file: portablePath(loaded.file),
    scenario_sha256: loaded.sha256,
    scenario_files: loaded.sources,
    seed: options.seed,
    replications: options.replications,
    events: { model: modelEvents, ...aggregate.events, calendar: aggregate.calendarEvents },
    scenario,
    // with an investment: its costing and what each lever and other change set (README, "The investment")
    ...(loaded.investment ? { investment: costingJson(loaded.investment) } : {}),
    timing: {
      wall_seconds: Number(wallSeconds.toFixed(3)),
      model_events_per_second: Math.round(modelEvents / Math.max(wallSeconds, 1e-9)),
      // about this execution, not the study: like the wall time, they may differ between runs of the same study
      command_line: options.commandLine ?? [path.basename(process.argv[1] ?? 'node'), ...process.argv.slice(2)],
      node_version: process.version,
    },
  };
  staged.text(path.join(folder, 'run.json'), JSON.stringify(runJson, null, 2) + '\n');
  staged.text(path.join(folder, 'report.html'), await reportHtml(ReportSource.of(path.join(staged.dir, folder), tables, { 'run.json': runJson })));
  return [...tables.map((t) => t.name), 'run.json', 'report.html'];
}
