import { canCoach, type Level } from './Level.js';
import type { Person } from './Person.js';

/** One answering position: a handler, or a coached trainee with the coach beside them. */
export interface Position {
  /** The person answering (the trainee of a coached pair). */
  person: Person;
  level: Level | null;
  /** The coach of a coached trainee, else null. */
  coach: Person | null;
}

/**
 * The answering positions of the people present: each present coached trainee pairs with a
 * present person at a final level (in the order they are listed), and the pair is one position
 * at the trainee's level; everybody else not coaching answers alone. Trainees left without a
 * coach do not answer (they are returned in `unpaired`).
 *
 * @example 2 experienced + 1 trainee present: positions [trainee (coached by the first experienced), second experienced]
 */
export function pairPositions(present: readonly { person: Person; level: Level | null }[]): { positions: Position[]; unpaired: { person: Person; level: Level | null }[] } {
  const trainees = present.filter((p) => p.level?.coached);
  const others = present.filter((p) => !p.level?.coached);
  const coaches = others.filter((p) => canCoach(p.level));
  const pairs = Math.min(trainees.length, coaches.length);
  const positions: Position[] = [];
  for (let i = 0; i < pairs; i++) positions.push({ person: trainees[i].person, level: trainees[i].level, coach: coaches[i].person });
  const coaching = new Set(coaches.slice(0, pairs).map((c) => c.person));
  for (const p of others) if (!coaching.has(p.person)) positions.push({ person: p.person, level: p.level, coach: null });
  return { positions, unpaired: trainees.slice(pairs) };
}
