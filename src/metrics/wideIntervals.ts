import type { ContactSummary } from './Aggregate.js';

/** The summary figures that carry a confidence interval: [column, value, half-width]. */
const WITH_CI: [string, (s: ContactSummary) => number, (s: ContactSummary) => number | null][] = [
  ['service_level_pct', (s) => s.serviceLevelPct, (s) => s.serviceLevelPctCi95],
  ['answered_within_target_pct', (s) => s.answeredWithinTargetPct, (s) => s.answeredWithinTargetPctCi95],
  ['abandoned_pct', (s) => s.abandonedPct, (s) => s.abandonedPctCi95],
  ['mean_answer_seconds', (s) => s.meanAnswerSeconds, (s) => s.meanAnswerSecondsCi95],
];

/**
 * Summary figures whose confidence interval is wider than the figure itself (half-width >
 * |value|): the interval then includes 0 and says little. Each as a sentence for a warning.
 *
 * @example wideIntervals(summary) // ["101 mean_answer_seconds: 332.3 ± 614.6, an interval wider than the figure: run more replications (--replications or --precision)"]
 */
export function wideIntervals(summary: readonly ContactSummary[]): string[] {
  const out: string[] = [];
  for (const s of summary) {
    for (const [column, value, half] of WITH_CI) {
      const v = value(s);
      const h = half(s);
      if (h !== null && Number.isFinite(v) && v !== 0 && h > Math.abs(v)) {
        out.push(`${s.contact} ${column}: ${round(v)} ± ${round(h)}, an interval wider than the figure: run more replications (--replications or --precision)`);
      }
    }
  }
  return out;
}

const round = (x: number) => String(Number(x.toFixed(1)));
