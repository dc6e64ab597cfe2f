import { loadScenario, parseOverride, type LoadedScenario, type Override } from '../scenario/load.js';
import { UsageError } from './errors.js';

/** `--vary KEY=VALUE` options parsed like `--set` (a bad one is a usage error). */
function overrides(option: string, texts: readonly string[]): Override[] {
  return texts.map((text) => {
    try {
      return parseOverride(text);
    } catch (err) {
      throw new UsageError((err as Error).message.replace(/^--set/, option));
    }
  });
}

/**
 * The two scenarios of `compare`: the baseline with `--set`, and the variant, which is the
 * variant file (or, without one, the baseline file again) with `--set` and then `--vary`.
 * A variant made from the baseline file and not renamed by `--vary name=...` is called
 * `<baseline>-variant`, so the two report folders differ. A variant with `investment:` brings a
 * third scenario, `<variant>-investment-only`: its levers without its other_changes.
 *
 * @example compare base.yaml --vary handlers.emergency.shifts.late.staff=50
 */
export function loadCompared(
  baselineFile: string,
  variantFile: string | undefined,
  sets: readonly string[],
  varies: readonly string[],
): { base: LoadedScenario; variant: LoadedScenario; investmentOnly?: LoadedScenario } {
  const set = overrides('--set', sets);
  const vary = overrides('--vary', varies);
  if (variantFile === undefined && vary.length === 0) {
    throw new UsageError('compare: expected a variant scenario file, or --vary KEY=VALUE changes to make one from the baseline');
  }
  const base = loadScenario(baselineFile, set);
  let naming: Override[] = [];
  if (variantFile === undefined && !vary.some((o) => o.keyPath === 'name')) {
    naming = [{ keyPath: 'name', value: `${base.scenario.name}-variant` }];
  }
  const variant = loadScenario(variantFile ?? baselineFile, [...set, ...naming, ...vary]);
  if (!variant.investment?.investment) return { base, variant };
  // a variant with an investment: also its levers alone, on the same numbers ("what the money bought")
  const onlyName: Override = { keyPath: 'name', value: `${variant.scenario.name}-investment-only` };
  const investmentOnly = loadScenario(variantFile ?? baselineFile, [...set, ...naming, ...vary, onlyName], { parts: 'investment-only' });
  return { base, variant, investmentOnly };
}
