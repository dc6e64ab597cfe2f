import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { timer, delay, of, interval, take } from 'rxjs';
import { Calendar, Tie } from '../src/engine/Calendar.js';
import { SimScheduler } from '../src/engine/SimScheduler.js';

describe('Calendar', () => {
  it('runs events in time order and keeps the clock', () => {
    const cal = new Calendar();
    const log: string[] = [];
    const say = (name: string) => log.push(`${name}, ${cal.now}`);
    cal.schedule(2, say, 'b');
    cal.schedule(1, say, 'a');
    cal.schedule(3, say, 'c');
    cal.run();
    expect(log).toEqual(['a, 1', 'b, 2', 'c, 3']);
  });

  it('orders simultaneous events: roster changes, then releases, then the rest first-in first-out', () => {
    const cal = new Calendar();
    const log: string[] = [];
    const say = (name: string) => log.push(name);
    cal.schedule(5, say, 'arrival 1');
    cal.schedule(5, say, 'release', Tie.Release);
    cal.schedule(5, say, 'arrival 2');
    cal.schedule(5, say, 'shift starts', Tie.Roster);
    cal.schedule(4, say, 'earlier');
    cal.run();
    expect(log).toEqual(['earlier', 'shift starts', 'release', 'arrival 1', 'arrival 2']);
  });

  it('skips cancelled events lazily and does not count them', () => {
    const cal = new Calendar();
    const log: string[] = [];
    const say = (name: string) => log.push(`${name}, ${cal.now}`);
    cal.schedule(1, say, 'a');
    const b = cal.scheduleCancellable(2, say, 'b');
    cal.schedule(3, say, 'c');
    cal.cancel(b);
    expect(cal.size).toBe(3);
    cal.run();
    expect(log).toEqual(['a, 1', 'c, 3']);
    expect(cal.eventsRun).toBe(2);
  });

  it('run(until) stops at the time given, inclusive, and leaves later events pending', () => {
    const cal = new Calendar();
    const log: string[] = [];
    const say = (name: string) => log.push(`${name}, ${cal.now}`);
    cal.schedule(10, say, 'a');
    cal.schedule(20, say, 'b');
    cal.schedule(30, say, 'c');
    cal.run(20);
    expect(log).toEqual(['a, 10', 'b, 20']);
    expect(cal.now).toBe(20);
    cal.run(25);
    expect(cal.now).toBe(25);
    expect(cal.size).toBe(1);
    cal.run();
    expect(log).toEqual(['a, 10', 'b, 20', 'c, 30']);
  });

  it('run(until) runs no live event after the time given, when a cancelled entry lies before it', () => {
    // a cancelled entry at or before `until`, then a live one after it (in the queue, then in a lane)
    const cal = new Calendar();
    const lane = cal.lane();
    const log: string[] = [];
    const say = (name: string) => log.push(`${name}, ${cal.now}`);
    cal.cancel(cal.scheduleCancellable(10, say, 'cancelled'));
    cal.schedule(30, say, 'late');
    cal.run(20);
    expect(log).toEqual([]);
    expect(cal.now).toBe(20);
    expect(cal.size).toBe(1);
    cal.cancel(cal.scheduleCancellable(25, say, 'cancelled too'));
    cal.scheduleLane(lane, 40, say, 'lane');
    cal.run(35);
    expect(log).toEqual(['late, 30']);
    expect(cal.now).toBe(35);
    cal.run();
    expect(log).toEqual(['late, 30', 'lane, 40']);
    // a limit that is not a number runs nothing
    cal.schedule(50, say, 'not yet');
    cal.run(NaN);
    expect(log).toEqual(['late, 30', 'lane, 40']);
    expect(cal.now).toBe(40);
  });

  it('events scheduled from inside events take their place in the order', () => {
    const cal = new Calendar();
    const log: string[] = [];
    cal.schedule(1, () => {
      log.push(`first, ${cal.now}`);
      cal.schedule(1, () => log.push(`same time, ${cal.now}`), null);
      cal.schedule(1.5, () => log.push(`later, ${cal.now}`), null);
    }, null);
    cal.schedule(1, () => log.push(`second, ${cal.now}`), null);
    cal.run();
    expect(log).toEqual(['first, 1', 'second, 1', 'same time, 1', 'later, 1.5']);
  });

  it('refuses to schedule in the past', () => {
    const cal = new Calendar();
    cal.schedule(5, () => cal.schedule(4, () => undefined, null), null);
    expect(() => cal.run()).toThrow(/before now/);
  });

  it('keeps the order of many random events (against a sort)', () => {
    const cal = new Calendar(4);
    const times: number[] = [];
    let x = 12345;
    const out: number[] = [];
    for (let i = 0; i < 5000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const t = Math.floor((x / 2147483648) * 1000); // many ties
      times.push(t);
      cal.schedule(t, (v: number) => out.push(v), i);
    }
    cal.run();
    const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i).map((e) => e.i);
    expect(out).toEqual(expected);
  });

  it('runs any mix of scheduling (queue and lanes), cancelling, taking off and running in the order of a sorted list', () => {
    // a model of the calendar's order: pending (time, tie, seq) kept sorted; the calendar must run
    // the same events, with up to some 3,000 pending, from its two lanes as from its buckets, with
    // ties of every rank, growing from any initial capacity
    type Pending = { t: number; tie: number; seq: number; id: number; slot: number; lane: number; cancelled: boolean };
    const order = (a: Pending, b: Pending) => a.t - b.t || a.tie - b.tie || a.seq - b.seq;
    const peaks: number[] = [];
    let removed = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(99), fc.nat(2), fc.integer({ min: 0, max: 5 }), fc.nat(7)), { minLength: 1, maxLength: 6000, size: 'max' }),
        fc.integer({ min: 0, max: 64 }),
        (ops, capacity) => {
          const cal = new Calendar(capacity);
          const lanes = [cal.lane(), cal.lane()];
          const model: Pending[] = [];
          const ran: number[] = [];
          const expected: number[] = [];
          const ids: number[] = [];
          const record = (v: number) => ran.push(v);
          let seq = 0;
          let peak = 0;
          for (const [dt, tie, what, pick] of ops) {
            // at a time with many ties
            const t = cal.now + Math.floor(dt / 10);
            const lane = pick % 2;
            if ((what < 4 || model.length === 0) && pick % 2 === 1) {
              // removable (by its slot), not cancellable
              const slot = cal.scheduleRemovable(t, record, seq, tie as Tie);
              model.push({ t, tie, seq, id: -1, slot, lane: -1, cancelled: false });
              seq++;
            } else if (what < 4 || model.length === 0) {
              const id = cal.scheduleCancellable(t, record, seq, tie as Tie);
              model.push({ t, tie, seq, id, slot: -1, lane: -1, cancelled: false });
              ids.push(id);
              seq++;
            } else if (what === 5 && !model.some((m) => m.lane === lane)) {
              cal.scheduleLane(lanes[lane], t, record, seq, tie as Tie);
              model.push({ t, tie, seq, id: -1, slot: -1, lane, cancelled: false });
              seq++;
            } else if (what === 4 && pick === 1 && model.some((m) => m.slot >= 0)) {
              // take a removable entry off: it never runs
              const removable = model.filter((m) => m.slot >= 0);
              const e = removable[(dt * 31 + tie) % removable.length];
              cal.remove(e.slot);
              model.splice(model.indexOf(e), 1);
              removed++;
            } else if (what === 4 && pick === 0 && ids.length > 0) {
              const id = ids[(dt * 31 + tie) % ids.length];
              cal.cancel(id);
              const e = model.find((m) => m.id === id);
              if (e) e.cancelled = true;
            } else {
              // run one event (skipping cancelled ones), as the model says
              model.sort(order);
              while (model.length > 0 && model[0].cancelled) model.shift();
              const next = model.shift();
              if (next) expected.push(next.seq);
              cal.step();
            }
            peak = Math.max(peak, model.length);
          }
          model.sort(order);
          for (const m of model) if (!m.cancelled) expected.push(m.seq);
          cal.run();
          expect(ran).toEqual(expected);
          expect(cal.size).toBe(0);
          peaks.push(peak);
        },
      ),
      { numRuns: 40 },
    );
    // the runs went deep: thousands pending, the buckets doubled several times (and halved again)
    expect(Math.max(...peaks)).toBeGreaterThan(1500);
    expect(removed).toBeGreaterThan(100);
  });

  it('runs to a time as a sorted list says: nothing after it, cancelled entries before it dropped, entries taken off never run; queue, lanes and Infinity', () => {
    type Pending = { t: number; seq: number; id: number; slot: number; cancelled: boolean };
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(30), fc.nat(11), fc.boolean()), { minLength: 1, maxLength: 400 }), (ops) => {
        const cal = new Calendar(4);
        const lane = cal.lane();
        const model: Pending[] = [];
        // each event as its sequence number and the clock when it ran
        const ran: string[] = [];
        const expected: string[] = [];
        const record = (v: number) => ran.push(`${v}@${cal.now}`);
        // by time, then sequence (Infinity - Infinity is NaN: a tie)
        const byTime = (a: Pending, b: Pending) => (a.t === b.t ? a.seq - b.seq : a.t - b.t);
        let seq = 0;
        for (const [dt, what, flag] of ops) {
          const t = cal.now + dt;
          if (what < 5) {
            // now and then at time Infinity; removable by slot or cancellable by id
            const at = dt >= 27 ? Infinity : t;
            if (flag) {
              const slot = cal.scheduleRemovable(at, record, seq);
              model.push({ t: at, seq: seq++, id: -1, slot, cancelled: false });
            } else {
              const id = cal.scheduleCancellable(at, record, seq);
              model.push({ t: at, seq: seq++, id, slot: -1, cancelled: false });
            }
          } else if (what === 5 && !model.some((m) => m.id < 0 && m.slot < 0)) {
            // the lane is free once its entry has run
            cal.scheduleLane(lane, t, record, seq);
            model.push({ t, seq: seq++, id: -1, slot: -1, cancelled: false });
          } else if (what >= 10) {
            const removable = model.filter((m) => m.slot >= 0);
            if (removable.length > 0) {
              const e = removable[(dt * 7) % removable.length];
              cal.remove(e.slot);
              model.splice(model.indexOf(e), 1);
            }
          } else if (what < 8) {
            const live = model.filter((m) => m.id >= 0 && !m.cancelled);
            if (live.length > 0) {
              const e = live[(dt * 7) % live.length];
              cal.cancel(e.id);
              e.cancelled = true;
            }
          } else {
            const until = cal.now + (flag ? dt : Math.floor(dt / 4));
            model.sort(byTime);
            while (model.length > 0 && model[0].t <= until) {
              const e = model.shift()!;
              if (!e.cancelled) expected.push(`${e.seq}@${e.t}`);
            }
            cal.run(until);
            expect(ran).toEqual(expected);
            expect(cal.now).toBe(until);
          }
        }
        model.sort(byTime);
        const before = cal.now;
        const live = model.filter((m) => !m.cancelled);
        for (const m of live) expected.push(`${m.seq}@${m.t}`);
        cal.run();
        expect(ran).toEqual(expected);
        expect(cal.size).toBe(0);
        // the clock rests at the last event run, never at a cancelled entry's time after it
        expect(cal.now).toBe(live.length > 0 ? live[live.length - 1].t : before);
      }),
      { numRuns: 200 },
    );
  });

  it('runs events at every scale of time in order: the buckets refitted, far-ahead entries found directly', () => {
    // times from a millisecond to 10^12 s ahead (and Infinity), so the width fitted to one run of
    // events is far too small or too large for the next, whole rounds of buckets come up empty
    // (the direct search), and the number pending rises and falls (buckets doubled, halved)
    type Pending = { t: number; tie: number; seq: number };
    const order = (a: Pending, b: Pending) => a.t - b.t || a.tie - b.tie || a.seq - b.seq;
    let deepest = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -3, max: 12 }), fc.nat(999), fc.nat(2), fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 4000, size: 'max' }),
        (ops) => {
          const cal = new Calendar(8);
          const model: Pending[] = [];
          const ran: number[] = [];
          const expected: number[] = [];
          const record = (v: number) => ran.push(v);
          let seq = 0;
          for (const [scale, digits, tie, what] of ops) {
            if (what < 6 || model.length === 0) {
              // a burst of near ties at this scale, or one entry at Infinity
              const t = scale === 12 && digits === 0 ? Infinity : cal.now + (digits % 50) * 10 ** scale;
              const n = what < 3 ? 1 : 3;
              for (let k = 0; k < n; k++) {
                cal.schedule(t, record, seq, tie as Tie);
                model.push({ t, tie, seq: seq++ });
              }
            } else {
              const runs = what === 9 ? 5 : 1;
              for (let k = 0; k < runs && model.length > 0; k++) {
                model.sort(order);
                expected.push(model.shift()!.seq);
                cal.step();
              }
            }
            deepest = Math.max(deepest, model.length);
          }
          model.sort(order);
          for (const m of model) expected.push(m.seq);
          cal.run();
          expect(ran).toEqual(expected);
          expect(cal.size).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
    expect(deepest).toBeGreaterThan(500);
  });

  it('takes an entry off by its slot: it never runs nor counts, its slot serves again, and a slot without an entry is refused', () => {
    const cal = new Calendar(2);
    const log: string[] = [];
    const say = (name: string) => log.push(`${name}, ${cal.now}`);
    cal.schedule(5, say, 'a');
    const b = cal.scheduleRemovable(5, say, 'b'); // between two entries of one bucket
    cal.schedule(5, say, 'c');
    const never = cal.scheduleRemovable(Infinity, say, 'never');
    cal.remove(b);
    cal.remove(never);
    expect(cal.size).toBe(2);
    const d = cal.scheduleRemovable(7, say, 'd');
    expect([b, never]).toContain(d);
    cal.run();
    expect(log).toEqual(['a, 5', 'c, 5', 'd, 7']);
    expect(cal.eventsRun).toBe(3);
    expect(cal.eventsRemoved).toBe(2);
    expect(() => cal.remove(d)).toThrow(/slot \d+ holds no pending entry/);
  });

  it('leaves the clock at the last event run, not at a cancelled entry after it', () => {
    // a cancelled entry moved the clock once (the calendar queue's first version): a later
    // schedule before it then failed as "before now"
    const cal = new Calendar();
    cal.schedule(10, () => undefined, null);
    cal.cancel(cal.scheduleCancellable(1e6, () => undefined, null));
    cal.run();
    expect(cal.now).toBe(10);
    expect(cal.eventsRun).toBe(1);
    const log: number[] = [];
    cal.schedule(20, () => log.push(cal.now), null);
    cal.run();
    expect(log).toEqual([20]);
  });

  it('finds an entry far ahead of the rest, whatever width the buckets were fitted to', () => {
    const cal = new Calendar();
    const log: number[] = [];
    // a thousand events a millisecond apart fit the width to a few milliseconds
    for (let i = 0; i < 1000; i++) cal.schedule(i / 1000, () => undefined, null);
    cal.run();
    // then entries a day ahead, 10^9 s ahead (virtual bucket past 2^32), 10^14 s and 2^60 s ahead
    // (past 2^53, where adding 1 no longer moves the search), and at 10^308 (virtual bucket
    // Infinity)
    cal.schedule(1e308, (v: number) => log.push(v), 5);
    cal.schedule(2 ** 60, (v: number) => log.push(v), 4);
    cal.schedule(cal.now + 1e9, (v: number) => log.push(v), 2);
    cal.schedule(cal.now + 1e14, (v: number) => log.push(v), 3);
    cal.schedule(cal.now + 86_400, (v: number) => log.push(v), 1);
    cal.schedule(1e308, (v: number) => log.push(v), 6);
    cal.run();
    expect(log).toEqual([1, 2, 3, 4, 5, 6]);
    expect(cal.now).toBe(1e308);
  });

  it('runs an event scheduled at time Infinity, after the others', () => {
    // with no lane pending, the lanes' earliest once stood at (Infinity, key 0), ahead of any
    // Infinity entry of the heap (as the calendar then was) with a later key: step() returned false with it still pending,
    // and run() never returned
    const cal = new Calendar();
    const log: string[] = [];
    cal.schedule(Infinity, (v: string) => log.push(v), 'last');
    cal.schedule(5, (v: string) => log.push(v), 'first');
    cal.schedule(Infinity, (v: string) => log.push(v), 'later still');
    expect([cal.step(), cal.step(), cal.step(), cal.step()]).toEqual([true, true, true, false]);
    expect(log).toEqual(['first', 'last', 'later still']);
    expect(cal.size).toBe(0);
  });
});

describe('SimScheduler', () => {
  it('runs RxJS timer and delay in simulated time', () => {
    const cal = new Calendar();
    const scheduler = new SimScheduler(cal);
    const log: string[] = [];
    timer(60_000, scheduler).subscribe(() => log.push(`timer, ${cal.now}`));
    of('x').pipe(delay(1_500, scheduler)).subscribe((v) => log.push(`delayed ${v}, ${cal.now}`));
    cal.run();
    expect(log).toEqual(['delayed x, 1.5', 'timer, 60']);
    expect(scheduler.now()).toBe(60_000);
  });

  it('reschedules periodic actions (interval) and stops when unsubscribed', () => {
    const cal = new Calendar();
    const scheduler = new SimScheduler(cal);
    const log: number[] = [];
    interval(10_000, scheduler).pipe(take(3)).subscribe(() => log.push(cal.now));
    const sub = interval(7_000, scheduler).subscribe(() => log.push(-cal.now));
    cal.schedule(15, () => sub.unsubscribe(), null);
    cal.run();
    expect(log).toEqual([-7, 10, -14, 20, 30]);
  });

  it('cancels a pending timer when its subscription is unsubscribed', () => {
    const cal = new Calendar();
    const scheduler = new SimScheduler(cal);
    const log: string[] = [];
    const sub = timer(5_000, scheduler).subscribe(() => log.push('fired'));
    sub.unsubscribe();
    cal.run();
    expect(log).toEqual([]);
    expect(cal.eventsRun).toBe(0);
  });
});
