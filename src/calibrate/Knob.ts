import { CalibrationError } from './CalibrationError.js';
import { loadScenario, ScenarioError, type LoadedScenario, type Override } from '../scenario/load.js';
import type { KnobInput } from '../scenario/calibrationSchema.js';

/** A scenario value that calibrate may change, with its bounds and starting point. */
export interface Knob {
  path: string;
  /** Further key paths set to the same value (one fitted number shared by several keys). */
  also: string[];
  low: number;
  high: number;
  start: number;
  /** The key takes whole numbers only (a staff count): every evaluation rounds it. */
  integer: boolean;
  /** Where it was declared: the scenario's calibration section or --knob. */
  from: 'scenario' | '--knob';
  source?: string;
}

/** Keys a knob may not change: names, seeds and the calendar every target is read against. */
const NOT_KNOBS = ['name', 'description', 'extends', 'seed', 'replications', 'horizon', 'reporting', 'calibration', 'planning'];

/** `--knob key.path=low:high` or `key.path=low:high:start`. */
export function parseKnobOption(text: string): KnobInput {
  const expected = `--knob ${text}: expected KEY.PATH=LOW:HIGH or KEY.PATH=LOW:HIGH:START with numbers, for example handlers.emergency.shifts.early.staff=40:80`;
  const eq = text.indexOf('=');
  if (eq <= 0) throw new CalibrationError(expected);
  const parts = text.slice(eq + 1).split(':').map((p) => p.trim());
  const nums = parts.map((p) => (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(p) ? Number(p) : NaN));
  if ((parts.length !== 2 && parts.length !== 3) || nums.some((n) => !Number.isFinite(n))) throw new CalibrationError(expected);
  const path = text.slice(0, eq).trim();
  if (!/^[^.\s]+(\.[^.\s]+)*$/.test(path)) throw new CalibrationError(expected);
  const [low, high, start] = nums;
  if (!(low < high)) throw new CalibrationError(`--knob ${text}: the bounds are the wrong way round or equal; expected LOW < HIGH`);
  if (start !== undefined && (start < low || start > high)) throw new CalibrationError(`--knob ${text}: the start ${start} is outside ${low}..${high}; expected LOW <= START <= HIGH`);
  return { path, low, high, start };
}

/** The value at a key path of a (resolved) scenario, if any. */
function valueAt(scenario: unknown, path: string): unknown {
  let node: unknown = scenario;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(part)] : (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * The knobs of a calibration: the scenario's `calibration.knobs`, then `--knob` (which
 * replaces a knob of the same key path). Each is checked by loading the scenario with the knob
 * at each bound (an unknown key path, or a bound the key cannot take, is bad input naming the
 * file, the knob and the problem); a key that refuses a value between two whole bounds takes
 * whole numbers only, and the knob is rounded. A knob starts at its `start`, else at the
 * scenario's own value when that lies within the bounds, else in the middle.
 */
export function resolveKnobs(loaded: LoadedScenario, sets: readonly Override[], cli: readonly KnobInput[]): Knob[] {
  const file = loaded.file;
  const declared = new Map<string, KnobInput & { from: Knob['from'] }>();
  for (const k of loaded.scenario.calibration?.knobs ?? []) declared.set(k.path, { ...k, from: 'scenario' });
  for (const k of cli) declared.set(k.path, { ...k, from: '--knob' });
  if (declared.size === 0) {
    throw new CalibrationError(`${file}: no knobs to fit; expected a calibration.knobs section in the scenario (- { path: KEY.PATH, low: N, high: N }) or --knob KEY.PATH=LOW:HIGH`);
  }
  const knobs: Knob[] = [...declared.values()].map((k) => {
    const top = k.path.split('.')[0];
    if (NOT_KNOBS.includes(top)) {
      throw new CalibrationError(`${file}: knob ${k.path} (${k.from}): ${top} cannot be calibrated; expected a key path of a value the simulation uses (contacts..., handlers..., training_levels..., major_incidents...)`);
    }
    const own = valueAt(loaded.scenario, k.path);
    const start = k.start ?? (typeof own === 'number' && own >= k.low && own <= k.high ? own : (k.low + k.high) / 2);
    return { path: k.path, also: k.also ?? [], low: k.low, high: k.high, start, integer: false, from: k.from, source: k.source };
  });
  const at = (knob: Knob, value: number): Override[] => [...sets, ...knobs.flatMap((k) => knobOverrides(k, k === knob ? value : k.start))];
  for (const knob of knobs) {
    for (const [bound, value] of [['low', knob.low], ['high', knob.high]] as const) {
      try {
        loadScenario(file, at(knob, value));
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        const why = err.problems.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`).join('; ');
        throw new CalibrationError(`${file}: knob ${knob.path} (${knob.from}) at its ${bound} bound ${value}: ${why}; expected a key path of a number this scenario takes, with bounds it accepts`);
      }
    }
    if (Number.isInteger(knob.low) && Number.isInteger(knob.high)) {
      try {
        loadScenario(file, at(knob, knob.low + 0.5));
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        if (err.problems.some((p) => p.path === knob.path || knob.also.includes(p.path))) knob.integer = true;
      }
    }
    if (knob.integer) knob.start = Math.round(knob.start);
  }
  return knobs;
}

/** The overrides that put a knob at a value: its key path and every path in its `also`. */
export function knobOverrides(knob: Knob, value: number): Override[] {
  return [knob.path, ...knob.also].map((keyPath) => ({ keyPath, value }));
}
