import { FULL_WIDTH, num, seriesScale, type Chart, type ScenarioReports } from '../Chart.js';
import { SERIES_COLOURS } from '../palette.js';

/** Occupancy per handler group (handlers.csv): busy hours as a share of staffed hours. */
export function occupancyChart(reports: readonly ScenarioReports[]): Chart | null {
  const values = reports.flatMap((r) => r.handlers.map((h) => ({ scenario: r.name, group: h.group, pct: num(h.occupancy_pct), staffed: num(h.staffed_hours) })));
  const shown = values.filter((v) => v.pct !== null);
  if (shown.length === 0) return null;
  const names = reports.map((r) => r.name);
  const groups = [...new Set(shown.map((v) => v.group))];
  const x = { field: 'group', type: 'nominal', title: 'handler group', sort: groups, axis: { labelAngle: 0 } };
  return {
    id: 'occupancy',
    title: 'Occupancy per handler group',
    howToRead:
      'Each bar is the share of the hours a group was on duty that its handlers spent on calls (breaks and absences are not on duty)' +
      (reports.length > 1 ? ', one bar per scenario' : '') + '. Near 100% means callers queue; a low figure means spare capacity.',
    spec: {
      data: { values: shown },
      width: Math.min(FULL_WIDTH - 100, Math.max(160, 90 * groups.length * names.length)),
      height: 200,
      layer: [
        {
          mark: { type: 'bar', stroke: '#333333', strokeWidth: 0.6 },
          encoding: {
            x,
            xOffset: { field: 'scenario', sort: names },
            y: { field: 'pct', type: 'quantitative', title: 'occupancy, % of staffed hours', scale: { domain: [0, 100] } },
            color: { field: 'scenario', type: 'nominal', title: 'scenario', scale: seriesScale(names, SERIES_COLOURS), legend: names.length > 1 ? { orient: 'top' } : null },
          },
        },
        {
          mark: { type: 'text', dy: -6, fontSize: 10 },
          encoding: { x, xOffset: { field: 'scenario', sort: names }, y: { field: 'pct', type: 'quantitative' }, text: { field: 'pct', type: 'quantitative', format: '.1f' } },
        },
      ],
    },
  };
}
