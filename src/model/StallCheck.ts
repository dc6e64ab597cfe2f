import type { HandlerGroup } from './HandlerGroup.js';
import type { Centre } from './journey/Centre.js';
import { SimulationError } from './SimulationError.js';

const WEEK = 7 * 86_400;

/**
 * StallCheck: after the counted period, calls still waiting for a handler while nobody is
 * answering any call, and no call answered or abandoned for a week, mean nobody ever will (the
 * roster has no one on duty for them and their callers never hang up): say so rather than run
 * for ever. Calls being handled are not stuck, however long they take.
 */
export class StallCheck {
  private endedAtLastLook = -1;
  private lastProgressAt = 0;

  constructor(
    private readonly c: Centre,
    private readonly groups: readonly HandlerGroup[],
  ) {}

  /** Look now (once a day). */
  look(): void {
    const c = this.c;
    const now = c.calendar.now;
    const ended = c.counts.answers + c.counts.abandonments;
    if (now < c.endSeconds || c.waiting === 0 || this.groups.some((g) => g.busy > 0) || ended !== this.endedAtLastLook) {
      this.endedAtLastLook = ended;
      this.lastProgressAt = now;
      return;
    }
    if (now - this.lastProgressAt >= WEEK) {
      throw new SimulationError(
        `${c.waiting} calls were still waiting a week after the end of the counted period and nobody answered any of them: ` +
          'the roster must put someone on duty for every contact type (see the warnings of validate)',
      );
    }
  }
}
