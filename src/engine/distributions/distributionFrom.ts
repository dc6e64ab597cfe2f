import type { Distribution } from './Distribution.js';
import { Empirical } from './Empirical.js';
import { Exponential } from './Exponential.js';
import { Fixed } from './Fixed.js';
import { Gamma } from './Gamma.js';
import { Lognormal } from './Lognormal.js';
import { Uniform } from './Uniform.js';

/** A distribution as the scenario file writes it: one family key and its parameters. */
export type DistributionSpec =
  | { exponential: { mean_seconds: number } }
  | { fixed: { seconds: number } }
  | { lognormal: { mean_seconds: number; sd_seconds: number } }
  | { gamma: { mean_seconds: number; sd_seconds: number } }
  | { uniform: { min_seconds: number; max_seconds: number } }
  | { empirical: { seconds: number[] } };

const FAMILIES: readonly string[] = [
  'exponential',
  'fixed',
  'lognormal',
  'gamma',
  'uniform',
  'empirical',
];

function describe(x: unknown): string {
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return String(x);
  }
}

function field(family: string, params: Record<string, unknown>, name: string): number {
  const v = params[name];
  if (typeof v !== 'number') {
    throw new Error(`distribution '${family}': '${name}' must be a number, got ${describe(v)}`);
  }
  return v;
}

/**
 * Build a Distribution from its scenario-file form, e.g.
 * { exponential: { mean_seconds: 45 } }. Throws an Error naming the problem
 * on anything unexpected (unknown family, several families, missing or
 * non-numeric or out-of-range parameters, unknown parameter names).
 */
export function distributionFrom(spec: DistributionSpec): Distribution {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new Error(`distribution spec must be an object, got ${describe(spec)}`);
  }
  const keys = Object.keys(spec);
  if (keys.length !== 1) {
    throw new Error(
      `distribution spec must have exactly one family key (one of ${FAMILIES.join(', ')}), got ${describe(spec)}`,
    );
  }
  const family = keys[0]!;
  const params = (spec as Record<string, unknown>)[family];
  if (!FAMILIES.includes(family)) {
    throw new Error(
      `unknown distribution family '${family}' (expected one of ${FAMILIES.join(', ')})`,
    );
  }
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new Error(`distribution '${family}': parameters must be an object, got ${describe(params)}`);
  }
  const p = params as Record<string, unknown>;
  const allowed: Record<string, readonly string[]> = {
    exponential: ['mean_seconds'],
    fixed: ['seconds'],
    lognormal: ['mean_seconds', 'sd_seconds'],
    gamma: ['mean_seconds', 'sd_seconds'],
    uniform: ['min_seconds', 'max_seconds'],
    empirical: ['seconds'],
  };
  for (const k of Object.keys(p)) {
    if (!allowed[family]!.includes(k)) {
      throw new Error(
        `distribution '${family}': unknown parameter '${k}' (expected ${allowed[family]!.join(', ')})`,
      );
    }
  }
  try {
    switch (family) {
      case 'exponential':
        return new Exponential(field(family, p, 'mean_seconds'));
      case 'fixed':
        return new Fixed(field(family, p, 'seconds'));
      case 'lognormal':
        return new Lognormal(field(family, p, 'mean_seconds'), field(family, p, 'sd_seconds'));
      case 'gamma':
        return new Gamma(field(family, p, 'mean_seconds'), field(family, p, 'sd_seconds'));
      case 'uniform':
        return new Uniform(field(family, p, 'min_seconds'), field(family, p, 'max_seconds'));
      case 'empirical': {
        const s = p['seconds'];
        if (!Array.isArray(s)) {
          throw new Error(`distribution 'empirical': 'seconds' must be an array, got ${describe(s)}`);
        }
        return new Empirical(s as number[]);
      }
    }
  } catch (e) {
    if (e instanceof RangeError) {
      throw new Error(`distribution ${describe(spec)}: ${e.message}`);
    }
    throw e;
  }
  // unreachable: family was checked against FAMILIES above
  throw new Error(`unknown distribution family '${family}'`);
}
