import { FULL_WIDTH, contactsOf, num, seriesScale, type Chart, type ScenarioReports } from '../Chart.js';
import { SERIES_COLOURS, SERIES_DASHES, TARGET_COLOUR } from '../palette.js';

const MARKS_SECONDS = [10, 60];

/**
 * The distribution of answer times (cumulative: the share of answered calls answered within
 * each time), on a log time axis, with the Home Office's 10 s and 60 s marks. One panel with a
 * line per contact type; for a compare, a panel per contact type with a line per scenario.
 */
export function answerTimesChart(reports: readonly ScenarioReports[]): Chart | null {
  const values = reports.flatMap((r) =>
    r.waits.map((w) => ({ scenario: r.name, contact: w.contact, pct: num(w.answered_pct), seconds: Math.max(0.1, num(w.answer_seconds) ?? 0.1) })),
  );
  if (values.length === 0) return null;
  const compare = reports.length > 1;
  const series = compare ? reports.map((r) => r.name) : contactsOf(reports);
  const seriesField = compare ? 'scenario' : 'contact';
  const x = { field: 'seconds', type: 'quantitative', title: 'answer time, s (log scale)', scale: { type: 'log', domainMin: 0.1 } };
  const y = { field: 'pct', type: 'quantitative', title: '% of answered calls', scale: { domain: [0, 100] } };
  // one mark per panel, not one per data row: the marks' layers aggregate their rows to one
  const once = [{ aggregate: [{ op: 'count', as: 'rows' }], groupby: [] }];
  const layer = [
    ...MARKS_SECONDS.map((s) => ({ transform: once, mark: { type: 'rule', color: TARGET_COLOUR, strokeDash: [3, 3], opacity: 0.7 }, encoding: { x: { datum: s, type: 'quantitative' } } })),
    ...MARKS_SECONDS.map((s) => ({
      transform: once,
      mark: { type: 'text', align: 'left', dx: 3, y: 8, fontSize: 11, color: TARGET_COLOUR },
      encoding: { x: { datum: s, type: 'quantitative' }, text: { value: `${s} s` } },
    })),
    {
      mark: { type: 'line', strokeWidth: 1.8, clip: true },
      encoding: {
        x,
        y,
        color: { field: seriesField, type: 'nominal', title: seriesField, scale: seriesScale(series, SERIES_COLOURS), legend: { orient: 'top' } },
        // the same field and title as the colour: one legend showing both, readable in greyscale
        strokeDash: { field: seriesField, type: 'nominal', title: seriesField, scale: seriesScale(series, SERIES_DASHES as unknown as string[]), legend: { orient: 'top' } },
        order: { field: 'pct', type: 'quantitative' },
      },
    },
  ];
  const spec = compare
    ? {
        data: { values },
        facet: { field: 'contact', type: 'nominal', title: null, sort: contactsOf(reports) },
        columns: 2,
        spec: { width: Math.floor(FULL_WIDTH / 2) - 70, height: 190, layer },
        resolve: { scale: { x: 'independent' } },
      }
    : { data: { values }, width: FULL_WIDTH - 60, height: 260, layer };
  return {
    id: 'answer-times',
    title: 'How long callers waited: the distribution of answer times',
    howToRead:
      'Each line rises from the shortest to the longest wait: its height at a time is the share of answered calls answered within that time ' +
      '(all replications pooled). Read the Home Office bands at the dotted marks: the height at 10 s is the share answered in under 10 s; ' +
      'a line further left is faster. The time axis is logarithmic, so each step is ten times the last.',
    spec,
  };
}
