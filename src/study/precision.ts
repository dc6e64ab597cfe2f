import type { ContactSummary } from '../metrics/Aggregate.js';
import type { LoadedScenario } from '../scenario/load.js';
import { runStudy, type StudyOptions, type StudyResult } from './runStudy.js';

/** Metrics of summary.csv that `--precision` can ask for, and where their half-width is. */
export const PRECISION_METRICS: Record<string, (s: ContactSummary) => [number, number | null]> = {
  service_level_pct: (s) => [s.serviceLevelPct, s.serviceLevelPctCi95],
  answered_within_target_pct: (s) => [s.answeredWithinTargetPct, s.answeredWithinTargetPctCi95],
  abandoned_pct: (s) => [s.abandonedPct, s.abandonedPctCi95],
  mean_answer_seconds: (s) => [s.meanAnswerSeconds, s.meanAnswerSecondsCi95],
};

/** One `--precision CONTACT.METRIC=HALF_WIDTH`. */
export interface PrecisionTarget {
  contact: string;
  metric: string;
  halfWidth: number;
}

/** How one round of replications ended. */
export interface PrecisionRound {
  replications: number;
  /** Half-width reached per target (null: not estimable), in the targets' order. */
  halfWidths: (number | null)[];
  met: boolean;
}

/**
 * `run --precision`: run the study, and while some target's half-width is wider than asked,
 * run it again with more replications (the count the half-widths suggest, half-width falling
 * as 1/sqrt(n)), up to `maxReplications`. Replication k depends only on (seed, k), so the final
 * reports are those of a plain run with the final count; the replications of earlier rounds
 * are run again (simple, and at most about doubles the work).
 */
export async function runToPrecision(
  loaded: LoadedScenario,
  options: StudyOptions,
  targets: readonly PrecisionTarget[],
  maxReplications: number,
): Promise<{ result: StudyResult; rounds: PrecisionRound[] }> {
  const rounds: PrecisionRound[] = [];
  let n = Math.min(Math.max(2, options.replications), maxReplications);
  for (;;) {
    const result = await runStudy(loaded, { ...options, replications: n });
    const summary = result.aggregate.summary();
    const halfWidths = targets.map((t) => {
      const s = summary.find((x) => x.contact === t.contact);
      return s ? PRECISION_METRICS[t.metric](s)[1] : null;
    });
    const met = halfWidths.every((h, i) => h !== null && h <= targets[i].halfWidth);
    rounds.push({ replications: n, halfWidths, met });
    if (met || n >= maxReplications) return { result, rounds };
    const factor = Math.max(...halfWidths.map((h, i) => (h === null ? 2 : (h / targets[i].halfWidth) ** 2)));
    n = Math.min(maxReplications, Math.max(n + 1, Math.ceil(n * factor * 1.05)));
  }
}
