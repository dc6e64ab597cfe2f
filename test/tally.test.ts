/**
 * The tally's flat arrays read back through their named layouts (IntervalField, MonthField,
 * TriageMatrix): a handful of calls, worked by hand, folded over two replications and read as
 * the rows of intervals.csv, peel.csv, triage.csv and grading.csv. A field offset or triage
 * index that names the wrong slot puts a count in the wrong column here.
 */
import { describe, expect, it } from 'vitest';
import { Aggregate } from '../src/metrics/Aggregate.js';
import { INTERVAL_FIELDS, IntervalField } from '../src/metrics/IntervalField.js';
import { MONTH_FIELDS, MonthField } from '../src/metrics/MonthField.js';
import { ReplicationTally } from '../src/metrics/ReplicationTally.js';
import type { ReportShape } from '../src/metrics/ReportShape.js';
import { tQuantile } from '../src/metrics/stats.js';
import { TriageMatrix } from '../src/metrics/TriageMatrix.js';
import type { CallRecord } from '../src/model/records.js';

/** Two contact types, one group answering both, two levels, grades I/S/E, two hour-long intervals after 100 s of warm-up, and a month boundary at 3700 s. */
const shape: ReportShape = {
  contacts: [{ name: '999', targetSeconds: 10 }, { name: '101', targetSeconds: 60 }],
  groups: [{ name: 'g', answers: [0, 1] }],
  levels: ['new', 'experienced'],
  grades: ['I', 'S', 'E'],
  warmupSeconds: 100,
  intervalSeconds: 3600,
  intervalCount: 2,
  countedSeconds: 7200,
  monthCount: 2,
  shortAbandonSeconds: 5,
  monthOf: (t) => (t < 3700 ? 0 : 1),
};

let id = 0;
function call(c: Partial<CallRecord> & Pick<CallRecord, 'contactIndex' | 'arrivedAt' | 'waitSeconds'>): CallRecord {
  const answered = c.outcome !== 'abandoned';
  return {
    replication: 0, callId: id++, contact: shape.contacts[c.contactIndex].name,
    answeredAt: answered ? c.arrivedAt + c.waitSeconds : NaN, endedAt: c.arrivedAt + c.waitSeconds + 60,
    outcome: 'answered', handlerGroup: answered ? 'g' : '', counted: true, source: 'new', redialOf: -1,
    trueGrade: -1, assignedGrade: -1, handlerLevel: -1, shift: '', ...c,
  };
}
const [I, S, E] = [0, 1, 2];
const [NEW, EXPERIENCED] = [0, 1];

function aggregate(): { agg: Aggregate; first: ReplicationTally } {
  const first = new ReplicationTally(shape, 0, 1);
  // interval 0, month 0: answered in 5 s, graded right by a new handler
  first.call(call({ contactIndex: 0, arrivedAt: 200, waitSeconds: 5, trueGrade: I, assignedGrade: I, handlerLevel: NEW }));
  // interval 0, month 0: a redial answered in 30 s, true I graded S (lower) by an experienced handler
  first.call(call({ contactIndex: 0, arrivedAt: 300, waitSeconds: 30, source: 'redial', redialOf: 0, trueGrade: I, assignedGrade: S, handlerLevel: EXPERIENCED }));
  // interval 1, month 1: abandoned after 20 s (never graded)
  first.call(call({ contactIndex: 0, arrivedAt: 4000, waitSeconds: 20, outcome: 'abandoned', trueGrade: I }));
  // interval 1, month 1: 101 answered in 90 s by a handler without a level, true E graded S (higher)
  first.call(call({ contactIndex: 1, arrivedAt: 5000, waitSeconds: 90, trueGrade: E, assignedGrade: S }));
  // warm-up: not counted
  first.call(call({ contactIndex: 0, arrivedAt: 50, waitSeconds: 1, counted: false, trueGrade: I, assignedGrade: E, handlerLevel: NEW }));
  first.handlerInterval({ replication: 0, interval: 0, groupIndex: 0, staffedSeconds: 7200, busySeconds: 3600 });
  first.handlerInterval({ replication: 0, interval: 1, groupIndex: 0, staffedSeconds: 3600, busySeconds: 0 });

  const second = new ReplicationTally(shape, 1, 2);
  // interval 0, month 0: answered at exactly the target (within it; band 10-60 s), graded right
  second.call(call({ contactIndex: 0, arrivedAt: 250, waitSeconds: 10, trueGrade: I, assignedGrade: I, handlerLevel: EXPERIENCED }));
  // interval 1, month 1: 101 answered at once, no grades
  second.call(call({ contactIndex: 1, arrivedAt: 7000, waitSeconds: 0 }));
  second.handlerInterval({ replication: 1, interval: 0, groupIndex: 0, staffedSeconds: 3600, busySeconds: 1800 });

  const events = { arrivals: 0, answers: 0, serviceEnds: 0, abandonments: 0 };
  const agg = new Aggregate(shape);
  agg.add(first.result(events, 0));
  agg.add(second.result(events, 0));
  return { agg, first };
}

describe('the tally read through its named fields', () => {
  it('counts each call in the interval and month fields it belongs to', () => {
    const { first } = aggregate();
    const at = (k: number, i: number, f: number) => first.intervals[k][i * INTERVAL_FIELDS + f];
    expect([at(0, 0, IntervalField.offered), at(0, 0, IntervalField.answered), at(0, 0, IntervalField.abandoned)]).toEqual([2, 2, 0]);
    expect([at(0, 0, IntervalField.answeredWithinTarget), at(0, 0, IntervalField.answerSecondsSum), at(0, 0, IntervalField.repeatOffered)]).toEqual([1, 35, 1]);
    expect([at(0, 1, IntervalField.offered), at(0, 1, IntervalField.abandoned)]).toEqual([1, 1]);
    const month = (k: number, m: number, f: number) => first.months[k][m * MONTH_FIELDS + f];
    expect([month(0, 0, MonthField.answeredLt10s), month(0, 0, MonthField.answered10To60s), month(0, 0, MonthField.answeredGe60s)]).toEqual([1, 1, 0]);
    expect([month(1, 1, MonthField.answeredGe60s), month(1, 1, MonthField.answerSecondsSum), month(0, 1, MonthField.abandoned)]).toEqual([1, 90, 1]);
    const m = new TriageMatrix(shape);
    expect(first.triage[m.index(EXPERIENCED, I, S)]).toBe(1);
    expect(first.triage[m.index(m.noLevel, E, S)]).toBe(1);
    expect(first.triage[m.index(NEW, I, E)]).toBe(0); // the warm-up call
    expect(first.triage.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('intervals.csv: means per replication and pooled ratios', () => {
    const rows = aggregate().agg.intervalRows();
    expect(rows.map((r) => `${r.interval} ${r.contact}`)).toEqual(['0 999', '0 101', '1 999', '1 101']);
    expect(rows[0]).toEqual({
      interval: 0, contact: '999', offered: 1.5, answered: 1.5, abandoned: 0, serviceLevelPct: (100 * 2) / 3, meanAnswerSeconds: 15,
      handlersStaffed: 1.5, handlersBusy: 0.75, repeatOffered: 0.5, answeredWithinTargetPct: (100 * 2) / 3, abandonedPct: 0,
      abandonedShort: 0, abandonedAfterWait: 0,
    });
    expect(rows[2]).toMatchObject({ offered: 0.5, answered: 0, abandoned: 0.5, serviceLevelPct: 0, meanAnswerSeconds: NaN, handlersStaffed: 0.5, handlersBusy: 0, abandonedPct: 100 });
    expect(rows[3]).toMatchObject({ offered: 1, answered: 1, abandoned: 0, serviceLevelPct: 50, meanAnswerSeconds: 45, answeredWithinTargetPct: 50, repeatOffered: 0 });
  });

  it('peel.csv: the answer-time bands of each month', () => {
    const rows = aggregate().agg.peelRows();
    expect(rows[0]).toMatchObject({
      month: 0, contact: '999', offered: 1.5, answered: 1.5, abandoned: 0, abandonedPct: 0,
      answeredLt10sPct: 100 / 3, answered10To60sPct: 200 / 3, answeredGe60sPct: 0, meanAnswerSeconds: 15,
    });
    // then the whole period (month -1), every month pooled
    expect(rows.slice(4).map((r) => `${r.month} ${r.contact} ${r.offered}`)).toEqual(['-1 999 2', '-1 101 1']);
    expect(rows[2]).toMatchObject({ month: 1, contact: '999', offered: 0.5, abandoned: 0.5, abandonedPct: 100, answeredLt10sPct: NaN });
    expect(rows[3]).toMatchObject({ month: 1, contact: '101', offered: 1, answered: 1, answeredLt10sPct: 50, answered10To60sPct: 0, answeredGe60sPct: 50, meanAnswerSeconds: 45 });
  });

  it('triage.csv: calls by level, true and assigned grade; levels that graded nothing left out', () => {
    const rows = aggregate().agg.triageRows();
    const cells = rows.filter((r) => r.calls > 0).map((r) => `${r.level || '-'} ${r.trueGrade}>${r.assignedGrade} ${r.calls} ${r.shareOfTrueGradePct}`);
    expect(cells).toEqual(['new I>I 0.5 100', 'experienced I>I 0.5 50', 'experienced I>S 0.5 50', '- E>S 0.5 100']);
    expect(rows.length).toBe(3 * 9);
    expect(rows.filter((r) => r.level === 'new' && r.trueGrade === 'S').map((r) => r.shareOfTrueGradePct)).toEqual([NaN, NaN, NaN]);
  });

  it('grading.csv: misgrading per level and for all, with the replications\' interval for true I graded lower', () => {
    const rows = aggregate().agg.gradingRows();
    expect(rows.map((r) => r.level)).toEqual(['new', 'experienced', 'no level', 'all']);
    expect(rows[1]).toEqual({
      level: 'experienced', gradedCalls: 1, misgradedPct: 50, underGradedPct: 50, overGradedPct: 0,
      trueICalls: 1, trueIGradedLowerPct: 50, trueIGradedLowerPctCi95: null,
    });
    expect(rows[2]).toMatchObject({ gradedCalls: 0.5, misgradedPct: 100, underGradedPct: 0, overGradedPct: 100, trueICalls: 0, trueIGradedLowerPct: NaN });
    // per replication: 1 of 2 true I graded lower, then 0 of 1: mean 25, s = sqrt(1250), half-width t * s / sqrt(2)
    expect(rows[3]).toMatchObject({ gradedCalls: 2, misgradedPct: 50, underGradedPct: 25, overGradedPct: 25, trueICalls: 1.5, trueIGradedLowerPct: 25 });
    expect(rows[3].trueIGradedLowerPctCi95).toBeCloseTo(tQuantile(0.975, 1) * 25, 10);
  });
});

describe('TriageMatrix', () => {
  it('lays cells out by level, then true grade, then assigned grade, covering the array once', () => {
    const m = new TriageMatrix(shape);
    expect([m.levelCount, m.gradeCount, m.noLevel, m.size]).toEqual([3, 3, 2, 27]);
    const seen: number[] = [];
    for (let level = 0; level < m.levelCount; level++) for (let t = 0; t < 3; t++) for (let a = 0; a < 3; a++) seen.push(m.index(level, t, a));
    // the order shard files and worker messages have always carried
    expect(seen).toEqual(Array.from({ length: 27 }, (_, i) => i));
    expect([m.levelName(0), m.levelName(1), m.levelName(m.noLevel)]).toEqual(['new', 'experienced', '']);
  });
});
