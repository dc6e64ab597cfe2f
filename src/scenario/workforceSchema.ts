import { z } from 'zod';

/**
 * What changes through a year, as scenario keys (issue 10): a rostered group's vacancies at the
 * start, the recruitment intakes that fill vacant posts, and absence month by month; a contact
 * type's demand trend. Every key is optional: without them a group's posts are all held at the
 * start, leavers' posts refill after `vacancy_weeks`, absence is `shrinkage_pct` all year, and
 * demand has no trend.
 *
 * Kept apart from schema.ts (which imports this file) so each stays one readable page.
 */

/** The months (as schema.ts's MONTHS; repeated here because schema.ts imports this file). */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

const pct = () => z.number({ error: 'expected a percentage' }).min(0, { error: 'must be >= 0' }).max(100, { error: 'must be <= 100' });
const date = z
  .string({ error: 'expected a date "YYYY-MM-DD"' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date "YYYY-MM-DD"', abort: true })
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { error: 'not a real calendar date' });

/** One recruitment intake: on `date`, up to `people` recruits fill the group's vacant posts, longest vacant first. */
export const intakeSchema = z.strictObject({
  date,
  people: z.number({ error: 'expected a number of people' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be >= 1' }).max(10_000, { error: 'must be <= 10000' }),
  /** The training level recruits start at (default: the level no other level becomes, for example trainee). */
  level: z.string({ error: 'expected a training level name' }).optional(),
});

/** Group keys: see handlerGroupSchema in schema.ts. */
export const workforceKeys = {
  /** Share of the group's posts empty at clock 0 (a recruiting force starts with vacancies). */
  vacancies_at_start_pct: pct().optional(),
  /**
   * Recruitment intakes, each filling vacant posts on its date. With intakes, a leaver's post
   * stays vacant until an intake fills it (so give intakes or vacancy_weeks, not both).
   */
  intakes: z.array(intakeSchema, { error: 'expected a list of intakes: [{ date: "YYYY-MM-DD", people: N, level: name }]' }).optional(),
  /** Absence (sickness, leave, abstraction) by month, percent; months not given use shrinkage_pct. */
  absence_pct_by_month: z.partialRecord(z.enum(MONTHS, { error: `expected a month: ${MONTHS.join(', ')}` }), pct()).optional(),
};

/**
 * A demand trend: the file's volume is the volume at `reference_date`; a day `y` years later
 * has it times (1 + pct_per_year/100)^y (earlier days: y < 0). Needs horizon.start_date.
 */
export const trendSchema = z.strictObject({
  pct_per_year: z.number({ error: 'expected a percentage a year' }).gt(-100, { error: 'must be > -100' }).max(1_000, { error: 'must be <= 1000' }),
  reference_date: date,
});

export type IntakeInput = z.infer<typeof intakeSchema>;
export type TrendInput = z.infer<typeof trendSchema>;
