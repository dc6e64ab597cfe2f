import { z } from 'zod';

/**
 * `calibration:` what `metcc-sim calibrate` may change to fit published figures: knobs, each a
 * key path of this scenario (as `--set` takes it) with the bounds it may move between and, if
 * wished, where the search starts (default: the scenario's own value at that key, else the
 * middle of the bounds). The simulation itself ignores this section.
 *
 * @example
 *   calibration:
 *     knobs:
 *       - { path: handlers.emergency.shifts.early.staff, low: 40, high: 80 }
 *       - { path: contacts.101.patience.exponential.mean_seconds, low: 300, high: 1500, start: 830 }
 *       - { path: handlers.a.absence_pct_by_month.jul, also: [handlers.b.absence_pct_by_month.jul], low: 10, high: 30 }
 */

/** zod 4's number() refuses Infinity and NaN. */
const finite = (what: string) => z.number({ error: `expected ${what}` });

const keyPath = () =>
  z
    .string({ error: 'expected a key path such as handlers.emergency.shifts.early.staff' })
    .regex(/^[^.\s]+(\.[^.\s]+)*$/, { error: 'expected a key path such as handlers.emergency.shifts.early.staff (names joined by dots)' });

const knobSchema = z
  .strictObject({
    /** Key path of the value to fit, as `--set` names it (handlers.emergency.shifts.early.staff). */
    path: keyPath(),
    /** Further key paths that take the same value (one fitted number shared by several keys, e.g. June-August absence on every desk). */
    also: z.array(keyPath(), { error: 'expected a list of key paths that take the same value' }).min(1, { error: 'must list at least one key path (or leave also out)' }).optional(),
    low: finite('the lowest value the knob may take'),
    high: finite('the highest value the knob may take'),
    /** Where the search starts (default: the scenario's value, else the middle of low..high). */
    start: finite('a starting value between low and high').optional(),
    /** Why these bounds: a source tag ([S]/[D]/[A] and the reason). */
    source: z.string({ error: 'expected text (why these bounds)' }).optional(),
  })
  .refine((k) => k.low < k.high, { error: 'low must be less than high', path: ['high'] })
  .refine((k) => k.start === undefined || (k.start >= k.low && k.start <= k.high), { error: 'start must lie between low and high', path: ['start'] });

export const calibrationSchema = z.strictObject({
  knobs: z
    .array(knobSchema, { error: 'expected a list of knobs: - { path: KEY.PATH, low: N, high: N }' })
    .min(1, { error: 'must list at least one knob' })
    .refine((ks) => { const all = ks.flatMap((k) => [k.path, ...(k.also ?? [])]); return new Set(all).size === all.length; }, { error: 'each key path may be a knob (or a knob\'s also) only once' }),
});

export type CalibrationInput = z.infer<typeof calibrationSchema>;
export type KnobInput = z.infer<typeof knobSchema>;
