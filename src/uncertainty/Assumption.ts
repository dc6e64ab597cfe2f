import { loadScenario, ScenarioError, type LoadedScenario, type Override } from '../scenario/load.js';
import type { InvestmentOptions } from '../scenario/investmentStep.js';
import type { UncertainEntryInput } from '../scenario/uncertainSchema.js';
import type { AssumptionRange } from './rangeQuantile.js';
import { UncertaintyError } from './UncertaintyError.js';

/** One uncertain assumption (an `uncertain:` entry), resolved. */
export interface Assumption extends AssumptionRange {
  name: string;
  paths: string[];
  as: 'value' | 'factor';
  appliesTo: 'both' | 'variant';
  source: string;
  /** The file whose `uncertain:` declared it (after extends). */
  declaredIn: string;
  /** Its keys take whole numbers only (a count of places): every value is rounded (found by checkAssumptions). */
  whole?: boolean;
}

/** Loads a scenario file with overrides (a variant may be loaded with options, e.g. only the investment's levers). */
export type Loader = (overrides: readonly Override[]) => LoadedScenario;

/** The value at a key path of a resolved scenario. */
export function valueAt(scenario: unknown, keyPath: string): unknown {
  let node: unknown = scenario;
  for (const part of keyPath.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * A scenario's own value at a key path: the resolved scenario's, or for a key of its
 * `investment:` or `other_changes:` section (applied, so absent from the resolved scenario)
 * that section's, as the file gives it.
 */
export function ownValue(loaded: LoadedScenario, keyPath: string): unknown {
  const [top, ...rest] = keyPath.split('.');
  if (top === 'investment') return valueAt(loaded.investment?.investment, rest.join('.'));
  if (top === 'other_changes') return valueAt(loaded.investment?.otherChanges, rest.join('.'));
  return valueAt(loaded.scenario, keyPath);
}

function fromEntry(name: string, e: UncertainEntryInput, file: string): Assumption {
  return {
    name, paths: e.paths ?? [e.path!], as: e.as ?? 'value', low: e.low, central: e.central, high: e.high,
    distribution: e.distribution ?? 'triangular', appliesTo: e.applies_to ?? 'both', source: e.source, declaredIn: file,
  };
}

/**
 * The assumptions of a comparison: the baseline's `uncertain:` entries, then the variant's
 * (a variant that extends the baseline holds the baseline's too; an entry of the same name in
 * the variant wins). Declaration order, so every report lists them the same way.
 */
export function assumptionsOf(base: LoadedScenario, variant: LoadedScenario): Assumption[] {
  const out = new Map<string, Assumption>();
  for (const l of [base, variant]) {
    for (const [name, e] of Object.entries(l.scenario.uncertain ?? {})) out.set(name, fromEntry(name, e, l.file));
  }
  return [...out.values()];
}

/**
 * The overrides that put an assumption at x in a scenario: each key path at its own value
 * (as loaded with `sets`) plus (x − central), or times x ÷ central. The own value must be a number.
 */
export function overridesAt(a: Assumption, x: number, own: LoadedScenario): Override[] {
  return a.paths.map((keyPath) => {
    const v = ownValue(own, keyPath);
    if (typeof v !== 'number') {
      throw new UncertaintyError(
        `${a.declaredIn}: uncertain.${a.name}: ${keyPath} is ${v === undefined ? 'not a key' : 'not a number'} of ${own.file}; expected a key path of a number the scenario has (as --set names it, with defaults filled in)`,
      );
    }
    const value = a.as === 'factor' ? (v * x) / a.central : v + (x - a.central);
    return { keyPath, value: a.whole ? Math.round(value) : value };
  });
}

/**
 * Check every assumption before anything is simulated: each key is a number of every scenario
 * it applies to; with `as: value` the baseline's (or, for a variant-only one, the variant's)
 * value equals `central` (the projection assumes central); and each scenario loads with the
 * assumption at low and at high (a value the key cannot take is named with the bound). A key
 * that refuses a value between two whole ones marks the assumption `whole`: it is rounded.
 */
export function checkAssumptions(assumptions: readonly Assumption[], base: { loaded: LoadedScenario; load: Loader }, variants: readonly { loaded: LoadedScenario; load: Loader }[]): void {
  for (const a of assumptions) {
    const reference = a.appliesTo === 'both' ? base.loaded : variants[0].loaded;
    if (a.as === 'value') {
      for (const keyPath of a.paths) {
        const v = ownValue(reference, keyPath);
        if (typeof v === 'number' && Math.abs(v - a.central) > 1e-9 * Math.max(1, Math.abs(v))) {
          throw new UncertaintyError(
            `${a.declaredIn}: uncertain.${a.name}.central: ${a.central}, but ${keyPath} is ${v} in ${reference.file}; expected central to be the value the projection assumes (or as: factor for a scale)`,
          );
        }
      }
    }
    const targets = a.appliesTo === 'both' ? [base, ...variants] : variants;
    // keys that refuse a value between two whole ones take whole numbers: the assumption is rounded
    const between = Number.isInteger(a.low) && Number.isInteger(a.high) && a.high - a.low >= 1 ? a.low + 0.5 : undefined;
    if (between !== undefined) {
      try {
        targets[0].load(overridesAt(a, between, targets[0].loaded));
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        if (err.problems.some((p) => a.paths.includes(p.path))) a.whole = true;
      }
    }
    for (const t of targets) {
      for (const [bound, x] of [['low', a.low], ['high', a.high]] as const) {
        const sets = overridesAt(a, x, t.loaded);
        try {
          t.load(sets);
        } catch (err) {
          if (!(err instanceof ScenarioError)) throw err;
          const why = err.problems.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`).join('; ');
          throw new UncertaintyError(`${a.declaredIn}: uncertain.${a.name}.${bound}: ${x} gives ${t.loaded.file} a value it cannot take (${why}); expected a range the scenario accepts`);
        }
      }
    }
  }
}

/**
 * A loader of a file: `loadScenario(file, [...sets, ...overrides], options)`. An investment is
 * priced but never refused over budget here (`budget: 'allow'`): an assumption such as how many
 * places the money bought may take it past the budget, and the band must still run.
 */
export function fileLoader(file: string, sets: readonly Override[], options: Omit<InvestmentOptions, 'budget'> = {}): Loader {
  return (overrides) => loadScenario(file, [...sets, ...overrides], { ...options, budget: 'allow' });
}
