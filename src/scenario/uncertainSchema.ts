import { z } from 'zod';

/**
 * `uncertain:` the assumptions whose plausible ranges the projection's band is drawn over
 * (`metcc-sim uncertainty`, `compare --band`). A MAP keyed by a name of your choosing (so
 * `extends` merges it entry by entry, and a child file may override or add one); the
 * simulation itself ignores the section.
 *
 * Each entry moves one or more key paths (as `--set` names them) together:
 * - `as: value` (default): every key takes its own value plus (x − central). In the scenario
 *   whose value is the central one, the key takes x; a variant that moved the key (absence 24%
 *   in the baseline, 22% after the investment) keeps its move.
 * - `as: factor`: every key takes its own value × x ÷ central (a median of a lognormal: scale
 *   its mean and sd together, so low/central/high may be given in seconds of the median).
 * x is drawn from `distribution`: triangular (default: low, mode central, high) or uniform
 * (low..high; central is still the value of the central run and of the tornado's other bars).
 * `applies_to`: `both` (default: the baseline and the variant, e.g. the BT leg) or `variant`
 * (only the variant, e.g. how many places the money bought).
 *
 * @example
 *   uncertain:
 *     bt_connect_median:
 *       paths: [contacts.999.bt_connect.lognormal.mean_seconds, contacts.999.bt_connect.lognormal.sd_seconds]
 *       as: factor
 *       low: 1
 *       central: 3
 *       high: 5
 *       source: "[A §6.3] median 1-5 s"
 */

const KEY_PATH = /^[^.\s]+(\.[^.\s]+)*$/;
/** A name that is safe as a CSV cell and a chart label. */
export const UNCERTAIN_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const finite = (what: string) => z.number({ error: `expected ${what}` });
const keyPath = z
  .string({ error: 'expected a key path such as contacts.999.patience.exponential.mean_seconds' })
  .regex(KEY_PATH, { error: 'expected a key path such as contacts.999.patience.exponential.mean_seconds (names joined by dots)' });

export const UNCERTAIN_DISTRIBUTIONS = ['triangular', 'uniform'] as const;

const uncertainEntrySchema = z
  .strictObject({
    /** One key path, or `paths` for several moved together. */
    path: keyPath.optional(),
    paths: z.array(keyPath, { error: 'expected a list of key paths' }).min(1, { error: 'must list at least one key path' }).optional(),
    as: z.enum(['value', 'factor'], { error: 'expected value (own value + (x - central)) or factor (own value x x / central)' }).optional(),
    low: finite('the lowest plausible value'),
    central: finite('the value the projection assumes'),
    high: finite('the highest plausible value'),
    distribution: z.enum(UNCERTAIN_DISTRIBUTIONS, { error: `expected one of ${UNCERTAIN_DISTRIBUTIONS.join(', ')}` }).optional(),
    applies_to: z.enum(['both', 'variant'], { error: 'expected both (the baseline and the variant) or variant (only the variant)' }).optional(),
    /** Why this range: a source tag ([S]/[D]/[A] and the reason). */
    source: z.string({ error: 'expected text: a source tag ([S]/[D]/[A] and why this range)' }).min(1, { error: 'must not be empty: say why this range' }),
  })
  .refine((e) => (e.path === undefined) !== (e.paths === undefined), { error: 'give exactly one of path (one key) or paths (a list)', path: ['path'] })
  .refine((e) => e.low < e.high, { error: 'low must be less than high', path: ['high'] })
  .refine((e) => e.central >= e.low && e.central <= e.high, { error: 'central must lie between low and high', path: ['central'] })
  .refine((e) => e.as !== 'factor' || e.central !== 0, { error: 'a factor entry needs a central value other than 0 (keys take own value x x / central)', path: ['central'] });

export const uncertainSchema = z.record(
  z.string().regex(UNCERTAIN_NAME, { error: 'an assumption name uses letters, digits, _ . - only' }),
  uncertainEntrySchema,
  { error: 'expected a map of assumptions: NAME: { path: KEY.PATH, low: N, central: N, high: N, source: TEXT }' },
);

export type UncertainInput = z.infer<typeof uncertainSchema>;
export type UncertainEntryInput = z.infer<typeof uncertainEntrySchema>;
