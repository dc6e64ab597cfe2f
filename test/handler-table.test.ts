/**
 * The handlers' state by number (HandlerTable): each handler's own, kept through the table's
 * growth (also while numbers wait in an idle line), written and read through the handler
 * object, shared by the groups of a replication; a handler held by the table only while it is
 * due to leave; and a retired handler's number given again without the old object or the old
 * idle-line entries reaching the new handler.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Calendar } from '../src/engine/Calendar.js';
import { RandomStreams, replicationSeed } from '../src/engine/rng.js';
import { ContactCentre } from '../src/model/ContactCentre.js';
import { Handler, Leaving } from '../src/model/Handler.js';
import { HandlerGroup } from '../src/model/HandlerGroup.js';
import { HandlerTable } from '../src/model/HandlerTable.js';
import { loadScenario } from '../src/scenario/load.js';
import { ROOT } from './fixtures/harness.js';

const drain = (group: HandlerGroup): number[] => {
  const out: number[] = [];
  for (let h = group.popIdle(); h >= 0; h = group.popIdle()) out.push(h);
  return out;
};

describe('the handler table', () => {
  it("numbers handlers in order across groups, and keeps each one's state and idle entries through growth", () => {
    const table = new HandlerTable();
    const a = new HandlerGroup(0, 'a', 0, table);
    const b = new HandlerGroup(1, 'b', 0, table);
    const hs = Array.from({ length: 50 }, (_, i) => new Handler(i % 3 === 0 ? b : a, null, `s${i}`));
    expect(hs.map((h) => h.id)).toEqual(hs.map((_, i) => i));
    const state = (i: number) => [i % 2 === 0, i % 5 === 0, i % 7 === 0 ? Leaving.ShiftEnd : Leaving.No];
    hs.forEach((h, i) => {
      [h.onDuty, h.busy] = [i % 2 === 0, i % 5 === 0];
      if (i % 7 === 0) h.leaving = Leaving.ShiftEnd;
    });
    // group a's free handlers on duty wait in its line, in this order
    const waiting = hs.filter((h, i) => h.group === a && i % 2 === 0 && i % 5 !== 0).reverse();
    for (const h of waiting) a.pushIdle(h.id);
    // 550 more: the typed arrays grow from 64 to 128, 256, 512 and 1,024 rows
    const more = Array.from({ length: 550 }, (_, i) => new Handler(b, null, `m${i}`));
    more[549].onDuty = true;
    more[549].leaving = Leaving.Break;
    hs.forEach((h, i) => {
      expect([h.onDuty, h.busy, h.leaving]).toEqual(state(i));
      expect([table.group[i], table.shift[i]]).toEqual([i % 3 === 0 ? b : a, `s${i}`]);
    });
    expect([more[549].id, more[549].onDuty, more[549].busy, more[549].leaving]).toEqual([599, true, false, Leaving.Break]);
    expect(table.onDuty[599]).toBe(1);
    expect(table.rows).toBe(600);
    expect(drain(a)).toEqual(waiting.map((h) => h.id));
  });

  it('holds a handler only while it is due to leave', () => {
    const group = new HandlerGroup(0, 'g', 0, new HandlerTable());
    const [h, other] = [new Handler(group, null, 'x'), new Handler(group, null, 'y')];
    expect(group.table.leaver(h.id)).toBeUndefined();
    h.leaving = Leaving.Break;
    other.leaving = Leaving.BreakWhenQuiet;
    expect(group.table.leaver(h.id)).toBe(h);
    expect(group.table.leaver(other.id)).toBe(other);
    h.leaving = Leaving.No;
    expect(group.table.leaver(h.id)).toBeUndefined();
    expect(group.table.leaver(other.id)).toBe(other);
  });

  it("gives a retired handler's number again: the old object reads off duty and refuses changes, its idle entries are stale", () => {
    const table = new HandlerTable();
    const a = new HandlerGroup(0, 'a', 0, table);
    const b = new HandlerGroup(1, 'b', 0, table);
    const old = new Handler(a, null, 'early');
    old.onDuty = true;
    a.pushIdle(old.id); // the old holder waits in group a's line
    const answering = new Handler(a, null, 'early');
    answering.busy = true;
    expect(() => answering.retire()).toThrow(/still on duty, busy or leaving/);
    old.onDuty = false; // its shift ends while it waits
    old.retire();
    const next = new Handler(b, null, 'late');
    expect(next.id).toBe(old.id);
    next.onDuty = true; // on duty and free, before joining b's line
    expect([old.onDuty, old.busy, old.leaving]).toEqual([false, false, Leaving.No]);
    expect(() => (old.onDuty = true)).toThrow(/changed after its spell was over/);
    expect(() => (old.leaving = Leaving.Break)).toThrow(/changed after its spell was over/);
    expect(a.popIdle()).toBe(-1); // group a does not take group b's handler through the old entry
    expect(table.rows).toBe(2);
  });
});

describe('handler numbers in a run', () => {
  it('are given again as shifts end, so the table grows with the staff on at once, not with every shift', () => {
    const scenario = loadScenario(path.join(ROOT, 'scenarios/metcc-2022-baseline.yaml'), [
      { keyPath: 'horizon.days', value: 6 },
      { keyPath: 'horizon.warmup_days', value: 1 },
    ]).scenario;
    const centre = new ContactCentre(scenario, new Calendar(), new RandomStreams(replicationSeed(5, 0)), 0, true);
    let spells = 0;
    centre.roster.changes$.subscribe((change) => {
      if (change.kind === 'shift-start') spells += change.positions.length;
    });
    centre.start();
    while (centre.state.calendar.runEvents(4096)) centre.handedOn(centre.takeEnded());
    // a week of shifts: a day's positions, and the next day's planned as it starts, at once at the most
    expect(spells).toBeGreaterThan(2_000);
    expect(centre.state.handlers.rows).toBeLessThan(spells / 3);
  });
});
