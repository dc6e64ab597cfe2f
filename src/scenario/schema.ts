import { z } from 'zod';

/**
 * The scenario file's schema: one definition gives the TypeScript types, the validation
 * errors (with key paths) and a JSON Schema for editors (`metcc-sim schema`).
 *
 * Every quantity spells its unit in its key. Unknown keys are errors.
 */

const positive = (what = 'a number') => z.number({ error: `expected ${what}` }).positive({ error: 'must be > 0' });
const nonNegative = (what = 'a number') =>
  z.number({ error: `expected ${what}` }).nonnegative({ error: 'must be >= 0' });
const count = () => z.number({ error: 'expected a whole number' }).int({ error: 'must be a whole number' });

export const DISTRIBUTION_FAMILIES = ['exponential', 'fixed', 'lognormal', 'gamma', 'uniform', 'empirical'] as const;

/** `{ <family>: { parameters } }`, exactly one family. */
export const distributionSchema = z
  .strictObject({
    exponential: z.strictObject({ mean_seconds: positive() }).optional(),
    fixed: z.strictObject({ seconds: nonNegative() }).optional(),
    lognormal: z.strictObject({ mean_seconds: positive(), sd_seconds: positive() }).optional(),
    gamma: z.strictObject({ mean_seconds: positive(), sd_seconds: positive() }).optional(),
    uniform: z
      .strictObject({ min_seconds: nonNegative(), max_seconds: nonNegative() })
      .refine((u) => u.max_seconds > u.min_seconds, { error: 'max_seconds must be greater than min_seconds', path: ['max_seconds'] })
      .optional(),
    empirical: z
      .strictObject({ seconds: z.array(nonNegative(), { error: 'expected a list of seconds' }).min(1, { error: 'must list at least one value' }) })
      .optional(),
  }, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `unknown distribution family; expected one of ${DISTRIBUTION_FAMILIES.join(', ')}`
        : undefined,
  })
  .refine((d) => Object.values(d).filter((v) => v !== undefined).length === 1, {
    error: `expected exactly one distribution family (${DISTRIBUTION_FAMILIES.join(', ')})`,
  });
export type DistributionSpecInput = z.infer<typeof distributionSchema>;

const horizonSchema = z
  .strictObject({
    hours: positive().optional(),
    warmup_hours: nonNegative().optional(),
    days: positive().optional(),
    warmup_days: nonNegative().optional(),
  })
  .refine((h) => (h.hours === undefined) !== (h.days === undefined), {
    error: 'give exactly one of hours or days',
  })
  .refine((h) => !(h.hours !== undefined && h.warmup_days !== undefined) && !(h.days !== undefined && h.warmup_hours !== undefined), {
    error: 'use warmup_hours with hours and warmup_days with days',
  });

const contactSchema = z.strictObject({
  priority: count().min(1, { error: 'must be >= 1 (1 is answered first)' }),
  arrivals: z.strictObject({
    calls_per_hour: nonNegative(),
  }),
  handling: distributionSchema,
  patience: distributionSchema.optional(),
  target: z.strictObject({ answer_within_seconds: nonNegative() }),
});

const handlerGroupSchema = z.strictObject({
  answers: z.array(z.string({ error: 'expected a contact type name' }), { error: 'expected a list of contact types' }).min(1, {
    error: 'must answer at least one contact type',
  }),
  staff: count().min(0, { error: 'must be >= 0' }),
});

const reportingSchema = z.strictObject({
  interval_minutes: positive().refine((m) => Number.isInteger(m), { error: 'must be a whole number of minutes' }),
});

export const scenarioSchema = z.strictObject({
  name: z.string({ error: 'expected a name' }).min(1, { error: 'must not be empty' }),
  description: z.string().optional(),
  extends: z.string().optional(),
  seed: count().min(0, { error: 'must be >= 0' }).optional(),
  replications: count().min(1, { error: 'must be >= 1' }).optional(),
  horizon: horizonSchema,
  reporting: reportingSchema.optional(),
  contacts: z.record(z.string(), contactSchema, { error: 'expected a map of contact types' }),
  handlers: z.record(z.string(), handlerGroupSchema, { error: 'expected a map of handler groups' }),
});

export type ScenarioInput = z.infer<typeof scenarioSchema>;
export type ContactInput = z.infer<typeof contactSchema>;
export type HandlerGroupInput = z.infer<typeof handlerGroupSchema>;
