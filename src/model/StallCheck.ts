import type { ContactType } from './ContactType.js';
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
    private readonly contacts: readonly ContactType[] = [],
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
        `${c.waiting} calls were still waiting a week after the end of the counted period and nobody answered any of them, ` +
          `nor was anyone answering another call: ${this.likelyKeys()} (see the warnings of validate)`,
      );
    }
  }

  /** The keys of the scenario that most likely keep the waiting calls unanswered, in words. */
  private likelyKeys(): string {
    const stuck = this.contacts.filter((t) => t.queue.head() !== undefined);
    if (stuck.length === 0) return 'the roster must put someone on duty for every contact type';
    return stuck
      .map((t) => {
        const groups = [...t.groups, ...t.overflowGroups].map((g) => `handlers.${g.name}`);
        const who = groups.length ? `${groups.join(', ')} ${groups.length > 1 ? 'have' : 'has'} nobody on duty who can answer it (check their shifts, staff and training_mix: coached trainees answer only beside a coach)` : 'no handler group answers it';
        return `contacts.${t.name}: ${who}${t.patience === null ? `, and contacts.${t.name}.patience is not given, so its callers never hang up` : ''}`;
      })
      .join('; ');
  }
}
