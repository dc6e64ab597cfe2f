import { contactsOf, num, type Chart, type ScenarioReports } from '../Chart.js';
import { orderedColours } from '../palette.js';

const BANDS = [
  ['answered_lt_10s_pct', 'under 10 s'],
  ['answered_10_to_60s_pct', '10 to 60 s'],
  ['answered_ge_60s_pct', '60 s or longer'],
] as const;

/** peel.csv's monthly answer-time bands (shares of answered calls) as stacked bars, per contact type. */
export function peelBandsChart(reports: readonly ScenarioReports[]): Chart | null {
  const compare = reports.length > 1;
  const values = reports.flatMap((r) =>
    r.peel.flatMap((row) =>
      BANDS.map(([column, band], order) => ({
        contact: row.contact,
        scenario: r.name,
        month: row.month,
        band,
        order,
        pct: num(row[column]),
      })),
    ),
  ).filter((v) => v.pct !== null);
  if (values.length === 0) return null;
  const months = [...new Set(values.map((v) => v.month))];
  return {
    id: 'peel-bands',
    title: 'Answer-time bands by month (the Home Office 999 bands, as in peel.csv)',
    howToRead:
      'Each bar is one month' + (compare ? ' of one scenario (a row per scenario)' : '') + ' and adds up to 100% of the calls answered: the darkest part was answered in under 10 s, ' +
      'the middle part in 10 to 60 s, the palest after a minute or more. A bigger dark part is better.',
    spec: {
      data: { values },
      facet: {
        column: { field: 'contact', type: 'nominal', title: null, sort: contactsOf(reports) },
        ...(compare ? { row: { field: 'scenario', type: 'nominal', title: null, sort: reports.map((r) => r.name) } } : {}),
      },
      spec: {
        width: Math.max(60, 34 * months.length),
        height: 180,
        mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 0.8 },
        encoding: {
          x: { field: 'month', type: 'ordinal', title: 'month', sort: months, axis: { labelAngle: 0 } },
          y: { field: 'pct', type: 'quantitative', title: '% of answered calls', stack: 'zero', scale: { domain: [0, 100] } },
          color: {
            field: 'band',
            type: 'ordinal',
            title: 'answered',
            scale: { domain: BANDS.map((b) => b[1]), range: orderedColours(5).filter((_, i) => i % 2 === 0) },
            legend: { orient: 'top' },
          },
          order: { field: 'order', type: 'quantitative' },
        },
      },
    },
  };
}
