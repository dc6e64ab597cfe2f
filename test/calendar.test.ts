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

  it('keeps heap order over many random events (against a sort)', () => {
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

  it('runs any mix of scheduling, cancelling and running in the order of a sorted list', () => {
    // a model of the calendar's order: pending (time, tie, seq) kept sorted; the calendar's heap
    // must pop the same events, at every depth (up to 3,000 pending) and with ties of every rank
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(99), fc.nat(2), fc.integer({ min: 0, max: 2 }), fc.nat(7)), { minLength: 1, maxLength: 6000 }),
        fc.integer({ min: 1, max: 64 }),
        (ops, capacity) => {
          const cal = new Calendar(capacity);
          const model: { t: number; tie: number; seq: number; id: number; cancelled: boolean }[] = [];
          const ran: number[] = [];
          const expected: number[] = [];
          let seq = 0;
          const ids: number[] = [];
          for (const [dt, tie, what, pick] of ops) {
            if (what < 2 || model.length === 0) {
              // schedule, at a time with many ties
              const t = cal.now + Math.floor(dt / 10);
              const id = cal.scheduleCancellable(t, (v: number) => ran.push(v), seq, tie as Tie);
              model.push({ t, tie, seq, id, cancelled: false });
              ids.push(id);
              seq++;
            } else if (pick === 0 && ids.length > 0) {
              const id = ids[(dt * 31 + tie) % ids.length];
              cal.cancel(id);
              const e = model.find((m) => m.id === id);
              if (e) e.cancelled = true;
            } else {
              // run one event (skipping cancelled ones), as the model says
              model.sort((a, b) => a.t - b.t || a.tie - b.tie || a.seq - b.seq);
              while (model.length > 0 && model[0].cancelled) model.shift();
              const next = model.shift();
              if (next) expected.push(next.seq);
              cal.step();
            }
          }
          model.sort((a, b) => a.t - b.t || a.tie - b.tie || a.seq - b.seq);
          for (const m of model) if (!m.cancelled) expected.push(m.seq);
          cal.run();
          expect(ran).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
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
