import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Aggregate } from '../metrics/Aggregate.js';
import { compareAggregates, type ComparisonRow } from '../metrics/comparison.js';
import { compareParts, type PartRow } from '../metrics/comparisonParts.js';
import type { LoadedScenario } from '../scenario/load.js';
import { StagedFiles } from '../report/StagedFiles.js';
import { childFolder } from '../report/childFolder.js';
import { fmt } from '../report/format.js';
import { atLevel } from '../report/reports.js';
import { MergeError } from './MergeError.js';
import { stageMerge } from './mergeShards.js';
import { stageStudy, type StagedStudy, type StudyOptions, type StudyResult } from './runStudy.js';
import { readShardMarker, readShards, replicationIndices } from './shardFile.js';
import { comparisonHoursTable, HourOfDayTally } from './hourOfDay.js';
import { reportShape } from '../simulate.js';
import type { Table } from '../report/reports.js';
import { reportHtml } from '../report/html/reportHtml.js';
import { ReportSource } from '../report/html/ReportSource.js';
import { JobTracker, simulatedSeconds, type JobProgress } from './jobProgress.js';
import type { Progress } from './pool.js';
import type { ReplicationResult } from '../metrics/ReplicationResult.js';
import type { Scenario } from '../scenario/load.js';
import {
  COMPARISON_INTERVALS_FILE, COMPARISON_PROFILE_FILE, comparisonIntervalsTable, comparisonProfile, comparisonProfileTable, hoursThatMatterMost, type ProfileRow,
} from './comparisonIntervals.js';

export const COMPARISON_HEADERS = ['metric', 'contact', 'baseline', 'variant', 'difference', 'difference_ci95', 'baseline_ci95', 'variant_ci95'] as const;
/** comparison_parts.csv: a compare whose variant has an investment, split into what the levers did and what the other changes did. */
export const PARTS_FILE = 'comparison_parts.csv';
export const PARTS_HEADERS = ['metric', 'contact', 'part', 'difference', 'difference_ci95'] as const;
/** Marks the --out folder of `compare --shard i/n`: which two scenario folders it holds. */
export const COMPARE_SHARD_FILE = 'compare-shard.json';
/** Names the baseline's and the variant's folders (for report.html and `metcc-sim report`). */
export const COMPARE_FILE = 'compare.json';
const COMPARE_FILES = ['comparison.csv', 'comparison_hours.csv', COMPARISON_INTERVALS_FILE, COMPARISON_PROFILE_FILE, COMPARE_FILE, 'report.html', COMPARE_SHARD_FILE, PARTS_FILE];

interface CompareShardMarker {
  format: 'metcc-sim-compare-shard/1';
  baseline: string;
  variant: string;
  /** The folder of the variant's levers alone, when the variant has an investment. */
  investment_only?: string;
  shard: { index: number; count: number };
}

/**
 * Run a baseline and a variant on common random numbers (same seed and replication indices,
 * so every stream that a lever does not touch gives both the same draws) and write both
 * scenarios' reports, each in a folder named after it, and comparison.csv. With a shard, each
 * folder gets that shard's shard.json instead, for `merge`.
 * Both folders and comparison.csv are one unit: staged together and moved into place only
 * when both scenarios have run, so a failure half-way writes and overwrites nothing.
 * With `investmentOnly` (the variant's levers without its other_changes), a third scenario
 * runs on the same numbers into its own folder, and comparison_parts.csv splits the effect.
 */
export async function compareStudies(
  baseline: LoadedScenario,
  variant: LoadedScenario,
  options: StudyOptions & { onJobProgress?: (p: JobProgress) => void; extraCsv?: readonly Table[] },
  investmentOnly?: LoadedScenario,
): Promise<{ rows: ComparisonRow[]; baseline: StudyResult; variant: StudyResult; topHours: ProfileRow[]; parts?: PartRow[]; investmentOnly?: StudyResult }> {
  // the scenario names become sub-folders: each must lie inside --out
  childFolder(options.outDir, baseline.scenario.name, "the baseline's scenario name");
  childFolder(options.outDir, variant.scenario.name, "the variant's scenario name");
  if (investmentOnly) childFolder(options.outDir, investmentOnly.scenario.name, "the variant's investment-only name");
  // one progress over both scenarios' replications, naming the one running
  const count = replicationIndices(options.replications, options.shard).length;
  const job = new JobTracker((investmentOnly ? 3 : 2) * count, options.onJobProgress);
  const batch = (l: LoadedScenario, before: number, role: string) => {
    const whole = job.batch(before, () => `${role} ${l.scenario.name}`, () => simulatedSeconds(l.scenario));
    const own = options.onProgress; // a caller's own view of each batch, if any
    return whole && own ? (p: Progress) => (own(p), whole(p)) : (whole ?? own);
  };
  const staged = new StagedFiles(options.outDir);
  try {
    const hours = [baseline, variant].map((l) => new HourOfDayTally(reportShape(l.scenario)));
    const kept: [ReplicationResult[], ReplicationResult[]] = [[], []];
    const role = ['baseline', 'variant', 'investment only'];
    const study = (l: LoadedScenario, i: number) =>
      stageStudy(
        l,
        { ...options, onProgress: batch(l, i * count, role[i]), onResult: (r) => (i < 2 ? (hours[i].add(r), kept[i].push(r)) : undefined) },
        staged,
        l.scenario.name,
      );
    const base = await study(baseline, 0);
    const vari = await study(variant, 1);
    const only = investmentOnly ? await study(investmentOnly, 2) : undefined;
    let parts: PartRow[] | undefined;
    let rows: ComparisonRow[] = [];
    let topHours: ProfileRow[] = [];
    if (options.shard) {
      const marker: CompareShardMarker = {
        format: 'metcc-sim-compare-shard/1',
        baseline: baseline.scenario.name,
        variant: variant.scenario.name,
        ...(investmentOnly ? { investment_only: investmentOnly.scenario.name } : {}),
        shard: options.shard,
      };
      staged.text(COMPARE_SHARD_FILE, JSON.stringify(marker, null, 2) + '\n');
    } else {
      ({ rows, topHours, parts } = await writeComparison(staged, base.aggregate, vari.aggregate, hours, [baseline.scenario, variant.scenario], kept, only && investmentOnly ? { aggregate: only.aggregate, name: investmentOnly.scenario.name } : undefined));
      // tables made beside the comparison (compare --band's band.csv), in the same unit
      for (const t of options.extraCsv ?? []) await staged.csv(t.name, t.headers, t.rows);
    }
    staged.commit([...COMPARE_FILES, ...base.replacing, ...vari.replacing, ...(only?.replacing ?? [])]);
    return { rows, baseline: withoutReplacing(base), variant: withoutReplacing(vari), topHours, ...(parts ? { parts } : {}), ...(only ? { investmentOnly: withoutReplacing(only) } : {}) };
  } catch (err) {
    staged.abort();
    throw err;
  }
}

function withoutReplacing({ replacing: _replacing, ...result }: StagedStudy): StudyResult {
  return result;
}

/**
 * comparison.csv, comparison_hours.csv, comparison_intervals.csv, comparison_profile.csv,
 * compare.json and the compare's report.html, drawn from these and from both scenario folders'
 * files as staged (all are committed together).
 */
async function writeComparison(
  staged: StagedFiles,
  base: Aggregate,
  variant: Aggregate,
  hours: HourOfDayTally[],
  scenarios: [Scenario, Scenario],
  results: [ReplicationResult[], ReplicationResult[]],
  investmentOnly?: { aggregate: Aggregate; name: string },
): Promise<{ rows: ComparisonRow[]; topHours: ProfileRow[]; parts?: PartRow[] }> {
  const names = [scenarios[0].name, scenarios[1].name];
  const rows = compareAggregates(base, variant);
  const table: Table = {
    name: 'comparison.csv',
    headers: atLevel(COMPARISON_HEADERS, base.confidence),
    rows: rows.map((r) => [r.metric, r.contact, fmt(r.baseline), fmt(r.variant), fmt(r.difference), fmt(r.differenceCi95), fmt(r.baselineCi95), fmt(r.variantCi95)]),
  };
  const byHour = comparisonHoursTable(hours[0], hours[1]);
  const facts = { format: 'metcc-sim-compare/1', baseline: names[0], variant: names[1], ...(investmentOnly ? { investment_only: investmentOnly.name } : {}) };
  const tables = [table, byHour];
  const parts = investmentOnly ? compareParts(base, investmentOnly.aggregate, variant) : undefined;
  if (parts) {
    tables.push({ name: PARTS_FILE, headers: atLevel(PARTS_HEADERS, base.confidence), rows: parts.map((r) => [r.metric, r.contact, r.part, fmt(r.difference), fmt(r.differenceCi95)]) });
  }
  for (const t of tables) await staged.csv(t.name, t.headers, t.rows);
  staged.text(COMPARE_FILE, JSON.stringify(facts, null, 2) + '\n');
  staged.text('report.html', await reportHtml(ReportSource.of(staged.dir, tables, { [COMPARE_FILE]: facts }, staged)));
  // the effect per interval and per hour of the week, paired over replications
  const [b, v] = scenarios.map((scenario, i) => ({ scenario, results: results[i] }));
  const profile = comparisonProfile(b, v, base.confidence);
  for (const t of [comparisonIntervalsTable(b, v, base.confidence), comparisonProfileTable(profile, base.confidence)]) await staged.csv(t.name, t.headers, t.rows);
  return { rows, topHours: hoursThatMatterMost(profile), ...(parts ? { parts } : {}) };
}

/** True if the folder is the output of `compare --shard`. */
export function isCompareShard(dir: string): boolean {
  return existsSync(path.join(dir, COMPARE_SHARD_FILE));
}

/**
 * `merge` of `compare --shard` outputs: each scenario's shards merged into its own folder, and
 * comparison.csv from the two, as an unsharded compare would have written them (one unit, as
 * `compareStudies` commits it).
 */
export async function mergeCompareShards(
  dirs: readonly string[],
  outDir?: string,
  commandLine?: readonly string[],
  confidence = 0.95,
): Promise<{ outDir: string; rows: ComparisonRow[]; baseline: StudyResult; variant: StudyResult; names: [string, string]; topHours: ProfileRow[]; parts?: PartRow[]; investment?: LoadedScenario['investment'] }> {
  const markers = dirs.map((d) => {
    const file = path.join(d, COMPARE_SHARD_FILE);
    if (!existsSync(file)) throw new MergeError(`${d}: no ${COMPARE_SHARD_FILE}; expected the --out folders of one compare --shard study`);
    return readShardMarker(file) as CompareShardMarker;
  });
  markers.forEach((m, i) => {
    if (typeof m.baseline !== 'string' || typeof m.variant !== 'string') throw new MergeError(`${dirs[i]}: ${COMPARE_SHARD_FILE} is not a compare shard marker (expected baseline and variant)`);
  });
  const { baseline, variant, investment_only: onlyName } = markers[0];
  markers.forEach((m, i) => {
    if (m.baseline !== baseline || m.variant !== variant) throw new MergeError(`${dirs[i]}: compares ${m.baseline} with ${m.variant}, not ${baseline} with ${variant}`);
    if (m.investment_only !== onlyName) throw new MergeError(`${dirs[i]}: ${m.investment_only === undefined ? 'has no' : `has the`} investment-only scenario${m.investment_only === undefined ? '' : ` ${m.investment_only}`}, unlike ${dirs[0]}; expected the shards of one compare`);
  });
  if (onlyName !== undefined && typeof onlyName !== 'string') throw new MergeError(`${dirs[0]}/${COMPARE_SHARD_FILE}: investment_only is not a scenario name`);
  const out = outDir ?? childFolder('reports', `${baseline}-vs-${variant}`, `${dirs[0]}/${COMPARE_SHARD_FILE}: the scenario names`);
  // names from the markers become sub-folders of the shards and of --out: each must lie inside them
  for (const name of [baseline, variant, ...(onlyName ? [onlyName] : [])]) childFolder(out, name, `${dirs[0]}/${COMPARE_SHARD_FILE}: the scenario name`);
  if (baseline === variant) throw new MergeError(`${dirs[0]}/${COMPARE_SHARD_FILE}: baseline and variant are both '${baseline}'; expected two scenarios`);
  const inputs = (name: string) => dirs.map((d) => childFolder(d, name, `${d}/${COMPARE_SHARD_FILE}: the scenario name`));
  const staged = new StagedFiles(out);
  try {
    const base = await stageMerge(inputs(baseline), staged, baseline, commandLine, confidence);
    const vari = await stageMerge(inputs(variant), staged, variant, commandLine, confidence);
    const only = onlyName ? await stageMerge(inputs(onlyName), staged, onlyName, commandLine, confidence) : undefined;
    const read = [baseline, variant].map((name) => readShards(inputs(name)));
    const hours = read.map(({ shards, results }) => {
      const tally = new HourOfDayTally(reportShape(shards[0].scenario));
      for (const r of results) tally.add(r);
      return tally;
    });
    const scenarios = read.map((r) => r.shards[0].scenario) as [Scenario, Scenario];
    const { rows, topHours, parts } = await writeComparison(staged, base.aggregate, vari.aggregate, hours, scenarios, [read[0].results, read[1].results], only && onlyName ? { aggregate: only.aggregate, name: onlyName } : undefined);
    const investment = read[1].shards[0].investment;
    staged.commit([...COMPARE_FILES, ...base.replacing, ...vari.replacing, ...(only?.replacing ?? [])]);
    return { outDir: out, rows, baseline: withoutReplacing(base), variant: withoutReplacing(vari), names: [baseline, variant], topHours, ...(parts ? { parts } : {}), ...(investment ? { investment } : {}) };
  } catch (err) {
    staged.abort();
    throw err;
  }
}
