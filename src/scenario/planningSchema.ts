import { z } from 'zod';

/**
 * `planning:` the keys `staff` reads to turn a requirement into a roster, FTE and pounds:
 * the shifts a planner allows, the contracted week, and the cost of an FTE with a source tag
 * on every number. Everything optional: without `shifts`, the staffed groups' own shifts are
 * the allowed ones; without `costs`, no cost.csv.
 */

/** The days of the week (as schema.ts's DAYS; repeated here because schema.ts imports this file). */
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const clock = z.string({ error: 'expected a clock time "HH:MM"' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a clock time "HH:MM" (00:00 to 23:59)' });
const minutes = () => z.number({ error: 'expected minutes' }).positive({ error: 'must be > 0' });
const source = z.string({ error: 'expected a source tag, for example "[S] fact sheet 6.5"' }).min(1, { error: 'must not be empty' });

const allowedShiftSchema = z
  .strictObject({
    /** Start times allowed (each one a choice). */
    starts: z.array(clock, { error: 'expected a list of start times' }).min(1, { error: 'must list at least one start time' }),
    length_minutes: minutes().max(24 * 60, { error: 'must be at most 1440 (a day)' }),
    /** Paid minutes of the shift (default: its length). */
    paid_minutes: minutes().optional(),
    break_minutes: z.number({ error: 'expected minutes' }).nonnegative({ error: 'must be >= 0' }).optional(),
    days: z.array(z.enum(DAYS, { error: `expected a day: ${DAYS.join(', ')}` })).min(1, { error: 'must list at least one day' }).optional(),
  })
  .refine((s) => (s.break_minutes ?? 0) < s.length_minutes, { error: 'break_minutes must be shorter than the shift', path: ['break_minutes'] });

const poundsItem = z.strictObject({ pounds_per_fte_year: z.number({ error: 'expected pounds' }).nonnegative({ error: 'must be >= 0' }), source });
const pctOfPayItem = z.strictObject({ pct_of_pay: z.number({ error: 'expected a percentage' }).nonnegative({ error: 'must be >= 0' }), source });

const costsSchema = z.strictObject({
  /** Basic pay of an FTE a year. */
  pay: poundsItem,
  /** Allowances: pounds a year, or a percentage of pay (shift allowance). */
  allowances: z.record(z.string(), z.union([poundsItem, pctOfPayItem], { error: 'expected { pounds_per_fte_year: N, source } or { pct_of_pay: N, source }' })).optional(),
  /** Employer's on-costs (pension, National Insurance) as a percentage of pay plus allowances. */
  on_costs: z.strictObject({ pct: z.number({ error: 'expected a percentage' }).nonnegative({ error: 'must be >= 0' }), source }).optional(),
});

export const planningSchema = z.strictObject({
  contracted_hours_per_week: z.number({ error: 'expected hours' }).positive({ error: 'must be > 0' }).max(168, { error: 'must be at most 168' }).optional(),
  shifts: z.record(z.string(), allowedShiftSchema).optional(),
  costs: costsSchema.optional(),
});

export type PlanningInput = z.infer<typeof planningSchema>;
export type AllowedShiftInput = z.infer<typeof allowedShiftSchema>;
export type CostsInput = z.infer<typeof costsSchema>;
