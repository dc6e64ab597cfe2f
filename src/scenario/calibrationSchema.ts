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
 */

/** zod 4's number() refuses Infinity and NaN. */
const finite = (what: string) => z.number({ error: `expected ${what}` });

const knobSchema = z
  .strictObject({
    /** Key path of the value to fit, as `--set` names it (handlers.emergency.shifts.early.staff). */
    path: z
      .string({ error: 'expected a key path such as handlers.emergency.shifts.early.staff' })
      .regex(/^[^.\s]+(\.[^.\s]+)*$/, { error: 'expected a key path such as handlers.emergency.shifts.early.staff (names joined by dots)' }),
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
    .refine((ks) => new Set(ks.map((k) => k.path)).size === ks.length, { error: 'each key path may be a knob only once' }),
});

export type CalibrationInput = z.infer<typeof calibrationSchema>;
export type KnobInput = z.infer<typeof knobSchema>;
