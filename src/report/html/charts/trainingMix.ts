import { num, type Chart, type ScenarioReports } from '../Chart.js';
import { orderedColours } from '../palette.js';

const NO_LEVEL = 'no level';

/** Training levels from least to most experienced: slowest handling first (the scenario's multipliers), unknown ones after. */
function levelOrder(reports: readonly ScenarioReports[], seen: readonly string[]): string[] {
  const multiplier = new Map<string, number>();
  for (const r of reports) for (const [name, l] of Object.entries(r.facts.training_levels ?? {})) multiplier.set(name, Math.max(multiplier.get(name) ?? 0, l.handling_multiplier));
  return [...seen].sort((a, b) => (multiplier.get(b) ?? -1) - (multiplier.get(a) ?? -1) || a.localeCompare(b));
}

/** Who answered: each group's answered calls split by the training level of the handler (staffing.csv), where the model has levels. */
export function trainingMixChart(reports: readonly ScenarioReports[]): Chart | null {
  // staffing.csv has a row per shift too: add the shifts up per group and level
  const sums = new Map<string, { scenario: string; group: string; level: string; answered: number }>();
  for (const r of reports) {
    for (const s of r.staffing) {
      const level = s.training_level || NO_LEVEL;
      const key = JSON.stringify([r.name, s.group, level]);
      const cell = sums.get(key) ?? { scenario: r.name, group: s.group, level, answered: 0 };
      cell.answered += num(s.answered) ?? 0;
      sums.set(key, cell);
    }
  }
  const values = [...sums.values()];
  if (!values.some((v) => v.level !== NO_LEVEL && v.answered > 0)) return null;
  const levels = levelOrder(reports, [...new Set(values.map((v) => v.level))]);
  const groups = [...new Set(values.map((v) => v.group))];
  const shown = values.map((v) => ({ ...v, order: levels.indexOf(v.level) }));
  const colours = orderedColours(levels.length);
  return {
    id: 'training-mix',
    title: 'Who answered: calls answered by the training level of the handler, per group',
    howToRead:
      'Each bar is one group' + (reports.length > 1 ? ' in one scenario' : '') + ' and adds up to 100% of the calls it answered; ' +
      'the parts are the training levels of the handlers who answered them, the least experienced (slowest handling) darkest.',
    spec: {
      data: { values: shown },
      facet: { field: 'scenario', type: 'nominal', title: null, sort: reports.map((r) => r.name) },
      spec: {
      width: Math.max(120, 70 * groups.length),
      height: 210,
      mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 0.8 },
      encoding: {
        x: { field: 'group', type: 'nominal', title: 'handler group', sort: groups, axis: { labelAngle: -30, labelLimit: 200 } },
        y: { field: 'answered', type: 'quantitative', title: "% of the group's answered calls", stack: 'normalize', axis: { format: '.0%' } },
        color: { field: 'level', type: 'ordinal', title: 'training level', scale: { domain: levels, range: colours }, legend: { orient: 'right' } },
        order: { field: 'order', type: 'quantitative' },
      },
      },
    },
  };
}
