import { quantileSorted } from 'simple-statistics';
import { fmt } from '../report/format.js';
import type { StudyPoint, UncertaintyResult } from './runUncertainty.js';

/** One row of band.csv: a projected figure's assumption band over the Latin-hypercube samples. */
export interface BandRow {
  output: string;
  label: string;
  /** baseline, variant, or effect (variant − baseline). */
  role: 'baseline' | 'variant' | 'effect';
  /** At every assumption's central value, and the effect's sampling half-width there (null for a scenario's own figure, or with one replication). */
  central: number;
  centralCi95: number | null;
  samples: number;
  median: number;
  p10: number;
  p90: number;
  p2_5: number;
  p97_5: number;
}

export const BAND_HEADERS = ['output', 'role', 'central', 'central_sampling_ci95', 'samples', 'median', 'band80_low', 'band80_high', 'band95_low', 'band95_high', 'label'] as const;

/**
 * The band of each output (baseline, variant and the effect) over the samples: the median, the
 * 80% band (10th-90th percentiles) and the 95% band (2.5th-97.5th), by linear interpolation
 * between order statistics (simple-statistics' quantileSorted, R's type 7). Points whose figure
 * is not a number (nothing answered) are left out.
 */
export function bandRows(r: Pick<UncertaintyResult, 'outputs' | 'central' | 'samples'>): BandRow[] {
  const roles = ['baseline', 'variant', 'effect'] as const;
  return r.outputs.flatMap((o, k) =>
    roles.map((role) => {
      const pick = (p: StudyPoint) => p[role][k];
      const xs = r.samples.map(pick).filter(Number.isFinite).sort((a, b) => a - b);
      const q = (p: number) => (xs.length > 0 ? quantileSorted(xs, p) : NaN);
      return {
        output: o.id, label: o.label, role, central: pick(r.central), centralCi95: role === 'effect' ? r.central.effectCi95[k] : null,
        samples: xs.length, median: q(0.5), p10: q(0.1), p90: q(0.9), p2_5: q(0.025), p97_5: q(0.975),
      };
    }),
  );
}

export function bandCsvRows(rows: readonly BandRow[]): string[][] {
  return rows.map((b) => [b.output, b.role, fmt(b.central), fmt(b.centralCi95), String(b.samples), fmt(b.median), fmt(b.p10), fmt(b.p90), fmt(b.p2_5), fmt(b.p97_5), b.label]);
}
