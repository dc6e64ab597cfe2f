import type { Distribution } from '../engine/distributions.js';
import type { Rng } from '../engine/rng.js';
import { CallQueue } from './CallQueue.js';
import type { HandlerGroup } from './HandlerGroup.js';

/** What a caller of this type does after hanging up (resolved from `on_abandon`). */
export interface AbandonBehaviour {
  /** Cumulative choice: [redial, switch 1, switch 2, ...], probabilities, with where each goes and after what delay. */
  readonly choices: readonly { probability: number; to: ContactType; delay: Distribution; source: 'redial' | 'switched' }[];
  /** Of the callers who neither redial nor switch, the share called back, and the task type. */
  readonly callBack: { probability: number; to: ContactType } | null;
}

/**
 * ContactType: one kind of contact (999, 101, online, a call-back task...) at run time: its
 * priority (lower is answered first), handling and patience (seconds), answer target, BT leg,
 * grade mix, caller behaviour, its queue and the handler groups that answer it.
 *
 * Each random quantity has its own stream, so changing one lever leaves the others' draws alone.
 */
export class ContactType {
  readonly queue = new CallQueue();
  /** Groups answering it at once, in scenario order: an arriving call goes to the first with a free handler. */
  readonly groups: HandlerGroup[] = [];
  /** Groups that take it only after it has waited their threshold (overflow). */
  readonly overflowGroups: HandlerGroup[] = [];
  /** The distinct waits (seconds, ascending) at which an overflow group may take a waiting call. */
  overflowThresholds: number[] = [];
  abandon: AbandonBehaviour | null = null;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly priority: number,
    readonly targetSeconds: number,
    readonly handling: Distribution,
    /** Handling by true grade index; null entries use `handling`. */
    readonly handlingByGrade: readonly (Distribution | null)[] | null,
    /** null: callers never hang up. */
    readonly patience: Distribution | null,
    readonly hangUp: { share: number; withinSeconds: number } | null,
    readonly btConnect: Distribution | null,
    /** Cumulative shares of the true grades, or null: no grading. */
    readonly gradeCdf: Float64Array | null,
    readonly redirect: { share: number; handling: Distribution } | null,
    readonly rng: {
      handling: Rng;
      patience: Rng;
      hangUp: Rng;
      bt: Rng;
      grade: Rng;
      redirect: Rng;
      redirectHandling: Rng;
      abandon: Rng;
      abandonDelay: Rng;
    },
  ) {}
}
