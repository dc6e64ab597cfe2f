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

  // The idle line: a ring of handlers (capacity a power of two, grown when full), with the
  // epoch each joined with. Not an array pushed at one end and taken from the other: with
  // thousands of handlers that array kept growing and was copied down again, a growth and a
  // copy of up to a few thousand entries every few hundred calls (with 5,000 handlers, some
  // 1.5 first-level and 0.9 second-level cache misses a call, in cachegrind).
  private idle: (Handler | undefined)[] = new Array<Handler | undefined>(16).fill(undefined);
  /** Epochs can pass 2^31 in a long run: doubles, exact to 2^53. */
  private idleEpochs = new Float64Array(16);
  private idleFirst = 0;
  private idleCount = 0;

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
    if (this.idleCount === this.idle.length) this.growIdle();
    const i = (this.idleFirst + this.idleCount) & (this.idle.length - 1);
    this.idle[i] = h;
    this.idleEpochs[i] = h.idleEpoch;
    this.idleCount++;
  }

  /** The longest-idle handler still free, or undefined. Stale entries are skipped (lazy removal). */
  popIdle(): Handler | undefined {
    while (this.idleCount > 0) {
      const i = this.idleFirst;
      const h = this.idle[i]!;
      const epoch = this.idleEpochs[i];
      this.idle[i] = undefined; // the line no longer holds it
      this.idleFirst = (i + 1) & (this.idle.length - 1);
      this.idleCount--;
      if (epoch === h.idleEpoch && h.onDuty && !h.busy) return h;
    }
    return undefined;
  }

  /** Twice the room, the line's entries first to last at its start. */
  private growIdle(): void {
    const n = this.idle.length;
    const idle = new Array<Handler | undefined>(2 * n).fill(undefined);
    const epochs = new Float64Array(2 * n);
    for (let k = 0; k < n; k++) {
      const j = (this.idleFirst + k) & (n - 1);
      idle[k] = this.idle[j];
      epochs[k] = this.idleEpochs[j];
    }
    this.idle = idle;
    this.idleEpochs = epochs;
    this.idleFirst = 0;
  }
}
