import { FULL_WIDTH, num, seriesScale, type Chart } from '../Chart.js';
import type { Rows } from '../ReportSource.js';
import { CONTEXT_GREY, SERIES_COLOURS, SERIES_DASHES, TARGET_COLOUR } from '../palette.js';

const METRIC = 'answered_within_target_pct';

/**
 * For a compare, per contact type: the baseline's and the variant's Home Office measure (%
 * of answered calls answered within target) by hour of the day, and below it their paired
 * difference with its 95% confidence band (comparison_hours.csv).
 */
export function compareByHourCharts(hours: Rows, names: [string, string], targets: ReadonlyMap<string, number>): Chart[] {
  const rows = hours.filter((r) => r.metric === METRIC);
  const contacts = [...new Set(rows.map((r) => r.contact))];
  return contacts.map((contact, index) => {
    const mine = rows.filter((r) => r.contact === contact);
    const levels = mine.flatMap((r) => [
      { hour: Number(r.hour_of_day), scenario: names[0], pct: num(r.baseline) },
      { hour: Number(r.hour_of_day), scenario: names[1], pct: num(r.variant) },
    ]);
    const diffs = mine.map((r) => {
      const d = num(r.difference) ?? 0;
      const h = num(r.difference_ci95) ?? 0;
      return { hour: Number(r.hour_of_day), diff: d, low: d - h, high: d + h };
    });
    const x = { field: 'hour', type: 'quantitative', title: 'hour of the day (calls counted in the hour they arrived)', scale: { domain: [0, 23] }, axis: { tickCount: 24, format: 'd' } };
    const target = targets.get(contact);
    return {
      id: `compare-by-hour-${index + 1}`,
      title: `${contact}: answered within ${target ?? '?'} s by hour of the day, ${names[0]} and ${names[1]}`,
      howToRead:
        `Top: the share of answered ${contact} calls answered within ${target ?? 'the target'} s in each hour of the day, for each scenario ` +
        `(mean of the replications). Bottom: the difference, ${names[1]} minus ${names[0]}, with its 95% confidence band from the paired replications ` +
        '(both scenarios saw the same callers); where the band does not cross the zero line, the change in that hour is not noise.',
      spec: {
        vconcat: [
          {
            data: { values: levels.filter((l) => l.pct !== null) },
            width: FULL_WIDTH - 60,
            height: 170,
            mark: { type: 'line', point: true, strokeWidth: 1.8 },
            encoding: {
              x,
              y: { field: 'pct', type: 'quantitative', title: '% of answered within target', scale: { domain: [0, 100] } },
              color: { field: 'scenario', type: 'nominal', title: null, scale: seriesScale(names, SERIES_COLOURS), legend: { orient: 'top', labelLimit: 400 } },
              strokeDash: { field: 'scenario', type: 'nominal', title: null, scale: seriesScale(names, SERIES_DASHES as unknown as string[]), legend: { orient: 'top', labelLimit: 400 } },
              shape: { field: 'scenario', type: 'nominal', title: null, scale: { domain: names, range: ['circle', 'square'] }, legend: { orient: 'top', labelLimit: 400 } },
            },
          },
          {
            data: { values: diffs },
            width: FULL_WIDTH - 60,
            height: 130,
            layer: [
              { mark: { type: 'area', color: CONTEXT_GREY, opacity: 0.7 }, encoding: { x, y: { field: 'low', type: 'quantitative', title: 'difference, percentage points' }, y2: { field: 'high' } } },
              { mark: { type: 'line', color: '#000000', strokeWidth: 1.5, point: { filled: true, size: 18, color: '#000000' } }, encoding: { x, y: { field: 'diff', type: 'quantitative' } } },
              { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: TARGET_COLOUR, strokeDash: [3, 3] }, encoding: { y: { field: 'zero', type: 'quantitative' } } },
            ],
          },
        ],
        spacing: 12,
      },
    };
  });
}
