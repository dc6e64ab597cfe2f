import { fmt } from '../report/format.js';
import type { CalibrationResult } from './runCalibration.js';

/** Columns padded to their widest cell (the first left-aligned, the rest right-aligned). */
function columns(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd()).join('\n');
}

const pm = (v: number, hw: number | null, d = 2) => `${fmt(v, d)}${hw === null ? '' : ` ± ${fmt(hw, d)}`}`;

/** The short table calibrate prints: the knobs as fitted, then each target, fitted or held back. */
export function calibrationTable(r: CalibrationResult): string {
  const knobRows = [
    ['knob', 'fitted', 'ci95', 'bounds', 'start'],
    ...r.knobs.map((k, j) => [k.path, fmt(r.best.knobs[j], 4), r.uncertainty[j].ci95 === null ? '-' : `± ${fmt(r.uncertainty[j].ci95, 4)}`, `${fmt(k.low, 4)}..${fmt(k.high, 4)}`, fmt(k.start, 4)]),
  ];
  const targetRows = [
    ['target', 'published', 'simulated', 'residual', 'fit'],
    ...r.targets.map((t, i) => {
      const sim = r.best.values[i];
      const interval = t.weight > 0 ? r.simulatedCi95[i] : r.predictionCi95[i];
      return [`${t.period} ${t.contact} ${t.metric.name}`, fmt(t.value, 2), pm(sim, interval), fmt(sim - t.value, 2), t.weight > 0 ? `fitted (w ${fmt(t.weight)})` : 'held back'];
    }),
  ];
  if (r.check) {
    return [
      `${r.loaded.scenario.name} as it is, against ${r.targets.length} published figures (--check: nothing fitted; objective ${fmt(r.objectiveBest, 4)} over the targets with weight > 0)`,
      '',
      columns(targetRows.map((row, i) => (i === 0 ? [...row.slice(0, 4), 'weight'] : [...row.slice(0, 4), fmt(r.targets[i - 1].weight)]))),
      `(simulated ± the 95% interval over ${r.replications} replication${r.replications === 1 ? '' : 's'})`,
    ].join('\n');
  }
  return [
    `${r.loaded.scenario.name}: ${r.knobs.length} knob${r.knobs.length === 1 ? '' : 's'} fitted to ${r.targets.filter((t) => t.weight > 0).length} of ${r.targets.length} targets; objective ${fmt(r.objectiveStart, 4)} at the start, ${fmt(r.objectiveBest, 4)} fitted (${r.search.converged ? 'converged' : 'not converged'})`,
    '',
    columns(knobRows),
    '',
    columns(targetRows),
    '(held-back targets: simulated ± the prediction interval, with the knobs\' uncertainty)',
  ].join('\n');
}
