import type { Aggregate } from '../metrics/Aggregate.js';
import type { CallRecord } from '../model/records.js';
import { fmt } from './format.js';
import { ciSuffix } from '../metrics/confidence.js';

/** A report: its file name, header and formatted rows. */
export interface Table {
  name: string;
  headers: readonly string[];
  rows: string[][];
}

/** How a report labels interval starts and months (seconds or calendar dates). */
export interface Labels {
  intervalLabel(i: number): string;
  monthLabel(m: number): string;
}

export const SUMMARY_HEADERS = [
  'scenario', 'contact', 'replications', 'offered', 'answered', 'abandoned',
  'service_level_pct', 'service_level_pct_ci95', 'answered_within_target_pct',
  'abandoned_pct', 'abandoned_pct_ci95', 'mean_answer_seconds', 'mean_answer_seconds_ci95',
  'p50_answer_seconds', 'p90_answer_seconds', 'p95_answer_seconds', 'target_seconds',
  'answered_within_target_pct_ci95',
  'abandoned_short', 'abandoned_after_wait', 'abandoned_after_wait_pct', 'abandoned_after_wait_pct_ci95',
] as const;
export const HANDLERS_HEADERS = ['scenario', 'group', 'replications', 'staffed_hours', 'busy_hours', 'occupancy_pct'] as const;
export const REPLICATIONS_HEADERS = [
  'scenario', 'replication', 'seed', 'contact', 'offered', 'answered', 'abandoned',
  'service_level_pct', 'answered_within_target_pct', 'abandoned_pct', 'mean_answer_seconds',
  'abandoned_short', 'abandoned_after_wait', 'abandoned_after_wait_pct',
] as const;
export const INTERVALS_HEADERS = [
  'scenario', 'interval_start', 'contact', 'offered', 'answered', 'abandoned',
  'service_level_pct', 'mean_answer_seconds', 'handlers_staffed', 'handlers_busy', 'repeat_offered',
  'answered_within_target_pct', 'abandoned_pct', 'abandoned_short', 'abandoned_after_wait',
] as const;
export const PEEL_HEADERS = [
  'scenario', 'month', 'contact', 'offered', 'answered', 'abandoned', 'abandoned_pct',
  'answered_lt_10s_pct', 'answered_10_to_60s_pct', 'answered_ge_60s_pct', 'mean_answer_seconds',
  'abandoned_pct_ci95', 'answered_lt_10s_pct_ci95', 'answered_10_to_60s_pct_ci95', 'answered_ge_60s_pct_ci95', 'mean_answer_seconds_ci95',
  'abandoned_short', 'abandoned_after_wait', 'abandoned_after_wait_pct', 'abandoned_after_wait_pct_ci95',
] as const;
export const CALLS_HEADERS = [
  'replication', 'call_id', 'contact', 'arrived_at', 'answered_at', 'ended_at', 'outcome',
  'wait_seconds', 'handler_group', 'counted', 'source', 'redial_of', 'true_grade', 'assigned_grade', 'handler_level', 'shift',
  'caller', 'attempt',
] as const;
export const TRIAGE_HEADERS = ['scenario', 'handler_level', 'true_grade', 'assigned_grade', 'calls', 'share_of_true_grade_pct'] as const;
export const GRADING_HEADERS = [
  'scenario', 'handler_level', 'graded_calls', 'misgraded_pct', 'under_graded_pct', 'over_graded_pct',
  'true_i_calls', 'true_i_graded_lower_pct', 'true_i_graded_lower_pct_ci95',
] as const;
export const WAITS_HEADERS = ['scenario', 'contact', 'answered_pct', 'answer_seconds'] as const;
export const STAFFING_HEADERS = ['scenario', 'group', 'shift', 'training_level', 'answered', 'busy_hours', 'mean_handling_seconds'] as const;

/** Headers with the `_ci95` suffix renamed for the aggregate's confidence level (`_ci90` at 0.9). */
export function atLevel(headers: readonly string[], confidence: number): string[] {
  return headers.map((h) => (h.endsWith('_ci95') ? h.slice(0, -'_ci95'.length) + ciSuffix(confidence) : h));
}

export function summaryTable(scenario: string, a: Aggregate): Table {
  return {
    name: 'summary.csv',
    headers: atLevel(SUMMARY_HEADERS, a.confidence),
    rows: a.summary().map((s) => [
      scenario, s.contact, String(s.replications), fmt(s.offered), fmt(s.answered), fmt(s.abandoned),
      fmt(s.serviceLevelPct), fmt(s.serviceLevelPctCi95), fmt(s.answeredWithinTargetPct),
      fmt(s.abandonedPct), fmt(s.abandonedPctCi95), fmt(s.meanAnswerSeconds), fmt(s.meanAnswerSecondsCi95),
      fmt(s.p50AnswerSeconds, 2), fmt(s.p90AnswerSeconds, 2), fmt(s.p95AnswerSeconds, 2), fmt(s.targetSeconds),
      fmt(s.answeredWithinTargetPctCi95),
      fmt(s.abandonedShort), fmt(s.abandonedAfterWait), fmt(s.abandonedAfterWaitPct), fmt(s.abandonedAfterWaitPctCi95),
    ]),
  };
}

export function handlersTable(scenario: string, a: Aggregate): Table {
  return {
    name: 'handlers.csv',
    headers: HANDLERS_HEADERS,
    rows: a.handlerRows().map((h) => [scenario, h.group, String(a.count), fmt(h.staffedHours), fmt(h.busyHours), fmt(h.occupancyPct)]),
  };
}

export function replicationsTable(scenario: string, a: Aggregate): Table {
  return {
    name: 'replications.csv',
    headers: REPLICATIONS_HEADERS,
    rows: a.figures.flat().map((f) => [
      scenario, String(f.replication), String(f.seed), f.contact, String(f.offered), String(f.answered), String(f.abandoned),
      fmt(f.serviceLevelPct), fmt(f.answeredWithinTargetPct), fmt(f.abandonedPct), fmt(f.meanAnswerSeconds),
      String(f.abandonedShort), String(f.abandonedAfterWait), fmt(f.abandonedAfterWaitPct),
    ]),
  };
}

export function intervalsTable(scenario: string, a: Aggregate, labels: Labels): Table {
  return {
    name: 'intervals.csv',
    headers: INTERVALS_HEADERS,
    rows: a.intervalRows().map((r) => [
      scenario, labels.intervalLabel(r.interval), r.contact, fmt(r.offered), fmt(r.answered), fmt(r.abandoned),
      fmt(r.serviceLevelPct), fmt(r.meanAnswerSeconds), fmt(r.handlersStaffed), fmt(r.handlersBusy), fmt(r.repeatOffered),
      fmt(r.answeredWithinTargetPct), fmt(r.abandonedPct), fmt(r.abandonedShort), fmt(r.abandonedAfterWait),
    ]),
  };
}

export function peelTable(scenario: string, a: Aggregate, labels: Labels): Table {
  return {
    name: 'peel.csv',
    headers: atLevel(PEEL_HEADERS, a.confidence),
    rows: a.peelRows().map((r) => [
      scenario, r.month < 0 ? 'all' : labels.monthLabel(r.month), r.contact, fmt(r.offered), fmt(r.answered), fmt(r.abandoned), fmt(r.abandonedPct),
      fmt(r.answeredLt10sPct), fmt(r.answered10To60sPct), fmt(r.answeredGe60sPct), fmt(r.meanAnswerSeconds),
      fmt(r.abandonedPctCi95), fmt(r.answeredLt10sPctCi95), fmt(r.answered10To60sPctCi95), fmt(r.answeredGe60sPctCi95), fmt(r.meanAnswerSecondsCi95),
      fmt(r.abandonedShort), fmt(r.abandonedAfterWait), fmt(r.abandonedAfterWaitPct), fmt(r.abandonedAfterWaitPctCi95),
    ]),
  };
}

export function triageTable(scenario: string, a: Aggregate): Table {
  return {
    name: 'triage.csv',
    headers: TRIAGE_HEADERS,
    rows: a.triageRows().map((r) => [scenario, r.level, r.trueGrade, r.assignedGrade, fmt(r.calls), fmt(r.shareOfTrueGradePct)]),
  };
}

export function gradingTable(scenario: string, a: Aggregate): Table {
  return {
    name: 'grading.csv',
    headers: atLevel(GRADING_HEADERS, a.confidence),
    rows: a.gradingRows().map((r) => [
      scenario, r.level, fmt(r.gradedCalls), fmt(r.misgradedPct), fmt(r.underGradedPct), fmt(r.overGradedPct),
      fmt(r.trueICalls), fmt(r.trueIGradedLowerPct), fmt(r.trueIGradedLowerPctCi95),
    ]),
  };
}

export function staffingTable(scenario: string, a: Aggregate): Table {
  return {
    name: 'staffing.csv',
    headers: STAFFING_HEADERS,
    rows: a.staffingRows().map((r) => [scenario, r.group, r.shift, r.level, fmt(r.answered), fmt(r.busyHours), fmt(r.meanHandlingSeconds)]),
  };
}

/** The shares of answered calls waits.csv gives an answer time for: 0.5%, 1%, ... 100%. */
export const WAIT_SHARES_PCT = Array.from({ length: 200 }, (_, i) => (i + 1) / 2);

/**
 * waits.csv: the distribution of answer times, per contact type: `answer_seconds` is the wait
 * within which `answered_pct` % of answered calls were answered (pooled over replications).
 */
export function waitsTable(scenario: string, a: Aggregate): Table {
  const rows: string[][] = [];
  a.shape.contacts.forEach((c, k) => {
    for (const pct of WAIT_SHARES_PCT) {
      const seconds = a.waits[k].quantile(pct / 100);
      if (Number.isFinite(seconds)) rows.push([scenario, c.name, fmt(pct, 1), fmt(seconds, 2)]);
    }
  });
  return { name: 'waits.csv', headers: WAITS_HEADERS, rows };
}

/** One row of calls.csv (grade and level names resolved through the report shape). */
export function callRow(c: CallRecord, grades: readonly string[], levels: readonly string[]): string[] {
  return [
    String(c.replication), String(c.callId), c.contact, fmt(c.arrivedAt, 3), fmt(c.answeredAt, 3), fmt(c.endedAt, 3),
    c.outcome, fmt(c.waitSeconds, 3), c.handlerGroup, c.counted ? '1' : '0', c.source, c.redialOf >= 0 ? String(c.redialOf) : '',
    c.trueGrade >= 0 ? grades[c.trueGrade] : '', c.assignedGrade >= 0 ? grades[c.assignedGrade] : '',
    c.handlerLevel >= 0 ? levels[c.handlerLevel] : '', c.shift, `${c.origin}#${c.serial}`, String(c.attempt),
  ];
}
