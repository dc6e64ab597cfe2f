/**
 * Calendar: the future-event list of a discrete-event simulation, a calendar queue.
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
 * It is a calendar queue (R. Brown, "Calendar queues: a fast O(1) priority queue implementation
 * for the simulation event set problem", CACM 31(10), 1988): time is cut into buckets of one
 * width, a power of two of them used round and round (an entry at time t is in virtual bucket
 * floor(t / width), kept in bucket virtual mod count), each bucket a list sorted by (time, key).
 * The next entry is the head of the first bucket, from the current virtual bucket on, whose
 * head lies in that virtual bucket: with the width a few times the mean time between events
 * (fitted when the buckets are doubled or halved, every 65,536 events, and when finding and
 * placing entries has cost several looks or passes an event: `rebuild`), that is the first
 * bucket or the next. An entry after its bucket's last is appended at once (simultaneous
 * events, events in time order); another passes the entries before it. In the simulated year of
 * the baseline (330 entries pending on average) a pop looked at 1.27 buckets and an insertion
 * passed about one entry, where the 4-ary heap it replaced sifted four levels, some 190
 * instructions each. The order of events is the same as the heap's: (time, key) is a total
 * order, as every key is unique, and the buckets' width changes only how long an entry takes to
 * find. Entries at time Infinity wait in a list of their own.
 *
 * Everything lives in typed arrays, by slot (time, key, virtual bucket, the next slot in its
 * bucket), so scheduling allocates nothing per event; each entry's function and argument stay
 * put in a slot table, side by side (one cache line for both).
 *
 * Lanes: a source that never has more than one event pending (an arrival stream's next
 * arrival) may keep it in a lane of its own, outside the buckets (`lane()`, `scheduleLane`). A
 * lane's entry gets its key from the same sequence at the same moment `schedule` would give it,
 * and the next event is the least of the buckets' earliest and the lanes' earliest, so the order
 * is exactly the order of one queue.
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
/** The fewest buckets. */
const MIN_BUCKETS = 16;
/** A bucket's width: this many times the mean time between events taken of late. */
const WIDTH_EVENTS = 3;
/** Events taken before the width is fitted to them; with fewer, it is fitted to this many of the earliest pending. */
const MIN_TAKEN_FOR_WIDTH = 64;
const PENDING_FOR_WIDTH = 25;
/** Fit the width again after this many events taken, as the rate of events drifts. */
const REBUILD_EVERY = 65_536;

export class Calendar {
  /** The simulation clock, in seconds. */
  now = 0;
  /** Events popped and run (cancelled entries, and entries taken off by `remove`, excluded). */
  eventsRun = 0;
  /** Entries taken off by `remove`. */
  eventsRemoved = 0;

  // each pending entry's slot: its time, key and virtual bucket, the next slot in its bucket's
  // list (-1: none), and what it runs (the slot table: its function at 2 * slot, its argument
  // beside it); the free slots
  private times: Float64Array;
  private keys: Float64Array;
  private vbs: Float64Array;
  private nexts: Int32Array;
  private slotTable: unknown[];
  private free: Int32Array;
  private freeCount: number;
  // the buckets: a power of two of them, each the head of a list of slots sorted by (time, key);
  // an entry at time t is in virtual bucket floor(t / width), kept in bucket (virtual mod count)
  private heads: Int32Array;
  /** Each bucket's last slot (-1: empty), so that an entry at or after it is appended at once. */
  private tails: Int32Array;
  private bucketCount = MIN_BUCKETS;
  private width = 1;
  private invWidth = 1;
  /** No pending finite entry is in a virtual bucket before this one. */
  private cur = 0;
  /** Pending entries at finite times (in the buckets), and all pending entries (with those at Infinity). */
  private finite = 0;
  private count = 0;
  /** Entries at time Infinity, a list by key. */
  private infinite = -1;
  // for choosing the width: entries taken from the buckets, and the clock, at the last rebuild;
  // and the work beyond the first bucket looked at and the entries passed on insertion since
  private takenSinceRebuild = 0;
  private nowAtRebuild = 0;
  private work = 0;
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
  // (Infinity, Infinity) when no lane is pending: never ahead of an entry, even one at time Infinity
  private firstLaneKey = Infinity;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(1, initialCapacity);
    this.times = new Float64Array(cap);
    this.keys = new Float64Array(cap);
    this.vbs = new Float64Array(cap);
    this.nexts = new Int32Array(cap);
    this.slotTable = new Array(2 * cap);
    this.free = new Int32Array(cap);
    this.freeCount = 0;
    for (let i = cap - 1; i >= 0; i--) this.free[this.freeCount++] = i;
    this.heads = new Int32Array(MIN_BUCKETS).fill(-1);
    this.tails = new Int32Array(MIN_BUCKETS).fill(-1);
  }

  /** Pending entries, including cancelled ones not yet popped. */
  get size(): number {
    return this.count + this.lanePending;
  }

  /** A new lane: a place for one pending event at a time, outside the buckets (see above). */
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
    if (this.freeCount === 0) this.grow();
    const key = tie * SEQ_SPAN + this.seq++;
    const slot = this.free[--this.freeCount];
    this.slotTable[2 * slot] = fn;
    this.slotTable[2 * slot + 1] = arg;
    this.times[slot] = atSeconds;
    this.keys[slot] = key;
    this.count++;
    if (atSeconds === Infinity) {
      this.insertInfinite(slot, key);
      return;
    }
    const vb = this.virtualBucket(atSeconds);
    this.vbs[slot] = vb;
    if (vb < this.cur) this.cur = vb;
    this.insert(slot, atSeconds, key, vb);
    if (++this.finite > 2 * this.bucketCount) this.rebuild(2 * this.bucketCount);
  }

  /** `schedule`, returning an id for `cancel`. */
  scheduleCancellable<A>(atSeconds: number, fn: EventFn<A>, arg: A, tie: Tie = Tie.Default): number {
    this.schedule(atSeconds, fn, arg, tie);
    return tie * SEQ_SPAN + (this.seq - 1);
  }

  /**
   * `schedule`, returning the entry's slot for `remove`: a small integer, the entry's while it is
   * pending (until it runs or is removed), then another's. (`schedule` took it from the top of
   * the free slots, where it is still written.)
   */
  scheduleRemovable<A>(atSeconds: number, fn: EventFn<A>, arg: A, tie: Tie = Tie.Default): number {
    this.schedule(atSeconds, fn, arg, tie);
    return this.free[this.freeCount];
  }

  /**
   * Take the pending entry in `slot` (from `scheduleRemovable`) off the calendar: it never runs
   * and is not counted in `eventsRun`. Where an event would find nothing to do (a caller's
   * hang-up once answered), this spares finding it, taking it and calling it. Throws if the slot
   * holds no pending entry (its entry has run or been removed, and no other has taken it).
   */
  remove(slot: number): void {
    const nexts = this.nexts;
    const infinite = this.times[slot] === Infinity;
    const b = infinite ? -1 : this.bucketOf(this.vbs[slot]);
    let prev = -1;
    let n = infinite ? this.infinite : this.heads[b];
    while (n !== slot) {
      if (n < 0) throw new Error(`Calendar.remove: slot ${slot} holds no pending entry`);
      prev = n;
      n = nexts[n];
    }
    const next = nexts[slot];
    if (infinite) {
      if (prev < 0) this.infinite = next;
      else nexts[prev] = next;
    } else {
      if (prev < 0) this.heads[b] = next;
      else nexts[prev] = next;
      if (this.tails[b] === slot) this.tails[b] = prev;
      this.finite--;
    }
    this.count--;
    this.eventsRemoved++;
    this.slotTable[2 * slot] = undefined;
    this.slotTable[2 * slot + 1] = undefined;
    this.free[this.freeCount++] = slot;
  }

  /** Mark a scheduled event as cancelled; it is skipped when its time comes. */
  cancel(id: number): void {
    this.cancelled.add(id);
  }

  /** Time of the next pending entry (possibly a cancelled one), or Infinity. */
  peekTime(): number {
    const t = this.finite > 0 ? this.times[this.earliest()] : Infinity;
    return t < this.firstLaneTime ? t : this.firstLaneTime;
  }

  /**
   * Run events in order while the next one is at or before `untilSeconds`.
   * Afterwards `now` is `untilSeconds` if that is finite, else the time of the last event.
   */
  run(untilSeconds = Infinity): void {
    while (this.step(untilSeconds));
    if (untilSeconds !== Infinity && untilSeconds > this.now) this.now = untilSeconds;
  }

  /** Run at most `maxEvents` events; true if any are left afterwards. */
  runEvents(maxEvents: number): boolean {
    for (let i = 0; i < maxEvents; i++) if (!this.step()) return false;
    return this.count + this.lanePending > 0;
  }

  /**
   * Pop and run the next event, if it is at or before `untilSeconds`; false when none is left
   * (none at or before it). Cancelled entries on the way are dropped, whatever comes after them.
   */
  step(untilSeconds = Infinity): boolean {
    for (;;) {
      let slot: number;
      let time: number;
      if (this.finite > 0) {
        slot = this.earliest();
        time = this.times[slot];
      } else {
        slot = this.infinite;
        time = Infinity;
      }
      if (slot < 0 || this.firstLaneTime < time || (this.firstLaneTime === time && this.firstLaneKey < this.keys[slot])) {
        if (this.lanePending === 0 || !(this.firstLaneTime <= untilSeconds)) return false;
        if (this.stepLane()) return true;
        continue;
      }
      if (!(time <= untilSeconds)) return false; // (a limit of NaN runs nothing, as before)
      const key = this.keys[slot];
      // the earliest entry heads its bucket's list (or the list at Infinity): take it off
      const next = this.nexts[slot];
      if (time === Infinity) this.infinite = next;
      else {
        const b = this.bucketOf(this.cur);
        this.heads[b] = next;
        if (next < 0) this.tails[b] = -1;
        this.finite--;
        this.takenSinceRebuild++;
      }
      this.count--;
      const fn = this.slotTable[2 * slot] as EventFn;
      const arg = this.slotTable[2 * slot + 1];
      this.slotTable[2 * slot] = undefined;
      this.slotTable[2 * slot + 1] = undefined;
      this.free[this.freeCount++] = slot;
      const shrink = this.finite < this.bucketCount >> 2 && this.bucketCount > MIN_BUCKETS;
      // refit: on shrinking, every so many events, or when finding and placing entries has cost
      // several looks or passes an event (a width far from what the events need)
      if (shrink || this.takenSinceRebuild >= REBUILD_EVERY || this.work > 4 * this.takenSinceRebuild + 2 * this.finite + 1024) {
        this.rebuild(shrink ? this.bucketCount >> 1 : this.bucketCount);
      }
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

  /**
   * The virtual bucket of a finite time: floor(time / width). It may be as large as doubles go,
   * or Infinity (a time near the largest double over a small width): `bucketOf` still gives
   * every entry of one virtual bucket the same bucket, and past 2^53, where adding 1 no longer
   * moves `cur`, a round of buckets without the next entry ends in the direct search.
   */
  private virtualBucket(atSeconds: number): number {
    return Math.floor(atSeconds * this.invWidth);
  }

  /**
   * The bucket of virtual bucket `vb`: vb mod the bucket count, a power of two. `&` takes vb's
   * low 32 bits (exactly, for any whole double; Infinity gives 0), of which the mask keeps the
   * lowest.
   */
  private bucketOf(vb: number): number {
    return vb & (this.bucketCount - 1);
  }

  /**
   * The slot of the earliest entry at a finite time (there must be one): the head of the first
   * bucket, from the virtual bucket `cur` on, whose head lies in that virtual bucket. After a
   * whole round of buckets without one (every entry far ahead), the least virtual bucket of the
   * heads is found directly. `cur` is left at the entry's virtual bucket.
   */
  private earliest(): number {
    const heads = this.heads;
    const vbs = this.vbs;
    let cur = this.cur;
    let looked = 0;
    for (;;) {
      const h = heads[this.bucketOf(cur)];
      if (h >= 0 && vbs[h] === cur) {
        this.cur = cur;
        this.work += looked;
        return h;
      }
      cur++;
      if (++looked > this.bucketCount) {
        this.work += looked;
        cur = Infinity;
        for (let b = 0; b < this.bucketCount; b++) if (heads[b] >= 0 && vbs[heads[b]] < cur) cur = vbs[heads[b]];
        looked = 0;
      }
    }
  }

  /**
   * Put `slot` into its bucket's list, after every entry before (time, key): at the end at once if
   * it comes after the last (simultaneous events of one rank, events scheduled in time order, a
   * rebuild's entries), else after those it passes from the head.
   */
  private insert(slot: number, time: number, key: number, vb: number): void {
    const times = this.times;
    const keys = this.keys;
    const nexts = this.nexts;
    const b = this.bucketOf(vb);
    const tail = this.tails[b];
    nexts[slot] = -1;
    if (tail < 0) {
      this.heads[b] = slot;
      this.tails[b] = slot;
      return;
    }
    if (times[tail] < time || (times[tail] === time && keys[tail] < key)) {
      nexts[tail] = slot;
      this.tails[b] = slot;
      return;
    }
    let prev = -1;
    let n = this.heads[b];
    let passed = 0;
    while (times[n] < time || (times[n] === time && keys[n] < key)) {
      prev = n;
      n = nexts[n];
      passed++;
    }
    this.work += passed;
    nexts[slot] = n;
    if (prev < 0) this.heads[b] = slot;
    else nexts[prev] = slot;
  }

  private insertInfinite(slot: number, key: number): void {
    const keys = this.keys;
    const nexts = this.nexts;
    let prev = -1;
    let n = this.infinite;
    while (n >= 0 && keys[n] < key) {
      prev = n;
      n = nexts[n];
    }
    nexts[slot] = n;
    if (prev < 0) this.infinite = slot;
    else nexts[prev] = slot;
  }

  /**
   * Spread the finite entries over `bucketCount` buckets of a width fitted to the events: a few
   * times the mean time between the entries taken since the last rebuild (at least 64 of them),
   * else between the earliest entries pending (R. Brown's rule), so that a bucket holds an entry
   * or two of the current round. The order of events does not depend on it, only the time taken
   * to find them.
   */
  private rebuild(bucketCount: number): void {
    const taken = this.takenSinceRebuild;
    const elapsed = this.now - this.nowAtRebuild;
    const oldHeads = this.heads;
    const nexts = this.nexts;
    const pending: number[] = [];
    for (let b = 0; b < oldHeads.length; b++) for (let n = oldHeads[b]; n >= 0; n = nexts[n]) pending.push(n);
    let width = NaN;
    if (taken >= MIN_TAKEN_FOR_WIDTH && elapsed > 0) width = (WIDTH_EVENTS * elapsed) / taken;
    else if (pending.length > 1) {
      const times = Float64Array.from(pending, (slot) => this.times[slot]).sort();
      const n = Math.min(times.length, PENDING_FOR_WIDTH);
      width = (WIDTH_EVENTS * (times[n - 1] - times[0])) / (n - 1);
    }
    if (width > 0 && width < Infinity) {
      this.width = width;
      this.invWidth = 1 / width;
    }
    this.takenSinceRebuild = 0;
    this.work = 0;
    this.nowAtRebuild = this.now;
    this.bucketCount = bucketCount;
    this.heads = new Int32Array(bucketCount).fill(-1);
    this.tails = new Int32Array(bucketCount).fill(-1);
    // every entry pending is at or after now, so in this virtual bucket or a later one
    this.cur = this.virtualBucket(this.now);
    for (const slot of pending) {
      const vb = this.virtualBucket(this.times[slot]);
      this.vbs[slot] = vb;
      this.insert(slot, this.times[slot], this.keys[slot], vb);
    }
  }

  private grow(): void {
    const old = this.times.length;
    const cap = old * 2;
    const times = new Float64Array(cap);
    const keys = new Float64Array(cap);
    const vbs = new Float64Array(cap);
    const nexts = new Int32Array(cap);
    times.set(this.times);
    keys.set(this.keys);
    vbs.set(this.vbs);
    nexts.set(this.nexts);
    const free = new Int32Array(cap);
    free.set(this.free.subarray(0, this.freeCount));
    for (let i = cap - 1; i >= old; i--) free[this.freeCount++] = i;
    this.times = times;
    this.keys = keys;
    this.vbs = vbs;
    this.nexts = nexts;
    this.free = free;
    this.slotTable.length = 2 * cap;
  }
}
