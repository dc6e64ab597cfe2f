import type { ScenarioInput } from './schema.js';

/** What the cross-key checks read: the entries of a scenario (all of them, or the well-formed ones). */
export type CheckedParts = Pick<ScenarioInput, 'contacts' | 'handlers' | 'training_levels' | 'major_incidents'>;

/**
 * What the cross-key checks compare entries against. For a scenario that parsed as a whole it
 * follows from the scenario itself (`contextOf`); for one with schema errors it comes from the
 * raw file (wellFormedParts), so that the checks can run on the entries that are well-formed
 * and report their problems in the same go, without taking a malformed entry for a missing one.
 */
export interface CheckContext {
  /** Every contact type the file names (also those with malformed keys); undefined if `contacts` is not a map. */
  contactNames?: readonly string[];
  /** Every training level the file names; undefined if `training_levels` is given but not a map. */
  levelNames?: readonly string[];
  /** Every group's answers (undefined for a group whose answers are malformed); undefined if `handlers` is not a map. */
  answers?: ReadonlyMap<string, readonly string[] | undefined>;
  /** horizon.start_date is given (the scenario has a calendar). */
  dated: boolean;
  /** Every entry is well-formed, so the checks over the whole roster and all arrivals can run. */
  complete: boolean;
}

/** The context of a scenario that parsed as a whole. */
export function contextOf(s: ScenarioInput): CheckContext {
  return {
    contactNames: Object.keys(s.contacts),
    levelNames: Object.keys(s.training_levels ?? {}),
    answers: new Map(Object.entries(s.handlers).map(([name, g]) => [name, g.answers])),
    dated: s.horizon.start_date !== undefined,
    complete: true,
  };
}
