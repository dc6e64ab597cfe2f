import { Subscription, type SchedulerAction, type SchedulerLike } from 'rxjs';
import { Calendar, Tie } from './Calendar.js';

/**
 * SimScheduler: an RxJS `SchedulerLike` that runs in simulated time on a `Calendar`.
 *
 * RxJS measures time in milliseconds, so `now()` is the calendar clock (seconds) × 1000 and a
 * `delay` of 1500 is 1.5 simulated seconds. Give it to RxJS time operators (`timer`, `delay`,
 * `timeout`, `interval`...) and they fire as the calendar runs, in simulated time, at the
 * tie rank it was made with (`Tie.Default` unless given; first scheduled first within a rank):
 * the roster's changes use a `SimScheduler` of rank `Tie.Roster`, so they come before calls
 * at the same instant.
 *
 * An action that reschedules itself (as `interval` does) reuses its one calendar slot
 * pattern: the previous entry is cancelled lazily, nothing re-sorts.
 *
 * @example
 *   const cal = new Calendar();
 *   const scheduler = new SimScheduler(cal);
 *   timer(60_000, scheduler).subscribe(() => console.log(cal.now)); // 60
 *   cal.run();
 */
export class SimScheduler implements SchedulerLike {
  constructor(
    readonly calendar: Calendar,
    /** The tie rank of everything scheduled through it. */
    readonly tie: Tie = Tie.Default,
  ) {}

  /** Simulated time in milliseconds (the RxJS convention). */
  now(): number {
    return this.calendar.now * 1000;
  }

  schedule<T>(
    work: (this: SchedulerAction<T>, state?: T) => void,
    delay = 0,
    state?: T,
  ): Subscription {
    return new SimAction<T>(this.calendar, work, this.tie).schedule(state, delay);
  }
}

/** One piece of scheduled work; it may reschedule itself from inside `work`. */
class SimAction<T> extends Subscription implements SchedulerAction<T> {
  private pendingId = -1;
  private state: T | undefined;

  constructor(
    private readonly calendar: Calendar,
    private readonly work: (this: SchedulerAction<T>, state?: T) => void,
    private readonly tie: Tie,
  ) {
    super(() => this.clearPending());
  }

  schedule(state?: T, delay = 0): Subscription {
    if (this.closed) return this;
    this.clearPending();
    this.state = state;
    const delaySeconds = Math.max(0, Number(delay) || 0) / 1000;
    this.pendingId = this.calendar.scheduleCancellable(this.calendar.now + delaySeconds, fire, this as SimAction<unknown>, this.tie);
    return this;
  }

  /** Called by the calendar. */
  execute(): void {
    this.pendingId = -1;
    if (this.closed) return;
    try {
      this.work.call(this, this.state);
    } catch (err) {
      this.unsubscribe();
      throw err;
    }
    // Like RxJS's AsyncAction: work that did not reschedule itself is finished.
    if (this.pendingId === -1 && !this.closed) this.unsubscribe();
  }

  private clearPending(): void {
    if (this.pendingId !== -1) {
      this.calendar.cancel(this.pendingId);
      this.pendingId = -1;
    }
  }
}

function fire(action: SimAction<unknown>): void {
  action.execute();
}
