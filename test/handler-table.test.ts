/**
 * The handlers' state by number (HandlerTable): each handler's own, kept through the table's
 * growth, written and read through the handler object, shared by the groups of a replication;
 * and a handler held by the table only while it is due to leave.
 */
import { describe, expect, it } from 'vitest';
import { Handler, Leaving } from '../src/model/Handler.js';
import { HandlerGroup } from '../src/model/HandlerGroup.js';
import { HandlerTable } from '../src/model/HandlerTable.js';

describe('the handler table', () => {
  it("numbers handlers in order across groups, and keeps each one's state through growth", () => {
    const table = new HandlerTable();
    const a = new HandlerGroup(0, 'a', 0, table);
    const b = new HandlerGroup(1, 'b', 0, table);
    const hs = Array.from({ length: 300 }, (_, i) => new Handler(i % 3 === 0 ? b : a, null, `s${i}`));
    expect(hs.map((h) => h.id)).toEqual(hs.map((_, i) => i));
    expect(table.count).toBe(300);
    // the state of each, set as the handlers were made would have it grown (64, 128, 256, 512)
    hs.forEach((h, i) => {
      h.onDuty = i % 2 === 0;
      h.busy = i % 5 === 0;
      if (i % 7 === 0) h.leaving = Leaving.ShiftEnd;
    });
    for (let i = 300; i < 600; i++) new Handler(a, null, 'later');
    hs.forEach((h, i) => {
      expect([h.onDuty, h.busy, h.leaving]).toEqual([i % 2 === 0, i % 5 === 0, i % 7 === 0 ? Leaving.ShiftEnd : Leaving.No]);
      expect(table.onDuty[i]).toBe(i % 2 === 0 ? 1 : 0);
      expect(table.group[i]).toBe(i % 3 === 0 ? b : a);
      expect(table.shift[i]).toBe(`s${i}`);
    });
    expect(table.count).toBe(600);
  });

  it('holds a handler only while it is due to leave', () => {
    const group = new HandlerGroup(0, 'g');
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
});
