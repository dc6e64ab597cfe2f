import type { ContactType } from './ContactType.js';
import type { HandlerTable } from './HandlerTable.js';

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

  // The idle line: a ring of handler numbers (capacity a power of two, grown when full), with
  // the epoch each joined with. Not an array pushed at one end and taken from the other: with
  // thousands of handlers that array kept growing and was copied down again, a growth and a
  // copy of up to a few thousand entries every few hundred calls (with 5,000 handlers, some
  // 1.5 first-level and 0.9 second-level cache misses a call, in cachegrind).
  private idle = new Int32Array(16);
  /** Epochs can pass 2^31 in a long run: doubles, exact to 2^53. */
  private idleEpochs = new Float64Array(16);
  private idleFirst = 0;
  private idleCount = 0;

  constructor(
    readonly index: number,
    readonly name: string,
    /** Only calls that have waited at least this long are offered to this group (0: all). */
    readonly takesCallsWaitingSeconds = 0,
    /** Where its handlers' state lives: one table for all the groups of a replication. */
    readonly table: HandlerTable,
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

  /** Handler number `h`, with nothing to answer, waits: longest-idle first. */
  pushIdle(h: number): void {
    const epoch = ++this.table.idleEpoch[h];
    if (this.idleCount === this.idle.length) this.growIdle();
    const i = (this.idleFirst + this.idleCount) & (this.idle.length - 1);
    this.idle[i] = h;
    this.idleEpochs[i] = epoch;
    this.idleCount++;
  }

  /** The number of the longest-idle handler still free, or -1. Stale entries are skipped (lazy removal). */
  popIdle(): number {
    const t = this.table;
    while (this.idleCount > 0) {
      const i = this.idleFirst;
      const h = this.idle[i];
      const epoch = this.idleEpochs[i];
      this.idleFirst = (i + 1) & (this.idle.length - 1);
      this.idleCount--;
      if (epoch === t.idleEpoch[h] && t.onDuty[h] === 1 && t.busy[h] === 0) return h;
    }
    return -1;
  }

  /** Twice the room, the line's entries first to last at its start. */
  private growIdle(): void {
    const n = this.idle.length;
    const idle = new Int32Array(2 * n);
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
