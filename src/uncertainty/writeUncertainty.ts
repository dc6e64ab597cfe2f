import { fmt } from '../report/format.js';
import { htmlPage } from '../report/html/page.js';
import { StagedFiles } from '../report/StagedFiles.js';
import { portablePath } from '../study/writeReports.js';
import { programVersion } from '../version.js';
import { BAND_HEADERS, bandCsvRows, bandRows } from './band.js';
import { refitMethod } from './refitMethod.js';
import type { StudyPoint, UncertaintyResult } from './runUncertainty.js';
import { tornadoCharts } from './tornadoChart.js';

/** Every file `uncertainty` writes (a folder reused for another study never mixes two). */
export const UNCERTAINTY_FILES = ['tornado.csv', 'band.csv', 'samples.csv', 'uncertainty.json', 'report.html'] as const;

/** The columns every point shares: knobs after the re-fit, the targets before and after, the outputs. */
function pointColumns(r: UncertaintyResult): { headers: string[]; cells: (p: StudyPoint) => string[] } {
  const knobs = r.refit?.knobs.map((k) => `refit_${k.path}`) ?? [];
  const labels = r.refit?.targetLabels() ?? [];
  const headers = [
    ...knobs,
    ...(r.refit ? ['refit_objective'] : []),
    ...labels.flatMap((l) => [`${l}_moved`, `${l}_after_refit`]),
    ...r.outputs.flatMap((o) => [`baseline_${o.id}`, `variant_${o.id}`, `effect_${o.id}`]),
  ];
  const central = r.central.targetsAfter;
  const cells = (p: StudyPoint) => [
    ...p.knobs.map((v) => fmt(v, 6)),
    ...(r.refit ? [fmt(p.objectiveAfter, 6)] : []),
    ...labels.flatMap((_, t) => [fmt(p.targetsBefore[t] - central[t]), fmt(p.targetsAfter[t] - central[t])]),
    ...r.outputs.flatMap((_, k) => [fmt(p.baseline[k]), fmt(p.variant[k]), fmt(p.effect[k])]),
  ];
  return { headers, cells };
}

/**
 * Write the study's reports into `outDir` as one unit: tornado.csv (each assumption at its low
 * and high end, largest swing first), band.csv (median, 80% and 95% bands), samples.csv (every
 * Latin-hypercube point), uncertainty.json (the method, the ranges, the Jacobian, the bands, the
 * structural alternatives) and report.html (the band and the tornado charts). No timing is
 * recorded: the same inputs and seed give the same bytes.
 */
export async function writeUncertainty(r: UncertaintyResult, outDir: string): Promise<void> {
  const staged = new StagedFiles(outDir);
  try {
    const cols = pointColumns(r);
    const swingHeaders = r.outputs.map((o) => `swing_${o.id}`);
    await staged.csv(
      'tornado.csv',
      ['assumption', 'end', 'value', ...swingHeaders, ...cols.headers, 'source'],
      r.tornado.flatMap((t) =>
        (['low', 'high'] as const).map((end) => [t.assumption.name, end, fmt(t.assumption[end], 6), ...t.swing.map((s) => fmt(s)), ...cols.cells(t[end]), t.assumption.source]),
      ),
    );
    const band = bandRows(r);
    await staged.csv('band.csv', BAND_HEADERS, bandCsvRows(band));
    await staged.csv(
      'samples.csv',
      ['sample', ...r.assumptions.map((a) => a.name), ...cols.headers],
      r.samples.map((p, i) => [String(i + 1), ...p.values.map((v) => fmt(v, 6)), ...cols.cells(p)]),
    );
    const json = {
      format: 'metcc-sim-uncertainty/1',
      program: 'metcc-sim',
      version: programVersion(),
      baseline: { name: r.baseline.scenario.name, file: portablePath(r.baseline.file), sha256: r.baseline.sha256 },
      variant: { name: r.variant.scenario.name, file: portablePath(r.variant.file), sha256: r.variant.sha256 },
      seed: r.seed,
      replications: r.replications,
      samples: r.samples.length,
      simulated_points: r.simulatedPoints,
      method: {
        random_numbers: 'common: the same seed and replication indices at every point, in both scenarios',
        tornado: 'one at a time: each assumption at its low and high end, the others at their central values',
        monte_carlo: 'Latin hypercube over every assumption together (one point in each of N equal-probability strata of every range), seeded',
        refit: r.refit ? refitMethod(r.refitSteps) : 'none (no --targets)',
        band: 'median, 80% (10th-90th percentile) and 95% (2.5th-97.5th) of the samples, R type 7 quantiles',
        figures: 'pooled over the whole counted period and the replications (sum of numerators / sum of denominators)',
      },
      assumptions: r.assumptions.map((a) => ({
        name: a.name, paths: a.paths, as: a.as, low: a.low, central: a.central, high: a.high, distribution: a.distribution, applies_to: a.appliesTo, source: a.source, declared_in: portablePath(a.declaredIn),
      })),
      calibration: r.refit
        ? {
            knobs: r.refit.knobs.map((k, j) => ({ path: k.path, calibrated: r.refit!.theta0[j], low: k.low, high: k.high })),
            targets: r.refit.targets.map((t, i) => ({ label: r.refit!.targetLabels()[i], published: t.value, weight: t.weight, scale: t.scale, central: r.central.targetsAfter[i] })),
            jacobian: r.refit.jacobian,
            worst_standardised_shift_after_refit: worstShift(r),
          }
        : null,
      central: r.outputs.map((o, k) => ({ output: o.id, baseline: r.central.baseline[k], variant: r.central.variant[k], effect: r.central.effect[k], effect_sampling_ci95: r.central.effectCi95[k] })),
      band: band.map((b) => ({ output: b.output, role: b.role, median: b.median, band80: [b.p10, b.p90], band95: [b.p2_5, b.p97_5] })),
      tornado: r.tornado.map((t) => ({ assumption: t.assumption.name, swing: Object.fromEntries(r.outputs.map((o, k) => [o.id, t.swing[k]])) })),
      structural: r.structural.map((s) => ({ baseline: s.baseline, variant: s.variant, figures: r.outputs.map((o, k) => ({ output: o.id, baseline: s.point.baseline[k], variant: s.point.variant[k], effect: s.point.effect[k], effect_sampling_ci95: s.point.effectCi95[k] })) })),
      warnings: r.warnings,
    };
    staged.text('uncertainty.json', JSON.stringify(json, null, 2) + '\n');
    staged.text('report.html', await htmlPage({
      title: `The projection's band: ${r.baseline.scenario.name} -> ${r.variant.scenario.name}`,
      meta: [
        `${r.assumptions.length} uncertain assumptions; tornado ${r.tornado.length * 2} points, Latin hypercube ${r.samples.length} points; ${r.replications} replication${r.replications === 1 ? '' : 's'} each on common random numbers (seed ${r.seed}).`,
        r.refit ? `At every point the baseline's calibrated knobs (${r.refit.knobs.map((k) => k.path).join(', ')}) are re-fitted: ${refitMethod(r.refitSteps)}.` : 'The calibrated knobs are not re-fitted (no --targets).',
      ],
      headline: [
        {
          headers: ['figure', 'role', 'central', 'median', '80% band', '95% band'],
          rows: band.map((b) => [b.label, b.role, `${fmt(b.central, 2)}${b.centralCi95 === null ? '' : ` ± ${fmt(b.centralCi95, 2)}`}`, fmt(b.median, 2), `${fmt(b.p10, 2)} to ${fmt(b.p90, 2)}`, `${fmt(b.p2_5, 2)} to ${fmt(b.p97_5, 2)}`]),
          note: 'central: every assumption at its central value (± the sampling interval of the effect: another seed would move it by that much). The bands are the assumption band: where the projection falls as the assumptions move over their ranges together. A band is not a confidence interval.',
          textColumns: 2,
        },
        ...(r.structural.length > 0
          ? [{
              headers: ['structural alternative', 'figure', 'baseline', 'variant', 'effect'],
              rows: r.structural.flatMap((s) => r.outputs.map((o, k) => [`${s.baseline} -> ${s.variant}`, o.label, fmt(s.point.baseline[k], 2), fmt(s.point.variant[k], 2), `${fmt(s.point.effect[k], 2)}${s.point.effectCi95[k] === null ? '' : ` ± ${fmt(s.point.effectCi95[k], 2)}`}`])),
              note: 'Structural alternatives (another routing, ...) at central assumptions, as their files stand (not re-fitted): shown beside the band, not in it.',
              textColumns: 2,
            }]
          : []),
      ],
      charts: tornadoCharts(r),
      footer: `metcc-sim ${programVersion()} uncertainty: ${portablePath(r.baseline.file)} -> ${portablePath(r.variant.file)}`,
    }));
    staged.commit([...UNCERTAINTY_FILES]);
  } catch (err) {
    staged.abort();
    throw err;
  }
}

/** The largest |after re-fit − central| ÷ scale over fitted targets and every point: how well one step restored the fit. */
export function worstShift(r: UncertaintyResult): number | null {
  if (!r.refit) return null;
  const pts = [...r.tornado.flatMap((t) => [t.low, t.high]), ...r.samples];
  let worst = 0;
  for (const p of pts) {
    r.refit.targets.forEach((t, i) => {
      if (t.weight > 0) worst = Math.max(worst, Math.abs(p.targetsAfter[i] - r.central.targetsAfter[i]) / t.scale);
    });
  }
  return worst;
}
