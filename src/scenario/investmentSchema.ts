import { z } from 'zod';
import { RESERVED_NAMES } from './untrustedData.js';

/**
 * `investment:` and `other_changes:` (issue 11; the contract is ../shared/design's
 * investment-schema): the budget and the levers it pays for, each with its effect and, where
 * the program cannot derive it, its cost basis; and the changes the money did NOT pay for.
 * How they are priced and applied: src/investment/.
 *
 * Lever and change names are data (a record's keys), never code identifiers.
 *
 * @example
 *   investment:
 *     budget_gbp: 2500000
 *     budget_source: "[S §4] £2.5m in the Mayor's 2023/24 budget"
 *     levers:
 *       resilience_places:
 *         source: "[D §6.5] ..."
 *         places: { group: emergency, count: 18, shifts: by_places, range: { min: 0, max: 40, step: 2 } }
 *       training:
 *         source: "[A] ..."
 *         set: { training_levels.new.handling_multiplier: 1.2 }
 *         level: 1
 *         cost: { fte: 12, basis: trainers and course time }
 */

const source = z.string({ error: 'expected a source tag, for example "[S §4] ..." or "[A] ..."' }).min(1, { error: 'must not be empty' });
const text = z.string({ error: 'expected text' });
const amount = (what: string) => z.number({ error: `expected ${what}` }).nonnegative({ error: 'must be >= 0' });
/** A key path as `--set` names it (handlers.emergency.shrinkage_pct). */
const KEY_PATH = /^[^.\s]+(\.[^.\s]+)*$/;

/** What `allocate` may vary a lever over: min..max in steps of `step` (default: the whole range, continuously). */
export const leverRangeSchema = z
  .strictObject({
    min: amount('the lowest value allocate may try'),
    max: amount('the highest value allocate may try'),
    step: z.number({ error: 'expected a step' }).positive({ error: 'must be > 0' }).optional(),
  })
  .refine((r) => r.min <= r.max, { error: 'min must be at most max', path: ['max'] });

/** `places:` extra rostered places (people on that shift every day) in one handler group. */
export const placesEffectSchema = z.strictObject({
  group: z.string({ error: 'expected a handler group name' }).min(1, { error: 'must not be empty' }),
  count: z.number({ error: 'expected a whole number of places' }).int({ error: 'must be a whole number' }).min(0, { error: 'must be >= 0' }).max(10_000, { error: 'must be at most 10,000' }),
  range: leverRangeSchema.optional(),
  /** `by_places` (in proportion to the shifts' places, largest remainder) or places by shift name. */
  shifts: z.union(
    [
      z.literal('by_places'),
      z.record(z.string(), z.number({ error: 'expected a whole number of places' }).int({ error: 'must be a whole number' }).min(0, { error: 'must be >= 0' })),
    ],
    { error: 'expected by_places, or places by shift name { early_0600: 1, late_1600: 3 }' },
  ),
  /**
   * The training level the new places' holders start at. Not given: the places are posts of the
   * group like its others (its vacancies, training mix, attrition and intakes). Given: see
   * src/investment/applyInvestment.ts.
   */
  level: z.string({ error: 'expected a training level name' }).optional(),
});

/** `set:` key paths (as `--set` names them) and their values at level 1. */
export const setEffectSchema = z.record(
  z
    .string()
    .regex(KEY_PATH, { error: 'expected a key path such as handlers.emergency.shrinkage_pct (names joined by dots)' })
    .refine((k) => !k.split('.').some((p) => RESERVED_NAMES.has(p)), { error: 'a key path may not name a reserved name (a property every JavaScript object has)' }),
  z.unknown(),
);

/** A lever's cost at level 1 (or at its count): FTE-years priced at the loaded FTE cost, or pounds. */
export const leverCostSchema = z.union(
  [
    z.strictObject({ fte: amount('FTE-years'), basis: text.min(1, { error: 'must not be empty' }) }),
    z.strictObject({ gbp: amount('pounds'), basis: text.min(1, { error: 'must not be empty' }) }),
  ],
  { error: 'expected { fte: N, basis: "..." } (priced at planning.costs) or { gbp: N, basis: "..." }' },
);

export const leverSchema = z
  .strictObject({
    description: text.optional(),
    source,
    places: placesEffectSchema.optional(),
    set: setEffectSchema.optional(),
    /** A `set` lever's level, 0..1 (default 1): values interpolated linearly from the base scenario's. */
    level: z.number({ error: 'expected a level between 0 and 1' }).min(0, { error: 'must be >= 0' }).max(1, { error: 'must be <= 1' }).optional(),
    /** A `set` lever's range of levels for allocate. */
    range: leverRangeSchema.optional(),
    /** A `set` lever's cost at level 1 (scales linearly with the level); a `places` lever's is derived. */
    cost: leverCostSchema.optional(),
  })
  .refine((l) => (l.places === undefined) !== (l.set === undefined), { error: 'give exactly one effect: places or set' })
  .refine((l) => l.places === undefined || (l.cost === undefined && l.level === undefined && l.range === undefined), {
    error: 'a places lever is priced by the program (planning.costs) and varied by places.count and places.range: remove cost, level and range',
  })
  .refine((l) => l.set === undefined || l.cost !== undefined, { error: 'a set lever needs cost: { fte: N, basis } or { gbp: N, basis }', path: ['cost'] })
  .refine((l) => l.range === undefined || l.range.max <= 1, { error: 'a set lever\'s range is of levels: max must be <= 1', path: ['range', 'max'] });

export const investmentSchema = z.strictObject({
  budget_gbp: amount('pounds (a year)'),
  budget_source: source.optional(),
  levers: z.record(z.string(), leverSchema, { error: 'expected a map of levers' }),
});

/** A change the money did not pay for: applied after the levers, reported apart, never priced. */
export const otherChangeSchema = z
  .strictObject({
    description: text.optional(),
    source,
    places: placesEffectSchema.omit({ range: true }).optional(),
    set: setEffectSchema.optional(),
  })
  .refine((c) => (c.places === undefined) !== (c.set === undefined), { error: 'give exactly one effect: places or set' });

export const otherChangesSchema = z.record(z.string(), otherChangeSchema, { error: 'expected a map of changes' });

export type InvestmentInput = z.infer<typeof investmentSchema>;
export type LeverInput = z.infer<typeof leverSchema>;
export type PlacesEffectInput = z.infer<typeof placesEffectSchema>;
export type OtherChangeInput = z.infer<typeof otherChangeSchema>;
export type OtherChangesInput = z.infer<typeof otherChangesSchema>;
export type LeverRangeInput = z.infer<typeof leverRangeSchema>;
