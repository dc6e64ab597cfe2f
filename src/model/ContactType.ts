import type { Distribution } from '../engine/distributions.js';
import type { Rng } from '../engine/rng.js';
import { CallQueue } from './CallQueue.js';
import type { HandlerGroup } from './HandlerGroup.js';

/**
 * ContactType: one kind of contact (999, 101, online...) at run time: its priority (lower is
 * answered first), its handling and patience distributions (seconds), its answer target, its
 * queue, and the handler groups that answer it, in the scenario's order.
 */
export class ContactType {
  readonly queue = new CallQueue();
  /** Groups answering this contact type, in scenario order: an arriving call goes to the first with a free handler. */
  readonly groups: HandlerGroup[] = [];

  constructor(
    readonly index: number,
    readonly name: string,
    readonly priority: number,
    readonly targetSeconds: number,
    readonly handling: Distribution,
    /** null: callers never hang up. */
    readonly patience: Distribution | null,
    readonly handlingRng: Rng,
    readonly patienceRng: Rng,
  ) {}
}
