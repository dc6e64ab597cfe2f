import { takeWhile, timer } from 'rxjs';
import type { SimScheduler } from '../../engine/SimScheduler.js';
import { Handler } from '../Handler.js';
import type { HandlerGroup } from '../HandlerGroup.js';
import type { Centre } from '../journey/Centre.js';
import { comeOnDuty, endSpell, waitingFor } from './duty.js';
import type { SurgeInput } from '../../scenario/intradaySchema.js';
import type { Level } from './Level.js';
import type { RosterChange } from './RosterChange.js';

/** How often the supervisor looks at the queue, seconds. */
const LOOK_SECONDS = 60;

/** A group's surge rule at run time (`surge:`, intradaySchema.ts), in seconds. */
export interface SurgeRule {
  readonly overQueue: number;
  readonly afterSeconds: number;
  readonly extraStaff: number;
  readonly rampSeconds: number;
  readonly maxSeconds: number;
  /** Level of those called in (null: the group has no training levels). */
  readonly level: Level | null;
}

/**
 * Surge: call-ins and overtime for a major incident, for one group. Each minute (on the roster's
 * scheduler, from clock 0 while the run goes on) the supervisor looks at the calls waiting for
 * the group; when more than `overQueue` wait, the call goes out: `afterSeconds` later the first
 * extra position opens, and `extraStaff` of them open evenly over `rampSeconds` (position i at
 * after + i × ramp / extraStaff), each for `maxSeconds` (the overtime cap), leaving after the call
 * in hand. They take no break. One surge at a time: the supervisor looks again once the last
 * extra handler's spell of the last one has ended.
 *
 * @example surge: { when_queue_over: 20, after_minutes: 30, extra_staff: 40, ramp_minutes: 60, max_hours: 6 }
 *   queue over 20 at 18:03 -> 40 extra handlers open one every 90 s from 18:33; the last leaves at 01:31 (after its call)
 */
export class Surge {
  /** No new surge before this clock time (the last one's last extra handler leaves then). */
  private busyUntil = -Infinity;

  constructor(
    private readonly c: Centre,
    private readonly group: HandlerGroup,
    private readonly rule: SurgeRule,
    private readonly emit: (change: RosterChange) => void,
  ) {}

  /** The run-time rule of a group's `surge:` (those called in: its `level`, else the fastest level of the group's training mix). */
  static rule(s: SurgeInput, mix: Record<string, number> | undefined, levels: readonly Level[]): SurgeRule {
    const fastest = levels.filter((l) => mix?.[l.name] !== undefined).reduce<Level | null>((best, l) => (best === null || l.handlingMultiplier < best.handlingMultiplier ? l : best), null);
    return {
      overQueue: s.when_queue_over,
      afterSeconds: s.after_minutes * 60,
      extraStaff: s.extra_staff,
      rampSeconds: (s.ramp_minutes ?? 0) * 60,
      maxSeconds: s.max_hours * 3600,
      level: s.level !== undefined ? levels.find((l) => l.name === s.level)! : fastest,
    };
  }

  /** Start looking at the queue each minute, for as long as the run goes on (`goesOn`). */
  start(scheduler: SimScheduler, goesOn: () => boolean): void {
    timer(LOOK_SECONDS * 1000, LOOK_SECONDS * 1000, scheduler)
      .pipe(takeWhile(goesOn))
      .subscribe(() => this.look(scheduler));
  }

  private look(scheduler: SimScheduler): void {
    const now = this.c.calendar.now;
    if (now < this.busyUntil || waitingFor(this.group) <= this.rule.overQueue) return;
    const r = this.rule;
    this.emit({ kind: 'surge', group: this.group.name, at: now, extraStaff: r.extraStaff });
    for (let i = 0; i < r.extraStaff; i++) {
      const opensIn = r.afterSeconds + (i * r.rampSeconds) / r.extraStaff;
      const h = new Handler(this.group, r.level, 'surge', 0, now + opensIn + r.maxSeconds);
      scheduler.schedule(() => comeOnDuty(this.c, h), opensIn * 1000);
      scheduler.schedule(() => endSpell(this.c, h), (opensIn + r.maxSeconds) * 1000);
    }
    this.busyUntil = now + r.afterSeconds + ((r.extraStaff - 1) * r.rampSeconds) / r.extraStaff + r.maxSeconds;
  }
}
