import { FULL_WIDTH, num, seriesScale, type Chart } from '../Chart.js';
import type { Rows } from '../ReportSource.js';
import { SERIES_COLOURS, SERIES_DASHES } from '../palette.js';

const METRICS: [column: string, ci: string, title: string, axis: string][] = [
  ['service_level_pct', 'service_level_pct_ci95', 'Service level', 'service level, % of offered'],
  ['abandoned_pct', 'abandoned_pct_ci95', 'Abandoned calls', 'abandoned, % of offered'],
  ['mean_answer_seconds', 'mean_answer_seconds_ci95', 'Mean answer time', 'mean answer time, s'],
];

/**
 * For a sweep: each metric against the first swept key, a line per contact type (and per
 * value of any other swept key), with the 95% confidence interval of each point as a bar.
 */
export function sweepCharts(rows: Rows, keys: readonly string[]): Chart[] {
  if (rows.length === 0 || keys.length === 0) return [];
  const [key, ...others] = keys;
  const numeric = rows.every((r) => num(r[key]) !== null);
  const seriesOf = (r: Rows[number]) => [r.contact, ...others.map((k) => `${k}=${r[k]}`)].join(', ');
  const series = [...new Set(rows.map(seriesOf))];
  const xValues = [...new Set(rows.map((r) => r[key]))];
  return METRICS.map(([column, ci, title, axis], index) => {
    const values = rows
      .map((r) => {
        const mean = num(r[column]);
        const half = num(r[ci]) ?? 0;
        return { x: numeric ? Number(r[key]) : r[key], series: seriesOf(r), mean, low: mean === null ? null : mean - half, high: mean === null ? null : mean + half };
      })
      .filter((v) => v.mean !== null);
    const x = numeric
      ? { field: 'x', type: 'quantitative', title: key, scale: { zero: false }, axis: { values: xValues.map(Number) } }
      : { field: 'x', type: 'ordinal', title: key, sort: xValues, axis: { labelAngle: 0 } };
    return {
      id: `sweep-${index + 1}`,
      title: `${title} against ${key}`,
      howToRead:
        `Each point is the mean over the replications at one value of ${key}; its bar is the 95% confidence interval of that mean. ` +
        'Every point ran on the same seed and replications (common random numbers), so neighbouring points differ by the change, not by noise.',
      spec: {
        data: { values },
        width: FULL_WIDTH - 220,
        height: 220,
        layer: [
          {
            mark: { type: 'rule', strokeWidth: 2 },
            encoding: { x, y: { field: 'low', type: 'quantitative', title: axis }, y2: { field: 'high' }, color: { field: 'series', type: 'nominal', title: others.length ? 'contact, other keys' : 'contact', scale: seriesScale(series, SERIES_COLOURS) } },
          },
          {
            mark: { type: 'line', point: true, strokeWidth: 1.8 },
            encoding: {
              x,
              y: { field: 'mean', type: 'quantitative' },
              color: { field: 'series', type: 'nominal', title: others.length ? 'contact, other keys' : 'contact', scale: seriesScale(series, SERIES_COLOURS), legend: { labelLimit: 300 } },
              strokeDash: { field: 'series', type: 'nominal', title: others.length ? 'contact, other keys' : 'contact', scale: seriesScale(series, SERIES_DASHES as unknown as string[]) },
            },
          },
        ],
      },
    };
  });
}
