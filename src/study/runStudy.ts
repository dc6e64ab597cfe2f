import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Aggregate } from '../metrics/Aggregate.js';
import type { LoadedScenario } from '../scenario/load.js';
import { reportShape, runReplication } from '../simulate.js';
import { StagedFiles, endCsv, type CsvStream } from '../report/StagedFiles.js';
import {
  CALLS_HEADERS,
  callRow,
  handlersTable,
  intervalsTable,
  peelTable,
  replicationsTable,
  summaryTable,
  staffingTable,
  triageTable,
  gradingTable,
  type Table,
} from '../report/reports.js';
import { programVersion } from '../version.js';

export interface StudyOptions {
  seed: number;
  replications: number;
  /** Folder the reports go to (created if missing). */
  outDir: string;
  /** Also write calls.csv. */
  calls: boolean;
}

export interface StudyResult {
  aggregate: Aggregate;
  wallSeconds: number;
  files: string[];
}

/** The replications a study runs (all of them, or one shard's). */
export function replicationIndices(replications: number): number[] {
  return Array.from({ length: replications }, (_, k) => k);
}

/**
 * Run every replication of a scenario and write its reports into `outDir`: summary.csv,
 * handlers.csv, replications.csv, intervals.csv, peel.csv, run.json and, with `calls`,
 * calls.csv streamed as the calls end. Files are staged and renamed only when all are complete.
 */
export async function runStudy(loaded: LoadedScenario, options: StudyOptions): Promise<StudyResult> {
  const started = process.hrtime.bigint();
  const { scenario } = loaded;
  const shape = reportShape(scenario);
  const aggregate = new Aggregate(shape);
  mkdirSync(options.outDir, { recursive: true });
  const staged = new StagedFiles(options.outDir);
  try {
    let callsCsv: CsvStream | undefined;
    if (options.calls) callsCsv = staged.csvStream(staged.stage('calls.csv'), CALLS_HEADERS);
    let blocked: Promise<void> | undefined;
    for (const replication of replicationIndices(options.replications)) {
      const result = await runReplication(scenario, shape, {
        seed: options.seed,
        replication,
        onCall: callsCsv
          ? (c) => {
              if (!callsCsv!.write(callRow(c, shape.grades, shape.levels)) && !blocked) {
                blocked = new Promise<void>((resolve) => callsCsv!.once('drain', () => { blocked = undefined; resolve(); }));
              }
            }
          : undefined,
        pause: callsCsv ? () => blocked : undefined,
      });
      aggregate.add(result);
    }
    if (callsCsv) await endCsv(callsCsv);
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const files = await writeReports(staged, loaded, aggregate, options, wallSeconds);
    staged.commit();
    return { aggregate, wallSeconds, files: options.calls ? [...files, 'calls.csv'] : files };
  } catch (err) {
    staged.abort();
    throw err;
  }
}

/** Write the aggregate's reports and run.json into the staged folder. */
export async function writeReports(
  staged: StagedFiles,
  loaded: LoadedScenario,
  aggregate: Aggregate,
  options: Pick<StudyOptions, 'seed' | 'replications'>,
  wallSeconds: number,
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
  ];
  if (aggregate.triage.some((n) => n > 0)) tables.push(triageTable(name, aggregate), gradingTable(name, aggregate));
  for (const t of tables) await staged.csv(t.name, t.headers, t.rows);
  const modelEvents = aggregate.events.arrivals + aggregate.events.answers + aggregate.events.serviceEnds + aggregate.events.abandonments;
  const runJson = {
    program: 'metcc-sim',
    version: programVersion(),
    scenario_file: loaded.file.split(path.sep).join('/'),
    scenario_sha256: loaded.sha256,
    seed: options.seed,
    replications: options.replications,
    events: { model: modelEvents, ...aggregate.events, calendar: aggregate.calendarEvents },
    scenario,
    timing: {
      wall_seconds: Number(wallSeconds.toFixed(3)),
      model_events_per_second: Math.round(modelEvents / Math.max(wallSeconds, 1e-9)),
    },
  };
  staged.text('run.json', JSON.stringify(runJson, null, 2) + '\n');
  return [...tables.map((t) => t.name), 'run.json'];
}
