import { contactsOf, num, seriesScale, type Chart, type ScenarioReports } from '../Chart.js';
import { SERIES_COLOURS } from '../palette.js';

/** Abandoned calls by month (peel.csv's abandoned_pct), per contact type whose callers hang up: 101's is the PEEL measure. */
export function abandonmentChart(reports: readonly ScenarioReports[]): Chart | null {
  const values = reports.flatMap((r) => r.peel.map((row) => ({ scenario: r.name, contact: row.contact, month: row.month, pct: num(row.abandoned_pct) })));
  const hanging = contactsOf(reports).filter((c) => values.some((v) => v.contact === c && (v.pct ?? 0) > 0));
  const shown = values.filter((v) => hanging.includes(v.contact) && v.pct !== null);
  if (shown.length === 0) return null;
  const names = reports.map((r) => r.name);
  const months = [...new Set(shown.map((v) => v.month))];
  const colour = { field: 'scenario', type: 'nominal', title: 'scenario', scale: seriesScale(names, SERIES_COLOURS), legend: reports.length > 1 ? { orient: 'top' } : null };
  return {
    id: 'abandonment',
    title: `Calls abandoned before answer, by month${hanging.includes('101') ? ' (101 is the PEEL measure)' : ''}`,
    howToRead:
      'Each bar is the share of calls offered in the month whose caller hung up before being answered (mean of the replications)' +
      (reports.length > 1 ? ', one bar per scenario' : '') + '. Lower is better; contact types nobody abandons are left out.',
    spec: {
      data: { values: shown },
      facet: { field: 'contact', type: 'nominal', title: null, sort: hanging },
      columns: 4,
      spec: {
        width: Math.max(70, 40 * months.length * reports.length),
        height: 170,
        layer: [
          {
            mark: { type: 'bar', stroke: '#333333', strokeWidth: 0.6 },
            encoding: {
              x: { field: 'month', type: 'ordinal', title: 'month', sort: months, axis: { labelAngle: 0 } },
              xOffset: { field: 'scenario', sort: names },
              y: { field: 'pct', type: 'quantitative', title: '% of offered calls abandoned' },
              color: colour,
            },
          },
          {
            mark: { type: 'text', dy: -6, fontSize: 10 },
            encoding: {
              x: { field: 'month', type: 'ordinal', sort: months },
              xOffset: { field: 'scenario', sort: names },
              y: { field: 'pct', type: 'quantitative' },
              text: { field: 'pct', type: 'quantitative', format: '.1f' },
            },
          },
        ],
      },
    },
  };
}
