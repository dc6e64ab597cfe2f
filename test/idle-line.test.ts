/**
 * The idle line of a handler group (HandlerGroup.pushIdle / popIdle): longest idle first,
 * entries gone stale (the handler left the line, or joined it again later) skipped, and the
 * order kept when the ring grows while it wraps round. The line holds handler numbers; the
 * handlers' state is read from the group's `HandlerTable`.
 */
import { describe, expect, it } from 'vitest';
import { Handler } from '../src/model/Handler.js';
import { HandlerGroup } from '../src/model/HandlerGroup.js';
import { HandlerTable } from '../src/model/HandlerTable.js';

function staff(n: number): { group: HandlerGroup; hs: Handler[] } {
  const group = new HandlerGroup(0, 'g', 0, new HandlerTable());
  const hs = Array.from({ length: n }, (_, i) => new Handler(group, null, `s${i}`));
  for (const h of hs) h.onDuty = true;
  return { group, hs };
}

const drain = (group: HandlerGroup): string[] => {
  const out: string[] = [];
  for (let h = group.popIdle(); h >= 0; h = group.popIdle()) out.push(group.table.shift[h]);
  return out;
};

describe('the idle line', () => {
  it('gives handlers back longest idle first, across growth while wrapped round', () => {
    const { group, hs } = staff(100);
    const expected: string[] = [];
    // 10 in, 7 out, repeatedly: the ring's start moves round before it has to grow (16, 32, 64)
    let next = 0;
    const order: Handler[] = [];
    while (next < hs.length) {
      for (let k = 0; k < 10 && next < hs.length; k++) {
        group.pushIdle(hs[next].id);
        order.push(hs[next++]);
      }
      for (let k = 0; k < 7; k++) expected.push(group.table.shift[group.popIdle()]);
    }
    expect(expected).toEqual(order.slice(0, expected.length).map((h) => h.shift));
    expect(drain(group)).toEqual(order.slice(expected.length).map((h) => h.shift));
  });

  it('skips a handler who joined again later (their older place is stale), and those busy or off duty', () => {
    const { group, hs } = staff(5);
    for (const h of hs) group.pushIdle(h.id);
    group.pushIdle(hs[0].id); // s0 joins again: now last in the line
    hs[1].busy = true; // taken by other means
    hs[2].onDuty = false; // gone on a break
    expect(drain(group)).toEqual(['s3', 's4', 's0']);
    expect(group.popIdle()).toBe(-1);
  });
});
