/**
 * Calendar: the future-event list of a discrete-event simulation, a 4-ary heap.
 *
 * Events are ordered by (time in seconds, tie rank, sequence number). The tie rank is the
 * one documented order for simultaneous events:
 *
 *   1. `Tie.Roster`  roster changes (shifts starting and ending, breaks)
 *   2. `Tie.Release` handler releases (a call's handling ends)
 *   3. `Tie.Default` everything else (arrivals, abandonments, scheduler actions), by sequence
 *
 * Within one rank, events run in the order they were scheduled (first in, first out).
 * Cancellation is lazy: `cancel(id)` only marks the entry, which is skipped when popped.
 *
 * The heap lives in typed arrays (each entry's time and key side by side, its slot apart) so that
 * scheduling allocates nothing per event, and a sift moves numbers only: each entry's function
 * and argument stay put in a slot table, which the heap names by index (object references moved
 * on every sift cost about a sixth of a run).
 *
 * It is a 4-ary heap (children of i at 4i+1 ... 4i+4): half the levels of a binary heap, and a
 * node's four children's times and keys lie in 64 adjacent bytes (one cache line or two). With
 * thousands of events pending (5,000 handlers) a pop's sift down the binary heap's dozen levels,
 * through three arrays, missed the L1 cache at nearly every level. A pop picks the least child
 * with arithmetic on comparisons rather than branches (which child wins is a coin toss the
 * processor guesses wrong half the time): with branches the 4-ary heap missed the cache less but
 * mispredicted more, and gained nothing. The order of events is the same with any heap: (time,
 * key) is a total order, as every key is unique.
 *
 * Lanes: a source that never has more than one event pending (an arrival stream's next
 * arrival) may keep it in a lane of its own, outside the heap (`lane()`, `scheduleLane`). A
 * lane's entry gets its key from the same sequence at the same moment `schedule` would give it,
 * and the next event is the least of the heap's root and the lanes' earliest, so the order is
 * exactly the order of one heap; an arrival then costs no sift at all.
 *
 * @example
 *   const cal = new Calendar();
 *   cal.schedule(60, (name) => log.push(`${name}, ${cal.now}`), 'a');
 *   cal.run(); // log: ['a, 60']
 */
export const Tie = { Roster: 0, Release: 1, Default: 2 } as const;
export type Tie = (typeof Tie)[keyof typeof Tie];

/** A function the calendar calls when an event fires, with the argument it was scheduled with. */
export type EventFn<A = any> = (arg: A) => void;

/** 2^40: sequence numbers below this; the tie rank is stored above it in the same key. */
const SEQ_SPAN = 1_099_511_627_776;

export class Calendar {
  /** The simulation clock, in seconds. */
  now = 0;
  /** Events popped and run (cancelled entries excluded). */
  eventsRun = 0;

  // the heap: entry i's time at tk[2i], its key at tk[2i + 1], its slot at slots[i]; every place
  // from `count` on, and four past the capacity, holds (Infinity, Infinity), so a pop may look at
  // all four children of a node without asking how many it has
  private tk: Float64Array;
  private slots: Int32Array;
  // the slot table: what each pending entry runs, its function at 2 * slot and its argument
  // beside it (one cache line for both: with thousands of events pending, a popped entry's slot
  // is seldom still in the cache), and the free slots
  private slotTable: unknown[];
  private free: Int32Array;
  private freeCount = 0;
  private count = 0;
  private seq = 0;
  private readonly cancelled = new Set<number>();
  // the lanes: one pending entry each (time Infinity: none), and the earliest of them
  private laneTimes: number[] = [];
  private laneKeys: number[] = [];
  private laneFns: (EventFn | undefined)[] = [];
  private laneArgs: unknown[] = [];
  private lanePending = 0;
  private firstLane = -1;
  private firstLaneTime = Infinity;
  // (Infinity, Infinity) when no lane is pending: never ahead of a heap entry, even one at time Infinity
  private firstLaneKey = Infinity;

  constructor(initialCapacity = 1024) {
    this.tk = new Float64Array(2 * (initialCapacity + 4)).fill(Infinity);
    this.slots = new Int32Array(initialCapacity);
    this.slotTable = new Array(2 * initialCapacity);
    this.free = new Int32Array(initialCapacity);
    for (let i = initialCapacity - 1; i >= 0; i--) this.free[this.freeCount++] = i;
  }

  /** Pending entries, including cancelled ones not yet popped. */
  get size(): number {
    return this.count + this.lanePending;
  }

  /** A new lane: a place for one pending event at a time, outside the heap (see above). */
  lane(): number {
    this.laneTimes.push(Infinity);
    this.laneKeys.push(0);
    this.laneFns.push(undefined);
    this.laneArgs.push(undefined);
    return this.laneTimes.length - 1;
  }

  /**
   * Schedule `fn(arg)` at `atSeconds` in lane `lane`, which must have nothing pending; the same
   * order as `schedule` would give it.
   */
  scheduleLane<A>(lane: number, atSeconds: number, fn: EventFn<A>, arg: A, tie: Tie = Tie.Default): void {
    if (!(atSeconds >= this.now && atSeconds < Infinity)) {
      throw new Error(`Calendar.scheduleLane: time ${atSeconds} is before now (${this.now}), infinite or not a number`);
    }
    if (this.laneTimes[lane] !== Infinity) throw new Error(`Calendar.scheduleLane: lane ${lane} already has an event pending`);
    const key = tie * SEQ_SPAN + this.seq++;
    this.laneTimes[lane] = atSeconds;
    this.laneKeys[lane] = key;
    this.laneFns[lane] = fn;
    this.laneArgs[lane] = arg;
    this.lanePending++;
    if (atSeconds < this.firstLaneTime || (atSeconds === this.firstLaneTime && key < this.firstLaneKey)) {
      this.firstLane = lane;
      this.firstLaneTime = atSeconds;
      this.firstLaneKey = key;
    }
  }

  /**
   * Schedule `fn(arg)` at absolute time `atSeconds` (never before `now`).
   *
   * It returns nothing: an id is a number beyond 2^31, which V8 returns from a call it has not
   * inlined as a heap number of its own, one allocation per event for ids nearly every caller
   * drops. `scheduleCancellable` returns it.
   */
  schedule<A>(atSeconds: number, fn: EventFn<A>, arg: A, tie: Tie = Tie.Default): void {
    if (!(atSeconds >= this.now)) {
      throw new Error(`Calendar.schedule: time ${atSeconds} is before now (${this.now}) or not a number`);
    }
    if (this.count === this.slots.length) this.grow();
    const key = tie * SEQ_SPAN + this.seq++;
    const slot = this.free[--this.freeCount];
    this.slotTable[2 * slot] = fn;
    this.slotTable[2 * slot + 1] = arg;
    // sift up
    let i = this.count++;
    const tk = this.tk;
    const slots = this.slots;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pt = tk[2 * parent];
      if (pt < atSeconds || (pt === atSeconds && tk[2 * parent + 1] < key)) break;
      tk[2 * i] = pt;
      tk[2 * i + 1] = tk[2 * parent + 1];
      slots[i] = slots[parent];
      i = parent;
    }
    tk[2 * i] = atSeconds;
    tk[2 * i + 1] = key;
    slots[i] = slot;
  }

  /** `schedule`, returning an id for `cancel`. */
  scheduleCancellable<A>(atSeconds: number, fn: EventFn<A>, arg: A, tie: Tie = Tie.Default): number {
    this.schedule(atSeconds, fn, arg, tie);
    return tie * SEQ_SPAN + (this.seq - 1);
  }

  /** Mark a scheduled event as cancelled; it is skipped when its time comes. */
  cancel(id: number): void {
    this.cancelled.add(id);
  }

  /** Time of the next pending entry (possibly a cancelled one), or Infinity. */
  peekTime(): number {
    const t = this.count > 0 ? this.tk[0] : Infinity;
    return t < this.firstLaneTime ? t : this.firstLaneTime;
  }

  /**
   * Run events in order while the next one is at or before `untilSeconds`.
   * Afterwards `now` is `untilSeconds` if that is finite, else the time of the last event.
   */
  run(untilSeconds = Infinity): void {
    while (this.count + this.lanePending > 0 && this.peekTime() <= untilSeconds) {
      this.step();
    }
    if (untilSeconds !== Infinity && untilSeconds > this.now) this.now = untilSeconds;
  }

  /** Run at most `maxEvents` events; true if any are left afterwards. */
  runEvents(maxEvents: number): boolean {
    for (let i = 0; i < maxEvents; i++) if (!this.step()) return false;
    return this.count + this.lanePending > 0;
  }

  /** Pop and run the next event; false when none is left. */
  step(): boolean {
    for (;;) {
      const tk = this.tk;
      if (this.count === 0 || this.firstLaneTime < tk[0] || (this.firstLaneTime === tk[0] && this.firstLaneKey < tk[1])) {
        if (this.lanePending === 0) return false;
        if (this.stepLane()) return true;
        continue;
      }
      const time = tk[0];
      const key = tk[1];
      const slot = this.slots[0];
      const fn = this.slotTable[2 * slot] as EventFn;
      const arg = this.slotTable[2 * slot + 1];
      this.slotTable[2 * slot] = undefined;
      this.slotTable[2 * slot + 1] = undefined;
      this.free[this.freeCount++] = slot;
      this.popRoot();
      if (this.cancelled.size > 0 && this.cancelled.delete(key)) continue;
      this.now = time;
      this.eventsRun++;
      fn(arg);
      return true;
    }
  }

  /** Take the earliest lane's entry and run it unless cancelled (false then). */
  private stepLane(): boolean {
    const lane = this.firstLane;
    const time = this.firstLaneTime;
    const key = this.firstLaneKey;
    const fn = this.laneFns[lane]!;
    const arg = this.laneArgs[lane];
    this.laneTimes[lane] = Infinity;
    this.laneFns[lane] = undefined;
    this.laneArgs[lane] = undefined;
    this.lanePending--;
    this.findFirstLane();
    if (this.cancelled.size > 0 && this.cancelled.delete(key)) return false;
    this.now = time;
    this.eventsRun++;
    fn(arg);
    return true;
  }

  private findFirstLane(): void {
    const times = this.laneTimes;
    const keys = this.laneKeys;
    let first = -1;
    let t = Infinity;
    let k = Infinity;
    for (let i = 0; i < times.length; i++) {
      const ti = times[i];
      if (ti < t || (ti === t && ti !== Infinity && keys[i] < k)) {
        first = i;
        t = ti;
        k = keys[i];
      }
    }
    this.firstLane = first;
    this.firstLaneTime = t;
    this.firstLaneKey = k;
  }

  private popRoot(): void {
    const n = --this.count;
    const tk = this.tk;
    const slots = this.slots;
    // the last entry, sifted down from the root; its place is empty now (see `tk`)
    const t = tk[2 * n];
    const k = tk[2 * n + 1];
    const sl = slots[n];
    tk[2 * n] = Infinity;
    tk[2 * n + 1] = Infinity;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const a = 4 * i + 1;
      if (a >= n) break;
      // the least of i's four children (empty places are (Infinity, Infinity): never less),
      // picked with arithmetic on comparisons, not branches (see above): the lesser of the
      // first two, of the last two, then of those two
      const c = a + 2;
      const ta = tk[2 * a];
      const tb = tk[2 * a + 2];
      const tc = tk[2 * c];
      const td = tk[2 * c + 2];
      const x = a + (+(tb < ta) | (+(tb === ta) & +(tk[2 * a + 3] < tk[2 * a + 1])));
      const y = c + (+(td < tc) | (+(td === tc) & +(tk[2 * c + 3] < tk[2 * c + 1])));
      const tx = tk[2 * x];
      const ty = tk[2 * y];
      const yWins = +(ty < tx) | (+(ty === tx) & +(tk[2 * y + 1] < tk[2 * x + 1]));
      const child = x + yWins * (y - x);
      const ct = tk[2 * child];
      const ck = tk[2 * child + 1];
      if (ct > t || (ct === t && ck > k)) break;
      tk[2 * i] = ct;
      tk[2 * i + 1] = ck;
      slots[i] = slots[child];
      i = child;
    }
    tk[2 * i] = t;
    tk[2 * i + 1] = k;
    slots[i] = sl;
  }

  private grow(): void {
    const old = this.slots.length;
    const cap = Math.max(1, old * 2);
    const tk = new Float64Array(2 * (cap + 4)).fill(Infinity);
    tk.set(this.tk.subarray(0, 2 * old));
    const slots = new Int32Array(cap);
    slots.set(this.slots);
    const free = new Int32Array(cap);
    free.set(this.free.subarray(0, this.freeCount));
    for (let i = cap - 1; i >= old; i--) free[this.freeCount++] = i;
    this.tk = tk;
    this.slots = slots;
    this.free = free;
    this.slotTable.length = 2 * cap;
  }
}
