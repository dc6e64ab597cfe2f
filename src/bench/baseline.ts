import { fileURLToPath } from 'node:url';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/resolve.js';

const BASELINE = fileURLToPath(new URL('../../scenarios/metcc-2022-baseline.yaml', import.meta.url));

/**
 * The shipped baseline, cut to what a benchmark case names: a simulated year from 2021-10-01
 * (its own 14 days of warm-up before), or four weeks from its start with 2 days of warm-up. The
 * file itself runs 18 months, which no case means by "the baseline's four weeks".
 */
export function baseline(span: 'year' | 'four-weeks'): Scenario {
  const overrides =
    span === 'year'
      ? [
          { keyPath: 'horizon.start_date', value: '2021-10-01' },
          { keyPath: 'horizon.days', value: 365 },
        ]
      : [
          { keyPath: 'horizon.days', value: 28 },
          { keyPath: 'horizon.warmup_days', value: 2 },
        ];
  return loadScenario(BASELINE, overrides).scenario;
}
