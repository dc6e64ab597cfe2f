import type { Distribution } from '../engine/distributions.js';
import { KeyedRandom } from '../engine/KeyedRandom.js';
import type { CallSource } from './records.js';
import { CallQueue } from './CallQueue.js';
import type { HandlerGroup } from './HandlerGroup.js';

/** What a caller of this type does after hanging up (resolved from `on_abandon`). */
export interface AbandonBehaviour {
  /** [redial, switch 1, switch 2, ...]: probabilities, with where each goes and after what delay. */
  readonly choices: readonly { probability: number; to: ContactType; delay: Distribution; source: CallSource }[];
  /** Of the callers who neither redial nor switch, the share called back, and the task type. */
  readonly callBack: { probability: number; to: ContactType } | null;
}

/** The purposes of a caller's draws, each keyed by the contact type: `KeyedRandom.key('<purpose>:<contact>')`. */
export interface DrawPurposes {
  readonly grade: number;
  readonly redirect: number;
  readonly handling: number;
  readonly redirectHandling: number;
  readonly patience: number;
  readonly hangUp: number;
  readonly btConnect: number;
  readonly misgrade: number;
  readonly retry: number;
  readonly retryDelay: number;
}

/** The purpose keys of contact type `name`. */
function drawPurposes(name: string): DrawPurposes {
  const k = (purpose: string) => KeyedRandom.key(`${purpose}:${name}`);
  return {
    grade: k('grade'),
    redirect: k('redirect'),
    handling: k('handling'),
    redirectHandling: k('redirect-handling'),
    patience: k('patience'),
    hangUp: k('hang-up'),
    btConnect: k('bt-connect'),
    misgrade: k('misgrade'),
    retry: k('retry'),
    retryDelay: k('retry-delay'),
  };
}

/**
 * ContactType: one kind of contact (999, 101, online, a call-back task...) at run time: its
 * priority (lower is answered first), handling and patience (seconds), answer target, BT leg,
 * grade mix, caller behaviour, its queue and the handler groups that answer it.
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
  /** Calls in its queue still waiting (what a supervisor sees on the wallboard: breaks and surge read it). */
  waiting = 0;
  readonly purposes: DrawPurposes;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly priority: number,
    readonly targetSeconds: number,
    readonly handling: Distribution,
    /** Handling by true grade index (every grade), or null: no grades. */
    readonly handlingByGrade: readonly Distribution[] | null,
    /** null: callers never hang up. */
    readonly patience: Distribution | null,
    readonly hangUp: { share: number; withinSeconds: number } | null,
    readonly btConnect: Distribution | null,
    /** Cumulative shares of the true grades, or null: no grading. */
    readonly gradeCdf: Float64Array | null,
    readonly redirect: { share: number; handling: Distribution } | null,
  ) {
    this.purposes = drawPurposes(name);
  }
}
