import type { ProfileRow } from '../study/comparisonIntervals.js';
import { fmt } from '../report/format.js';
import type { Io } from './Io.js';
import { textTable } from './print.js';

const pm = (mean: number, half: number | null) => (half === null ? fmt(mean, 1) : `${fmt(mean, 1)} ± ${fmt(half, 1)}`);

/**
 * The hours of the week where the change matters most (from comparison_profile.csv): per
 * contact type, the share answered within target (% of answered) in both scenarios and the
 * paired difference, the weeks of the horizon pooled.
 */
export function printTopHours(io: Io, rows: readonly ProfileRow[], baseline: string, variant: string): void {
  if (rows.length === 0) return;
  io.out('hours of the week where the change matters most (answered within target, % of answered; weeks pooled; comparison_profile.csv has every hour):');
  io.out(
    textTable(
      ['contact', 'hour', baseline, variant, 'difference', 'handlers staffed'],
      rows.map((r) => {
        const f = r.figures.answered_within_target_pct;
        const h = r.figures.handlers_staffed;
        return [r.contact, `${r.day} ${r.hour}`, fmt(f.baseline, 1), fmt(f.variant, 1), pm(f.difference, f.differenceHalfWidth), `${fmt(h.baseline, 1)} -> ${fmt(h.variant, 1)}`];
      }),
    ),
  );
}
