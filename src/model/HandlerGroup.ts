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

  // The idle line: entries idleFirst .. idleEnd - 1 of two arrays that only ever grow. Emptying
  // it resets the two indices and keeps the arrays: setting an array's length to 0 drops its
  // storage, and the next handlers to fall idle would allocate it again (with few handlers the
  // line empties every few calls, and that was most of what a call allocated).
  private idle: (Handler | undefined)[] = [];
  private idleEpochs: number[] = [];
  private idleFirst = 0;
  private idleEnd = 0;

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
    if (this.idleEnd === this.idle.length) {
      this.idle.push(h);
      this.idleEpochs.push(h.idleEpoch);
    } else {
      this.idle[this.idleEnd] = h;
      this.idleEpochs[this.idleEnd] = h.idleEpoch;
    }
    this.idleEnd++;
  }

  /** The longest-idle handler still free, or undefined. Stale entries are skipped (lazy removal). */
  popIdle(): Handler | undefined {
    while (this.idleFirst < this.idleEnd) {
      const i = this.idleFirst++;
      const h = this.idle[i]!;
      const epoch = this.idleEpochs[i];
      this.idle[i] = undefined; // the line no longer holds it
      if (this.idleFirst === this.idleEnd) {
        this.idleFirst = 0;
        this.idleEnd = 0;
      } else if (this.idleFirst >= 1024 && this.idleFirst * 2 > this.idleEnd) {
        // the live part alone, once per thousand handlers taken at least (a slice is a copy of
        // memory; copyWithin on an array of objects went element by element, far slower)
        this.idle = this.idle.slice(this.idleFirst, this.idleEnd);
        this.idleEpochs = this.idleEpochs.slice(this.idleFirst, this.idleEnd);
        this.idleEnd -= this.idleFirst;
        this.idleFirst = 0;
      }
      if (epoch === h.idleEpoch && h.onDuty && !h.busy) return h;
    }
    return undefined;
  }
}
