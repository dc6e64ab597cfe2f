import type { ContactType } from './ContactType.js';
import type { Handler } from './Handler.js';

/**
 * HandlerGroup: handlers who answer the same contact types. A free handler takes the waiting
 * call of the best priority among its contact types, first come first served within a
 * priority; idle handlers are taken longest-idle first.
 *
 * Keeps the time integrals of staffed and busy handlers (handler-seconds) for the reports.
 */
export class HandlerGroup {
  /** Contact types it answers, best priority first (scenario order within a priority). */
  readonly contacts: ContactType[] = [];
  /** Handlers on duty now (answering, or free to answer). */
  staffed = 0;
  /** Handlers answering calls now. */
  busy = 0;
  /** Handler-seconds staffed / busy since the last `takeAreas()`. */
  staffedArea = 0;
  busyArea = 0;
  private areaAt = 0;

  private idle: Handler[] = [];
  private idleEpochs: number[] = [];
  private idleFirst = 0;

  constructor(
    readonly index: number,
    readonly name: string,
    /** Only calls that have waited at least this long are offered to this group (0: all). */
    readonly takesCallsWaitingSeconds = 0,
  ) {}

  /** Bring the time integrals up to `now` (call before changing staffed or busy). */
  integrate(now: number): void {
    const dt = now - this.areaAt;
    if (dt > 0) {
      this.staffedArea += this.staffed * dt;
      this.busyArea += this.busy * dt;
      this.areaAt = now;
    }
  }

  /** Return the integrals since the last call and start again from `now`. */
  takeAreas(now: number): { staffedSeconds: number; busySeconds: number } {
    this.integrate(now);
    const out = { staffedSeconds: this.staffedArea, busySeconds: this.busyArea };
    this.staffedArea = 0;
    this.busyArea = 0;
    return out;
  }

  /** A handler with nothing to answer waits, longest-idle first. */
  pushIdle(h: Handler): void {
    h.idleEpoch++;
    this.idle.push(h);
    this.idleEpochs.push(h.idleEpoch);
  }

  /** The longest-idle handler still free, or undefined. Stale entries are skipped (lazy removal). */
  popIdle(): Handler | undefined {
    while (this.idleFirst < this.idle.length) {
      const i = this.idleFirst++;
      const h = this.idle[i];
      const epoch = this.idleEpochs[i];
      if (this.idleFirst === this.idle.length) {
        this.idle.length = 0;
        this.idleEpochs.length = 0;
        this.idleFirst = 0;
      } else if (this.idleFirst >= 1024 && this.idleFirst * 2 > this.idle.length) {
        this.idle = this.idle.slice(this.idleFirst);
        this.idleEpochs = this.idleEpochs.slice(this.idleFirst);
        this.idleFirst = 0;
      }
      if (epoch === h.idleEpoch && h.onDuty && !h.busy) return h;
    }
    return undefined;
  }
}
