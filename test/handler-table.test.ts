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
import type { Level } from '../src/model/roster/Level.js';
import { ReplicationTally } from '../src/metrics/ReplicationTally.js';
import type { CallRecord } from '../src/model/records.js';
import { reportShape, runReplication, simulate } from '../src/simulate.js';
import { loadScenario } from '../src/scenario/load.js';
import { ROOT } from './fixtures/harness.js';

/** The shipped baseline cut to `days` days after one of warm-up. */
const baselineDays = (days: number) =>
  loadScenario(path.join(ROOT, 'scenarios/metcc-2022-baseline.yaml'), [
    { keyPath: 'horizon.days', value: days },
    { keyPath: 'horizon.warmup_days', value: 1 },
  ]).scenario;

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

const level = (index: number): Level => ({
  index, name: `l${index}`, handlingMultiplier: 1, misgradeProbability: 0, underGradeShare: 0, coached: false, secondsAtLevel: Infinity, next: null,
});

describe('staffing keys', () => {
  it('number each group, level and shift together, in order of first use, and follow a new level or a number given again', () => {
    const table = new HandlerTable();
    const a = new HandlerGroup(0, 'a', 0, table);
    const b = new HandlerGroup(1, 'b', 0, table);
    const [l0, l1] = [level(0), level(1)];
    const h = [
      new Handler(a, l0, 'early'), // key 0
      new Handler(a, l0, 'early'), // the same three: 0
      new Handler(a, l1, 'early'), // another level: 1
      new Handler(a, l0, 'late'), // another shift: 2
      new Handler(b, l0, 'early'), // another group: 3
      new Handler(b, null, 'early'), // no level: 4
      new Handler(b, null, ''), // 5
    ];
    expect(h.map((x) => table.staffingKeyOf(x.id))).toEqual([0, 0, 1, 2, 3, 4, 5]);
    // asked again, the same (kept by number)
    expect(h.map((x) => table.staffingKeyOf(x.id))).toEqual([0, 0, 1, 2, 3, 4, 5]);
    // moved up a level: the key of its group, new level and shift
    h[0].setLevel(l1);
    expect(table.staffingKeyOf(h[0].id)).toBe(1);
    // a number given again, to a handler of another shift: that shift's key, not the old holder's
    const old = h[3].id;
    h[3].retire();
    const again = new Handler(a, l1, 'night');
    expect(again.id).toBe(old);
    expect(table.staffingKeyOf(again.id)).toBe(6);
    // and the keys survive the table's growth
    const more = Array.from({ length: 100 }, (_, i) => new Handler(i % 2 === 0 ? a : b, l0, 'early'));
    expect(more.map((x) => table.staffingKeyOf(x.id))).toEqual(more.map((_, i) => (i % 2 === 0 ? 0 : 3)));
    expect(h.map((x) => table.staffingKeyOf(x.id)).slice(0, 3)).toEqual([1, 0, 1]);
  });

  it("in a run, name one group, shift and level each, and give the tally the cells it finds by the names", async () => {
    const scenario = baselineDays(3);
    const shape = reportShape(scenario);
    const records: CallRecord[] = [];
    const run = await runReplication(scenario, shape, { seed: 3, replication: 0, onCall: (c) => records.push(c) });
    const named = new Map<number, string>();
    const keys = new Map<string, number>();
    let answered = 0;
    for (const c of records) {
      if (c.outcome !== 'answered') {
        expect(c.staffingKey).toBe(-1);
        continue;
      }
      answered++;
      const names = `${c.handlerGroup}|${c.shift}|${c.handlerLevel}`;
      expect(named.get(c.staffingKey!) ?? names).toBe(names);
      expect(keys.get(names) ?? c.staffingKey).toBe(c.staffingKey);
      named.set(c.staffingKey!, names);
      keys.set(names, c.staffingKey!);
    }
    expect(answered).toBeGreaterThan(10_000);
    expect(named.size).toBeGreaterThan(10);
    // the same records without their keys (as a record made by hand): the same staffing cells
    const byNames = new ReplicationTally(shape, 0, run.seed);
    for (const c of records) {
      byNames.call({
        replication: c.replication, callId: c.callId, contact: c.contact, contactIndex: c.contactIndex, arrivedAt: c.arrivedAt,
        answeredAt: c.answeredAt, endedAt: c.endedAt, outcome: c.outcome, waitSeconds: c.waitSeconds, handlerGroup: c.handlerGroup,
        counted: c.counted, source: c.source, redialOf: c.redialOf, origin: c.origin, serial: c.serial, attempt: c.attempt,
        baseHandlingSeconds: c.baseHandlingSeconds, patienceSeconds: c.patienceSeconds, btLegSeconds: c.btLegSeconds,
        trueGrade: c.trueGrade, assignedGrade: c.assignedGrade, handlerLevel: c.handlerLevel, shift: c.shift,
      });
    }
    expect(Object.keys(run.staffing).length).toBe(named.size);
    expect(run.staffing).toEqual(byNames.result(run.events, run.calendarEvents).staffing);
  });
});

describe('staffing keys of recycled calls', () => {
  it('are -1 for a call not answered, though the call object answered another caller before', () => {
    const scenario = baselineDays(2);
    const sim = simulate(scenario, { seed: 4, replication: 0, recycle: true });
    const seen = new Set<object>();
    let reusedUnanswered = 0;
    let answered = 0;
    sim.callBatches$.subscribe((batch) => {
      // read during the batch: the calls are reset for later callers afterwards
      for (const c of batch) {
        if (c.outcome === 'answered') {
          answered++;
          expect(c.staffingKey).toBeGreaterThanOrEqual(0);
        } else {
          expect(c.staffingKey).toBe(-1);
          if (seen.has(c)) reusedUnanswered++;
        }
        seen.add(c);
      }
    });
    sim.run();
    expect(answered).toBeGreaterThan(1_000);
    // calls were reused, and some reused object went unanswered after answering before
    expect(reusedUnanswered).toBeGreaterThan(100);
  });
});

describe('handler numbers in a run', () => {
  it('are given again as shifts end, so the table grows with the staff on at once, not with every shift', () => {
    const scenario = baselineDays(6);
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
