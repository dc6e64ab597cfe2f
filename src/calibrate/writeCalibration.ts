import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fmt } from '../report/format.js';
import { StagedFiles } from '../report/StagedFiles.js';
import { loadScenario } from '../scenario/load.js';
import { portablePath } from '../study/writeReports.js';
import { programVersion } from '../version.js';
import { calibratedText, resolvedText } from './calibratedYaml.js';
import { JACOBIAN_STEP, type CalibrationResult } from './runCalibration.js';

/** Every file calibrate writes (a folder reused for another calibration never mixes two). */
export const CALIBRATION_FILES = ['calibration.csv', 'knobs.csv', 'evaluations.csv', 'run.json', 'calibrated.yaml'] as const;

/**
 * Write a calibration's reports into `outDir` as one unit (staged, then moved into place
 * together): calibration.csv (each target: published, simulated, residual, whether fitted),
 * knobs.csv (each knob's fitted value and uncertainty), evaluations.csv (every simulated
 * point), run.json (provenance) and calibrated.yaml (the scenario with the knobs set, which
 * runs as it is). calibrated.yaml is checked by loading it before anything is committed: if
 * the file cannot be edited in place to give exactly the calibrated scenario, the whole
 * resolved scenario is written instead.
 */
export async function writeCalibration(r: CalibrationResult, outDir: string, targetsFile: string, timing: { wallSeconds: number; commandLine?: readonly string[] }): Promise<string[]> {
  const staged = new StagedFiles(outDir);
  try {
    await staged.csv(
      'calibration.csv',
      ['period', 'contact', 'metric', 'published', 'simulated', 'simulated_ci95', 'prediction_ci95', 'residual', 'scale', 'standardised_residual', 'weight', 'used_in_fit', 'source', 'note'],
      r.targets.map((t, i) => {
        const sim = r.best.values[i];
        return [t.period, t.contact, t.metric.name, fmt(t.value), fmt(sim), fmt(r.simulatedCi95[i]), fmt(r.predictionCi95[i]), fmt(sim - t.value), fmt(t.scale), fmt((sim - t.value) / t.scale), fmt(t.weight), t.weight > 0 ? 'yes' : 'no', t.source, t.note];
      }),
    );
    await staged.csv(
      'knobs.csv',
      ['knob', 'value', 'ci95', 'se_simulation', 'se_fit', 'low', 'high', 'start', 'whole_number', 'declared_in', 'at_bound', 'source'],
      r.knobs.map((k, j) => {
        const u = r.uncertainty[j];
        const v = r.best.knobs[j];
        return [k.path, fmt(v, 6), fmt(u.ci95, 6), fmt(u.seSimulation, 6), fmt(u.seFit, 6), fmt(k.low, 6), fmt(k.high, 6), fmt(k.start, 6), k.integer ? 'yes' : 'no', k.from, v === k.low ? 'low' : v === k.high ? 'high' : '', k.source ?? ''];
      }),
    );
    const objectiveOf = (values: number[]) => r.targets.reduce((s, t, i) => (t.weight > 0 ? s + t.weight * ((values[i] - t.value) / t.scale) ** 2 : s), 0);
    await staged.csv(
      'evaluations.csv',
      ['evaluation', 'phase', ...r.knobs.map((k) => k.path), 'objective', ...r.targets.map((t) => `line${t.line}_${t.contact}_${t.metric.name}`)],
      r.history.map((e) => [String(e.index), e.phase, ...e.knobs.map((v) => fmt(v, 6)), fmt(objectiveOf(e.values), 6), ...e.values.map((v) => fmt(v))]),
    );
    const header = [
      ` Calibrated by metcc-sim calibrate ${programVersion()} from ${portablePath(r.loaded.file)} against ${portablePath(targetsFile)}`,
      ` (seed ${r.seed}, ${r.replications} replications; see calibration.csv and knobs.csv beside this file):`,
      ...r.knobs.map((k, j) => `   ${k.path}: ${fmt(r.best.knobs[j], 6)}${r.uncertainty[j].ci95 === null ? '' : ` ± ${fmt(r.uncertainty[j].ci95, 4)} (95%)`}`),
    ].join('\n');
    writeFileSync(path.join(staged.scratch('check'), 'calibrated.yaml'), calibratedText(r.loaded.file, r.bestOverrides, staged.scratch('check'), header));
    const edited = sameScenario(path.join(staged.scratch('check'), 'calibrated.yaml'), r.bestScenario);
    staged.text('calibrated.yaml', edited ? calibratedText(r.loaded.file, r.bestOverrides, outDir, header) : resolvedText(r.bestScenario, header));
    const runJson = {
      program: 'metcc-sim',
      version: programVersion(),
      command: 'calibrate',
      scenario_file: portablePath(r.loaded.file),
      scenario_sha256: r.loaded.sha256,
      scenario_files: r.loaded.sources,
      targets_file: portablePath(targetsFile),
      targets_sha256: createHash('sha256').update(readFileSync(targetsFile)).digest('hex'),
      seed: r.seed,
      replications: r.replications,
      method: {
        objective: 'sum over fitted targets (weight > 0) of weight x ((simulated - published) / scale)^2; scale: the targets file\'s scale column, else the published value',
        random_numbers: 'common: the same seed and replications at every evaluation',
        search: 'Nelder-Mead (coefficients 1, 2, 1/2, 1/2) in the box of the knobs\' bounds scaled to [0, 1], trial points clamped to it; whole-number knobs rounded; one restart',
        max_evaluations: r.maxEvaluations,
        jacobian: `central differences at the optimum, step ${JACOBIAN_STEP} of each knob's range (at least 1 for a whole-number knob; one-sided at a bound)`,
        uncertainty: 'delta method: simulation part A S A^T with A = (J^T D J)^-1 J^T D, S the replications\' covariance of the figures; fit part s^2 (J^T D J)^-1 with s^2 = objective / (fitted targets - knobs); rounding 1/12 for whole-number knobs; ci95 = 1.96 x sqrt(sum)',
      },
      knobs: r.knobs.map((k, j) => ({ path: k.path, ...(k.also.length > 0 ? { also: k.also } : {}), low: k.low, high: k.high, start: k.start, whole_number: k.integer, declared_in: k.from, value: r.best.knobs[j] })),
      search: {
        converged: r.search.converged,
        reason: r.search.reason,
        evaluations: r.history.length,
        iterations: r.search.iterations,
        objective_start: Number(fmt(r.objectiveStart, 6)),
        objective_best: Number(fmt(r.objectiveBest, 6)),
      },
      calibrated_file: edited ? 'the scenario file with --set and the knobs written in' : 'the resolved scenario (the file could not be edited in place to give it)',
      warnings: r.warnings,
      calibrated_scenario: r.bestScenario,
      timing: {
        wall_seconds: Number(timing.wallSeconds.toFixed(3)),
        command_line: timing.commandLine ?? [path.basename(process.argv[1] ?? 'node'), ...process.argv.slice(2)],
        node_version: process.version,
      },
    };
    staged.text('run.json', JSON.stringify(runJson, null, 2) + '\n');
    staged.commit(CALIBRATION_FILES);
    return [...CALIBRATION_FILES];
  } catch (err) {
    staged.abort();
    throw err;
  }
}

/** Whether a scenario file loads to exactly this scenario. */
function sameScenario(file: string, scenario: object): boolean {
  try {
    return canonical(loadScenario(file).scenario) === canonical(scenario);
  } catch {
    return false;
  }
}

/** JSON with object keys sorted (key order differs between an edited file and overrides). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
