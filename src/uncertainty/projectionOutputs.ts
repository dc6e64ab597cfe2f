import { TARGET_METRICS, type TargetSource } from '../calibrate/targetMetric.js';
import { horizonSeconds } from '../engine/TimeFrame.js';
import type { Scenario } from '../scenario/load.js';
import { UncertaintyError } from './UncertaintyError.js';

/** A projected figure the band is drawn for: one contact type's metric over the whole counted period. */
export interface ProjectionOutput {
  /** Column stem in the reports (999_answered_within_10s_pct). */
  id: string;
  label: string;
  contact: string;
  metric: string;
}

/**
 * The projection's headline figures: 999 calls answered within their target (10 s), as a
 * share of those answered (the Home Office measure `compare` prints), and the share of 101
 * calls abandoned; each pooled over the whole counted period (Σ numerator ÷ Σ denominator).
 * Those of the two contact types the baseline has; neither is an error.
 */
export function projectionOutputs(scenario: Scenario, file: string): ProjectionOutput[] {
  const out: ProjectionOutput[] = [];
  const c999 = scenario.contacts['999'];
  if (c999) {
    const t = c999.target.answer_within_seconds;
    out.push({ id: `999_answered_within_${t}s_pct`, label: `999 answered within ${t} s (% of answered)`, contact: '999', metric: 'answered_within_target_pct' });
  }
  if (scenario.contacts['101']) out.push({ id: '101_abandoned_pct', label: '101 abandoned %', contact: '101', metric: 'abandoned_pct' });
  if (out.length === 0) throw new UncertaintyError(`${file}: contacts: no contact type named 999 or 101; expected the figures the band is drawn for (999 answered within target, 101 abandoned)`);
  return out;
}

/** Where each output is read in a run of a scenario (the whole counted period, from the interval tallies). */
export function outputSources(outputs: readonly ProjectionOutput[], scenario: Scenario, file: string): TargetSource[] {
  const names = Object.keys(scenario.contacts);
  const intervalSeconds = scenario.reporting.interval_minutes * 60;
  const to = Math.ceil(horizonSeconds(scenario).countedSeconds / intervalSeconds - 1e-9);
  return outputs.map((o) => {
    const k = names.indexOf(o.contact);
    if (k < 0) throw new UncertaintyError(`${file}: contacts: no contact type ${o.contact}; expected the same contact types as the baseline`);
    return { contacts: [k], metric: TARGET_METRICS.find((m) => m.name === o.metric)!, table: 'intervals', from: 0, to };
  });
}
