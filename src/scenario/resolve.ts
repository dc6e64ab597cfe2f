import { DAYS, GRADES, MONTHS, type ContactInput, type HandlerGroupInput, type ScenarioInput, type ShiftInput, type TrainingLevelInput } from './schema.js';

type Required2<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: Exclude<T[P], undefined> };
type Day = (typeof DAYS)[number];
type Month = (typeof MONTHS)[number];
type GradeName = (typeof GRADES)[number];
type Distribution = ContactInput['handling'];

/** Arrivals with every default applied: the shape of every day, weekday and month multipliers, overdispersion. */
export type ResolvedArrivals = Omit<Required2<NonNullable<ContactInput['arrivals']>, 'hour_of_day' | 'daily_variation_cv'>, 'hour_of_day_on' | 'day_of_week' | 'month_of_year'> & {
  hour_of_day_on: Record<Day, number[]>;
  day_of_week: Record<Day, number>;
  /** Present only with a calendar (horizon.start_date). */
  month_of_year?: Record<Month, number>;
};

/** A contact type with every default applied. */
export type ResolvedContact = Omit<ContactInput, 'arrivals' | 'grades' | 'handling_by_grade' | 'channel' | 'on_abandon'> & {
  channel: 'phone' | 'online';
  arrivals?: ResolvedArrivals;
  /** Every grade's share (0 where the file gives none); absent: no grading. */
  grades?: Record<GradeName, number>;
  /** Handling by true grade, every grade filled (the contact's `handling` where the file gives none). */
  handling_by_grade?: Record<GradeName, Distribution>;
  on_abandon?: Required2<NonNullable<ContactInput['on_abandon']>, 'switch_to'>;
};

export type ResolvedShift = Required2<ShiftInput, 'days' | 'break_minutes'>;

/** A handler group with every default applied; rostered groups carry their absence and attrition. */
export type ResolvedGroup = Omit<
  HandlerGroupInput,
  'shifts' | 'takes_calls_waiting_seconds' | 'shrinkage_pct' | 'attrition_pct_per_year' | 'vacancy_weeks' | 'training_mix' | 'vacancies_at_start_pct' | 'intakes' | 'absence_pct_by_month'
> & {
  takes_calls_waiting_seconds: number;
  shifts?: Record<string, ResolvedShift>;
  /** Shares by level (`steady_state` worked out: see steadyStateMix). */
  training_mix?: Record<string, number>;
  /** Rostered groups only. */
  shrinkage_pct?: number;
  attrition_pct_per_year?: number;
  vacancy_weeks?: number;
  vacancies_at_start_pct?: number;
  /** Every intake with its level named. */
  intakes?: { date: string; people: number; level?: string }[];
  /** Every month (shrinkage_pct where the file gives none); with a calendar only. */
  absence_pct_by_month?: Record<Month, number>;
};

export type ResolvedLevel = Required2<TrainingLevelInput, 'misgrade_pct' | 'under_grade_share' | 'coached'>;

/**
 * Scenario: a validated scenario file with every default applied: what the model runs, what
 * `validate` prints and what run.json records. It is itself a valid scenario file (loading it
 * again gives it back unchanged). The model reads only this: no raw file keys, no defaults.
 */
export type Scenario = Omit<ScenarioInput, 'seed' | 'replications' | 'reporting' | 'contacts' | 'handlers' | 'training_levels' | 'major_incidents' | 'extends'> & {
  seed: number;
  replications: number;
  reporting: { interval_minutes: number; short_abandon_seconds: number };
  contacts: Record<string, ResolvedContact>;
  handlers: Record<string, ResolvedGroup>;
  training_levels: Record<string, ResolvedLevel>;
  major_incidents: NonNullable<ScenarioInput['major_incidents']>;
};

const fill = <K extends string, V>(keys: readonly K[], value: (k: K) => V): Record<K, V> =>
  Object.fromEntries(keys.map((k) => [k, value(k)])) as Record<K, V>;

/** Every default of the file format, applied to a validated scenario. */
export function resolveScenario(input: ScenarioInput): Scenario {
  const dated = input.horizon.start_date !== undefined;
  const horizon = { ...input.horizon };
  if (horizon.days !== undefined) horizon.warmup_days ??= 0;
  else horizon.warmup_hours ??= 0;
  const { extends: _extends, ...rest } = input;
  return {
    ...rest,
    seed: input.seed ?? 1,
    replications: input.replications ?? 1,
    horizon,
    reporting: {
      interval_minutes: input.reporting?.interval_minutes ?? 60,
      // the contact-centre convention: a hang-up within 5 s of reaching the queue is a short abandon (README)
      short_abandon_seconds: input.reporting?.short_abandon_seconds ?? 5,
    },
    contacts: mapValues(input.contacts, (c) => resolveContact(c, dated)),
    handlers: mapValues(input.handlers, (g) => resolveGroup(g, input.training_levels ?? {}, dated)),
    training_levels: mapValues(input.training_levels ?? {}, (l) => ({
      ...l,
      misgrade_pct: l.misgrade_pct ?? 0,
      under_grade_share: l.under_grade_share ?? 0.5,
      coached: l.coached ?? false,
    })),
    major_incidents: input.major_incidents ?? [],
  };
}

function resolveContact(c: ContactInput, dated: boolean): ResolvedContact {
  const { arrivals, grades, handling_by_grade, on_abandon, ...rest } = c;
  const out: ResolvedContact = { ...rest, channel: c.channel ?? 'phone' };
  if (arrivals) {
    const hourOfDay = arrivals.hour_of_day ?? new Array<number>(24).fill(1);
    const { month_of_year, ...given } = arrivals;
    const resolved: ResolvedArrivals = {
      ...given,
      hour_of_day: hourOfDay,
      hour_of_day_on: fill(DAYS, (d) => [...(arrivals.hour_of_day_on?.[d] ?? hourOfDay)]),
      day_of_week: fill(DAYS, (d) => arrivals.day_of_week?.[d] ?? 1),
      daily_variation_cv: arrivals.daily_variation_cv ?? 0,
    };
    if (dated) resolved.month_of_year = fill(MONTHS, (m) => month_of_year?.[m] ?? 1);
    out.arrivals = resolved;
  }
  if (grades) {
    out.grades = fill(GRADES, (g) => grades[g] ?? 0);
    out.handling_by_grade = fill(GRADES, (g) => structuredClone(handling_by_grade?.[g] ?? c.handling));
  }
  if (on_abandon) out.on_abandon = { ...on_abandon, switch_to: on_abandon.switch_to ?? {} };
  return out;
}

function resolveGroup(g: HandlerGroupInput, levels: Record<string, TrainingLevelInput>, dated: boolean): ResolvedGroup {
  const { shifts, training_mix, vacancies_at_start_pct, intakes, absence_pct_by_month, ...rest } = g;
  const out: ResolvedGroup = { ...rest, takes_calls_waiting_seconds: g.takes_calls_waiting_seconds ?? 0 };
  if (training_mix === 'steady_state') out.training_mix = steadyStateMix(levels, g.attrition_pct_per_year ?? 0);
  else if (training_mix) out.training_mix = training_mix;
  if (g.surge) out.surge = { ...g.surge, ramp_minutes: g.surge.ramp_minutes ?? 0 };
  if (shifts) {
    out.shifts = mapValues(shifts, (s) => ({ ...s, days: [...(s.days ?? DAYS)], break_minutes: s.break_minutes ?? 0 }));
    out.shrinkage_pct = g.shrinkage_pct ?? 0;
    if (dated) out.absence_pct_by_month = fill(MONTHS, (m) => absence_pct_by_month?.[m] ?? out.shrinkage_pct!);
    out.attrition_pct_per_year = g.attrition_pct_per_year ?? 0;
    out.vacancy_weeks = g.vacancy_weeks ?? 0;
    out.vacancies_at_start_pct = vacancies_at_start_pct ?? 0;
    const entry = entryLevelName(levels);
    out.intakes = (intakes ?? []).map((i) => ({ date: i.date, people: i.people, ...(i.level ?? entry ? { level: i.level ?? entry } : {}) }));
  }
  return out;
}

/** The level recruits start at: the first level no other level becomes. */
export function entryLevelName(levels: Record<string, TrainingLevelInput>): string | undefined {
  const becomes = new Set(Object.values(levels).map((l) => l.becomes));
  return Object.keys(levels).find((n) => !becomes.has(n));
}

/**
 * The training mix a group's own attrition implies in the long run: each post's holder has
 * been in post an exponentially distributed time (rate lambda = -ln(1 - attrition) a year: the
 * age of a Poisson renewal process), so the share still at a level reached after a weeks and
 * left after b weeks is exp(-lambda a) - exp(-lambda b), along the chain from the entry level.
 * The time a post stands vacant between holders is ignored. No attrition: all at the last level.
 * Shares are rounded to 6 decimals (the last level takes the remainder) so the file reads back.
 */
export function steadyStateMix(levels: Record<string, TrainingLevelInput>, attritionPct: number): Record<string, number> {
  const lambdaPerWeek = -Math.log(1 - attritionPct / 100) / (365 / 7);
  const chain: string[] = [];
  for (let n = entryLevelName(levels); n !== undefined && !chain.includes(n); n = levels[n].becomes) chain.push(n);
  const out = Object.create(null) as Record<string, number>;
  let reachedWeeks = 0;
  let left = 1;
  for (const n of chain) {
    const weeks = levels[n].weeks_to_next_level;
    if (n === chain[chain.length - 1] || weeks === undefined) {
      out[n] = Math.round(left * 1e6) / 1e6;
      break;
    }
    out[n] = Math.round((Math.exp(-lambdaPerWeek * reachedWeeks) - Math.exp(-lambdaPerWeek * (reachedWeeks + weeks))) * 1e6) / 1e6;
    left -= out[n];
    reachedWeeks += weeks;
  }
  return out;
}

/** A record's values mapped, its keys kept in order (a null-prototype object: names from a file are data). */
function mapValues<V, W>(record: Record<string, V>, f: (v: V) => W): Record<string, W> {
  const out = Object.create(null) as Record<string, W>;
  for (const [k, v] of Object.entries(record)) out[k] = f(v);
  return out;
}
