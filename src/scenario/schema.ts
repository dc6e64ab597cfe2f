import { z } from 'zod';
import { breakRuleSchema, surgeSchema } from './intradaySchema.js';
import { planningSchema } from './planningSchema.js';
import { thousands } from './thousands.js';
import { trendSchema, workforceKeys } from './workforceSchema.js';
import { calibrationSchema } from './calibrationSchema.js';
import { uncertainSchema } from './uncertainSchema.js';
import { investmentSchema, otherChangesSchema } from './investmentSchema.js';

/**
 * The scenario file's schema: one definition gives the TypeScript types, the validation
 * errors (with key paths) and the JSON Schema for editors (`metcc-sim schema`, jsonSchema.ts).
 *
 * Every quantity spells its unit in its key. Unknown keys are errors.
 */

const positive = (what = 'a number') => z.number({ error: `expected ${what}` }).positive({ error: 'must be > 0' });
const nonNegative = (what = 'a number') =>
  z.number({ error: `expected ${what}` }).nonnegative({ error: 'must be >= 0' });
/** A time in seconds, bounded. */
const seconds = () => nonNegative().max(LIMITS.seconds, atMost(LIMITS.seconds, ' seconds'));
const positiveSeconds = () => positive().max(LIMITS.seconds, atMost(LIMITS.seconds, ' seconds'));
const count = () => z.number({ error: 'expected a whole number' }).int({ error: 'must be a whole number' });

/**
 * Upper bounds, each with its reason: legal values far past them cannot finish, or exhaust
 * memory, long before they say anything useful (`calls_per_hour: 1e308` never ends).
 */
export const LIMITS = {
  /** Ten years: the model has no trend beyond attrition, and every interval is held in memory. */
  hours: 87_660,
  days: 3_653,
  /** Reporting intervals in the counted period (one year at 5 minutes is 105,120). */
  intervals: 100_000,
  /** About 100 times the busiest hour MetCC has had (999 peaks near 1,000 calls an hour). */
  calls_per_hour: 100_000,
  calls_per_day: 2_400_000,
  calls_per_year: 876_000_000,
  /** A multiplier of the daily volume (weekday, month, special day) or an hourly weight. */
  multiplier: 1_000,
  weight: 1e9,
  /** Any time in seconds (handling, patience, targets, delays): about three years, past any horizon's length of a call. */
  seconds: 1e8,
  /** People in one group or shift: MetCC has about 1,000 call handlers. */
  staff: 10_000,
  /** Replications of one run (each is a full simulation; 10,000 already give sub-percent intervals). */
  replications: 10_000,
  /** Incidents a year at random; extra calls per incident and minutes they are spread over. */
  per_year: 100_000,
  extra_calls: 1_000_000,
  over_minutes: 100_000,
  /** Weeks (training, vacancies): ten years. */
  weeks: 520,
  handling_multiplier: 100,
  daily_variation_cv: 10,
  /** New calls one process simulates (expected, over all its replications): about an hour of one core at a million calls a second. Shards share a larger study out. */
  calls_per_run: 4_000_000_000,
} as const;

/** `.max(limit)` with a message that says the limit and why there is one. */
const atMost = (limit: number, unit = '') => ({ error: `must be at most ${thousands(limit)}${unit} (a sane bound: see the README's limits)` });

/** ', got an empty value' for a key left empty in YAML (null), else ''. */
const gotEmpty = (input: unknown) => (input === null ? ', got an empty value' : '');

/**
 * A name that may become one path segment (the scenario's name names its report folder):
 * letters, digits, `-`, `_`, `.`, not starting with a dot (so never `.`, `..`, a hidden file,
 * a separator or an absolute path).
 */
export const FOLDER_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export const DISTRIBUTION_FAMILIES = ['exponential', 'fixed', 'lognormal', 'gamma', 'uniform', 'empirical'] as const;

/** `{ <family>: { parameters } }`, exactly one family. */
export const distributionSchema = z
  .strictObject({
    exponential: z.strictObject({ mean_seconds: positiveSeconds() }).optional(),
    fixed: z.strictObject({ seconds: seconds() }).optional(),
    lognormal: z.strictObject({ mean_seconds: positiveSeconds(), sd_seconds: positiveSeconds() }).optional(),
    gamma: z.strictObject({ mean_seconds: positiveSeconds(), sd_seconds: positiveSeconds() }).optional(),
    uniform: z
      .strictObject({ min_seconds: seconds(), max_seconds: seconds() })
      .refine((u) => u.max_seconds > u.min_seconds, { error: 'max_seconds must be greater than min_seconds', path: ['max_seconds'] })
      .optional(),
    empirical: z
      .strictObject({ seconds: z.array(seconds(), { error: 'expected a list of seconds' }).min(1, { error: 'must list at least one value' }) })
      .optional(),
  }, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `unknown distribution family; expected one of ${DISTRIBUTION_FAMILIES.join(', ')}`
        : iss.code === 'invalid_type'
          ? `expected a distribution such as { exponential: { mean_seconds: 45 } }${gotEmpty(iss.input)}`
          : undefined,
  })
  .refine((d) => Object.values(d).filter((v) => v !== undefined).length === 1, {
    error: `expected exactly one distribution family (${DISTRIBUTION_FAMILIES.join(', ')})`,
  });
export type DistributionSpecInput = z.infer<typeof distributionSchema>;

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;
/** Grades from most to least urgent: Immediate, Significant, Extended, Referred, no police action. */
export const GRADES = ['I', 'S', 'E', 'R', 'none'] as const;
export type Grade = (typeof GRADES)[number];

const clockTime = z
  .string({ error: 'expected a clock time "HH:MM"' })
  .regex(/^([01]\d|2[0-4]):[0-5]\d$/, { error: 'expected a clock time "HH:MM" (00:00 to 24:00)', abort: true })
  .refine((t) => t <= '24:00', { error: 'expected a clock time "HH:MM" (00:00 to 24:00)' });
const isoDate = z
  .string({ error: 'expected a date "YYYY-MM-DD"' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date "YYYY-MM-DD"' })
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), {
    error: 'not a real calendar date',
  });
const multiplier = () => nonNegative('a multiplier').max(LIMITS.multiplier, atMost(LIMITS.multiplier));
const share = () => z.number({ error: 'expected a share between 0 and 1' }).min(0, { error: 'must be >= 0' }).max(1, { error: 'must be <= 1' });
const pct = () => z.number({ error: 'expected a percentage' }).min(0, { error: 'must be >= 0' }).max(100, { error: 'must be <= 100' });
const sumsToOne = (values: Record<string, number | undefined>) => Math.abs(Object.values(values).reduce<number>((a, b) => a + (b ?? 0), 0) - 1) < 1e-6;

/** 24 non-negative weights, one per hour from 00:00, renormalised in code. */
const hourProfile = z
  .array(nonNegative('a weight').max(LIMITS.weight, atMost(LIMITS.weight)), { error: 'expected a list of 24 hourly weights' })
  .length(24, { error: 'expected exactly 24 hourly weights (00:00 to 23:00)' })
  .refine((a) => a.some((v) => v > 0), { error: 'at least one hour must have a weight > 0' });

const horizonSchema = z
  .strictObject(
    {
    hours: positive().max(LIMITS.hours, atMost(LIMITS.hours, ' hours')).optional(),
    warmup_hours: nonNegative().max(LIMITS.hours, atMost(LIMITS.hours, ' hours')).optional(),
    days: positive().max(LIMITS.days, atMost(LIMITS.days, ' days')).optional(),
    warmup_days: nonNegative().max(LIMITS.days, atMost(LIMITS.days, ' days')).optional(),
    /** The first counted day (local clock; the warm-up runs before it). Gives real dates to intervals and months. */
    start_date: isoDate.optional(),
  },
    { error: (iss) => (iss.code === 'invalid_type' ? `expected { hours: N, warmup_hours: N } or { days: N, warmup_days: N }${gotEmpty(iss.input)}` : undefined) },
  )
  .refine((h) => (h.hours === undefined) !== (h.days === undefined), {
    error: 'give exactly one of hours or days',
  })
  .refine((h) => !(h.hours !== undefined && h.warmup_days !== undefined) && !(h.days !== undefined && h.warmup_hours !== undefined), {
    error: 'use warmup_hours with hours and warmup_days with days',
  });

const arrivalsSchema = z
  .strictObject({
    calls_per_hour: nonNegative().max(LIMITS.calls_per_hour, atMost(LIMITS.calls_per_hour)).optional(),
    calls_per_day: nonNegative().max(LIMITS.calls_per_day, atMost(LIMITS.calls_per_day)).optional(),
    calls_per_year: nonNegative().max(LIMITS.calls_per_year, atMost(LIMITS.calls_per_year)).optional(),
    /** Shape of the day, 24 weights from 00:00 (renormalised). */
    hour_of_day: hourProfile.optional(),
    /** Shape of particular days of the week, overriding hour_of_day on those days. */
    hour_of_day_on: z.partialRecord(z.enum(DAYS, { error: `expected a day: ${DAYS.join(', ')}` }), hourProfile).optional(),
    /** Multipliers of the daily volume by day of the week (missing days: 1). */
    day_of_week: z.partialRecord(z.enum(DAYS, { error: `expected a day: ${DAYS.join(', ')}` }), multiplier()).optional(),
    /** Multipliers of the daily volume by month (missing months: 1). */
    month_of_year: z.partialRecord(z.enum(MONTHS, { error: `expected a month: ${MONTHS.join(', ')}` }), multiplier()).optional(),
    /**
     * Special days, "MM-DD" every year or "YYYY-MM-DD" once: a multiplier of the daily volume,
     * or { multiplier, hour_of_day } when the day also has a shape of its own (New Year's Eve).
     */
    special_days: z
      .record(
        z.string().regex(/^(\d{4}-)?\d{2}-\d{2}$/, { error: 'expected a day "MM-DD" or a date "YYYY-MM-DD"' }),
        z.union([multiplier(), z.strictObject({ multiplier: multiplier(), hour_of_day: hourProfile.optional() })], {
          error: 'expected a multiplier, or { multiplier: N, hour_of_day: [24 weights] }',
        }),
      )
      .optional(),
    /** Day-to-day overdispersion: each day's volume is multiplied by a gamma factor with mean 1 and this coefficient of variation. */
    daily_variation_cv: nonNegative().max(LIMITS.daily_variation_cv, atMost(LIMITS.daily_variation_cv)).optional(),
    /** A demand trend (workforceSchema.ts): the volume above is the volume at the reference date. */
    trend: trendSchema.optional(),
  })
  .refine((a) => [a.calls_per_hour, a.calls_per_day, a.calls_per_year].filter((v) => v !== undefined).length === 1, {
    error: 'give exactly one of calls_per_hour, calls_per_day or calls_per_year',
  });

const redialSchema = z.strictObject({
  probability: share(),
  delay: distributionSchema,
});

const abandonSchema = z
  .strictObject({
    /** The caller dials the same contact type again. */
    redial: redialSchema.optional(),
    /** The caller tries another contact type instead (101 -> online or 999). */
    switch_to: z.record(z.string(), redialSchema).optional(),
    /** Of the callers who neither redial nor switch, the share the force calls back: a task of the named contact type. */
    call_back: z.strictObject({ contact: z.string({ error: 'expected a contact type name' }), probability: share() }).optional(),
  })
  .refine(
    (o) => (o.redial?.probability ?? 0) + Object.values(o.switch_to ?? {}).reduce((a, r) => a + r.probability, 0) <= 1 + 1e-9,
    { error: 'redial and switch_to probabilities must add up to at most 1' },
  );

const gradeMix = z
  .partialRecord(z.enum(GRADES, { error: `expected a grade: ${GRADES.join(', ')}` }), share())
  .refine((m) => sumsToOne(m), { error: 'grade shares must add up to 1' });

const contactSchema = z.strictObject({
  priority: count().min(1, { error: 'must be >= 1 (1 is answered first)' }),
  /** Omit for a contact type fed only by other contacts (redials, switches, call-backs). */
  arrivals: arrivalsSchema.optional(),
  handling: distributionSchema,
  /** Handling time by true grade (grades not listed use `handling`). */
  handling_by_grade: z.partialRecord(z.enum(GRADES, { error: `expected a grade: ${GRADES.join(', ')}` }), distributionSchema).optional(),
  patience: distributionSchema.optional(),
  /** A share of callers who hang up at once, whatever the queue (misdials, second thoughts). */
  immediate_hang_up: z.strictObject({ share: share(), within_seconds: positiveSeconds() }).optional(),
  /**
   * The answer-time target; `calls_pct`, the share of calls to answer within it, is the target
   * line of report.html and what `staff` sizes for (as a share of answered calls, the Home
   * Office measure); `max_abandoned_pct`, the most abandonment `staff` may allow (percent of
   * offered calls). The simulation itself does not use either.
   */
  target: z.strictObject(
    { answer_within_seconds: seconds(), calls_pct: pct().optional(), max_abandoned_pct: pct().optional() },
    { error: (iss) => (iss.code === 'invalid_type' ? `expected { answer_within_seconds: N }${gotEmpty(iss.input)}` : undefined) },
  ),
  /** BT's connect leg (999): its time is inside the answer time, as the Home Office measures. */
  bt_connect: distributionSchema.optional(),
  /** Mix of true grades. */
  grades: gradeMix.optional(),
  /** Calls with no policing purpose (true grade `none`) recognised and redirected quickly. */
  redirect: z.strictObject({ share_of_no_police_action: share(), handling: distributionSchema }).optional(),
  on_abandon: abandonSchema.optional(),
  /** Online contacts: nobody waits on a line, so no patience and no hang-ups. */
  channel: z.enum(['phone', 'online'], { error: 'expected phone or online' }).optional(),
});

/** A contact type's name; a bare number (answers: [999, 101]) means the same name. */
const contactName = z.union([z.string(), z.number().transform(String)], { error: 'expected a contact type name' });

const shiftSchema = z.strictObject({
  start: clockTime,
  end: clockTime,
  days: z.array(z.enum(DAYS, { error: `expected a day: ${DAYS.join(', ')}` }), { error: 'expected a list of days' }).min(1, { error: 'must list at least one day' }).optional(),
  staff: count().min(0, { error: 'must be >= 0' }).max(LIMITS.staff, atMost(LIMITS.staff)),
  /** One break per handler per shift, staggered across the middle of the shift. */
  break_minutes: nonNegative().max(1440, atMost(1440, ' minutes')).optional(),
});

const handlerGroupSchema = z
  .strictObject({
    answers: z.array(contactName, { error: 'expected a list of contact types' }).min(1, {
      error: 'must answer at least one contact type',
    }),
    /** Constant headcount, all available (the minimal form). */
    staff: count().min(0, { error: 'must be >= 0' }).max(LIMITS.staff, atMost(LIMITS.staff)).optional(),
    /** Shifts by clock time and day of the week. */
    shifts: z.record(z.string(), shiftSchema).optional(),
    /** Share of rostered handlers absent (sickness, leave, training abstraction), drawn per handler per shift. */
    shrinkage_pct: pct().optional(),
    /**
     * Shares of the group's handlers at each training level (names from training_levels), or
     * `steady_state`: the mix that the group's own attrition and the levels' weeks imply.
     */
    training_mix: z
      .union([z.literal('steady_state'), z.record(z.string(), share()).refine((m) => sumsToOne(m), { error: 'training_mix shares must add up to 1' })], {
        error: 'expected shares by training level, or steady_state',
      })
      .optional(),
    /** Share of rostered people who leave in a year (at random times); their posts are refilled by recruits. */
    attrition_pct_per_year: z.number({ error: 'expected a percentage' }).min(0, { error: 'must be >= 0' }).lt(100, { error: 'must be < 100' }).optional(),
    /** Weeks a leaver's post stays empty before a recruit starts at the first training level (hiring and vetting). */
    vacancy_weeks: nonNegative().max(LIMITS.weeks, atMost(LIMITS.weeks, ' weeks')).optional(),
    /** Only calls that have waited at least this long are offered to this group (overflow to other forces). */
    takes_calls_waiting_seconds: seconds().optional(),
    ...workforceKeys,
    // intraday management (issue 10, intradaySchema.ts): breaks held while the queue is long, call-ins
    breaks: breakRuleSchema.optional(),
    surge: surgeSchema.optional(),
  })
  .refine((g) => (g.staff === undefined) !== (g.shifts === undefined), { error: 'give exactly one of staff or shifts' });

const trainingLevelSchema = z.strictObject({
  /** Handling time multiplier (1 = as the contact type's handling distribution). */
  handling_multiplier: positive().max(LIMITS.handling_multiplier, atMost(LIMITS.handling_multiplier)),
  /** Probability of assigning a wrong grade, percent. */
  misgrade_pct: pct().optional(),
  /** Of the wrong grades, the share that are too low (under-grading). */
  under_grade_share: share().optional(),
  /** Handlers at this level move to `becomes` spread evenly over this many weeks from the start. */
  weeks_to_next_level: positive().max(LIMITS.weeks, atMost(LIMITS.weeks, ' weeks')).optional(),
  becomes: z.string().optional(),
  /** Coached on live calls: each such handler pairs with an experienced one; the pair is one answering position. */
  coached: z.boolean().optional(),
});

const majorIncidentSchema = z
  .strictObject({
    contact: z.string({ error: 'expected a contact type name' }),
    /** When it starts: hours from the start of the counted period, or a local date-time "YYYY-MM-DDTHH:MM". */
    at_hours: nonNegative().max(LIMITS.hours, atMost(LIMITS.hours, ' hours')).optional(),
    at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: 'expected a local date-time "YYYY-MM-DDTHH:MM"' }).optional(),
    /** Or: incidents like this happen at random, this many a year on average (a Poisson process). */
    per_year: positive().max(LIMITS.per_year, atMost(LIMITS.per_year)).optional(),
    /** Extra calls it brings (mean of a Poisson count), spread over `over_minutes`. */
    extra_calls: positive().max(LIMITS.extra_calls, atMost(LIMITS.extra_calls)),
    over_minutes: positive().max(LIMITS.over_minutes, atMost(LIMITS.over_minutes, ' minutes')),
  })
  .refine((m) => [m.at_hours, m.at, m.per_year].filter((v) => v !== undefined).length === 1, {
    error: 'give exactly one of at_hours, at (a dated incident) or per_year (incidents at random)',
  });

const reportingSchema = z.strictObject({
  interval_minutes: positive().max(10_080, atMost(10_080, ' minutes (a week)')).refine((m) => Number.isInteger(m), { error: 'must be a whole number of minutes' }).optional(),
  /** An abandoned call is a short abandon if its caller hung up on the BT leg or within this long of reaching the force (default 5). */
  short_abandon_seconds: seconds().optional(),
});

export const scenarioSchema = z.strictObject({
  name: z.string({ error: 'expected a name' }).min(1, { error: 'must not be empty' }).regex(FOLDER_NAME, {
    error: 'use letters, digits, . _ - only, not starting with a dot (it names the report folder)',
  }),
  description: z.string({ error: 'expected text' }).optional(),
  extends: z.string().optional(),
  seed: count().min(0, { error: 'must be >= 0' }).optional(),
  replications: count().min(1, { error: 'must be >= 1' }).max(LIMITS.replications, atMost(LIMITS.replications)).optional(),
  horizon: horizonSchema,
  reporting: reportingSchema.optional(),
  contacts: z.record(z.string(), contactSchema, { error: 'expected a map of contact types' }),
  handlers: z.record(z.string(), handlerGroupSchema, { error: 'expected a map of handler groups' }),
  training_levels: z.record(z.string(), trainingLevelSchema).optional(),
  major_incidents: z.array(majorIncidentSchema).optional(),
  /** What `staff` needs to turn a requirement into a roster, FTE and pounds (planningSchema.ts). */
  planning: planningSchema.optional(),
  /** What `calibrate` may change to fit published figures (calibrationSchema.ts); the simulation ignores it. */
  calibration: calibrationSchema.optional(),
  /** The assumptions' plausible ranges for `uncertainty` and `compare --band` (uncertainSchema.ts); the simulation ignores it. */
  uncertain: uncertainSchema.optional(),
  /** The budget and the costed levers it pays for, applied to the rest of the file (investmentSchema.ts, src/investment/). */
  investment: investmentSchema.optional(),
  /** Changes the money did not pay for: applied after the levers, reported apart. */
  other_changes: otherChangesSchema.optional(),
});

export type ScenarioInput = z.infer<typeof scenarioSchema>;
export type ContactInput = z.infer<typeof contactSchema>;
export type HandlerGroupInput = z.infer<typeof handlerGroupSchema>;
export type ShiftInput = z.infer<typeof shiftSchema>;
export type TrainingLevelInput = z.infer<typeof trainingLevelSchema>;
export type ArrivalsInput = z.infer<typeof arrivalsSchema>;
export type MajorIncidentInput = z.infer<typeof majorIncidentSchema>;
