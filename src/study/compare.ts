import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { compareAggregates, type ComparisonRow } from '../metrics/comparison.js';
import type { LoadedScenario } from '../scenario/load.js';
import { StagedFiles } from '../report/StagedFiles.js';
import { fmt } from '../report/format.js';
import { runStudy, type StudyOptions, type StudyResult } from './runStudy.js';

export const COMPARISON_HEADERS = ['metric', 'contact', 'baseline', 'variant', 'difference', 'difference_ci95'] as const;

/**
 * Run a baseline and a variant on common random numbers (same seed and replication indices,
 * so every stream that a lever does not touch gives both the same draws) and write both
 * scenarios' reports, each in a folder named after it, and comparison.csv.
 */
export async function compareStudies(
  baseline: LoadedScenario,
  variant: LoadedScenario,
  options: Omit<StudyOptions, 'outDir'> & { outDir: string },
): Promise<{ rows: ComparisonRow[]; baseline: StudyResult; variant: StudyResult }> {
  mkdirSync(options.outDir, { recursive: true });
  const base = await runStudy(baseline, { ...options, outDir: path.join(options.outDir, baseline.scenario.name) });
  const vari = await runStudy(variant, { ...options, outDir: path.join(options.outDir, variant.scenario.name) });
  const rows = compareAggregates(base.aggregate, vari.aggregate);
  const staged = new StagedFiles(options.outDir);
  await staged.csv(
    'comparison.csv',
    COMPARISON_HEADERS,
    rows.map((r) => [r.metric, r.contact, fmt(r.baseline), fmt(r.variant), fmt(r.difference), fmt(r.differenceCi95)]),
  );
  staged.commit();
  return { rows, baseline: base, variant: vari };
}
