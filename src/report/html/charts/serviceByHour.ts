import { FULL_WIDTH, contactsOf, num, type Chart, type ScenarioReports } from '../Chart.js';
import { CONTEXT_GREY, SERIES_COLOURS, SERIES_DASHES, TARGET_COLOUR } from '../palette.js';

const MEASURES = ['service level: % of offered', 'Home Office measure: % of answered'] as const;

/** The interval's start as a time axis: local dates drawn as UTC (no time zone shift), or hours since the clock started. */
function timeAxis(rows: ScenarioReports['intervals']): { field: string; type: string; title: string; scale?: object; axis?: object; value(label: string): number } {
  const dated = rows.length > 0 && rows[0].interval_start.includes('T');
  if (dated) {
    return {
      field: 't',
      type: 'temporal',
      title: 'local date and time',
      scale: { type: 'utc' },
      axis: { format: '%d %b', formatType: 'utc', labelAngle: 0 },
      value: (label) => Date.parse(`${label}Z`),
    };
  }
  return { field: 't', type: 'quantitative', title: 'hours since the clock started (warm-up included)', value: (label) => Number(label) / 3600 };
}

/**
 * Per contact type: service level (% of offered calls answered within target) and the Home
 * Office measure (% of answered calls answered within target) per reporting interval, over the
 * handlers staffed in the groups that answer it; the target share as a line where the
 * scenario sets one (`target.calls_pct`). Side by side for a compare.
 */
export function serviceByHourCharts(reports: readonly ScenarioReports[]): Chart[] {
  return contactsOf(reports).flatMap((contact, index) => {
    const per = reports.map((r) => ({ name: r.name, rows: r.intervals.filter((row) => row.contact === contact), facts: r.facts }));
    if (per.every((p) => p.rows.length === 0)) return [];
    const maxStaffed = Math.max(1, ...per.flatMap((p) => p.rows.map((row) => num(row.handlers_staffed) ?? 0)));
    const width = reports.length > 1 ? Math.floor(FULL_WIDTH / 2) - 60 : FULL_WIDTH - 80;
    const panels = per.map((p) => panel(p.rows, p.facts.contacts[contact]?.target, maxStaffed, width, reports.length > 1 ? p.name : undefined));
    const targetSeconds = per.map((p) => p.facts.contacts[contact]?.target.answer_within_seconds).find((t) => t !== undefined);
    const targetPct = per.map((p) => p.facts.contacts[contact]?.target.calls_pct).find((t) => t !== undefined);
    return [
      {
        id: `service-by-hour-${index + 1}`,
        title: `${contact}: answered within ${targetSeconds} s, per hour, against handlers staffed`,
        howToRead:
          `Each point is one reporting interval (mean of the replications). The solid line is the service level (share of all calls offered ` +
          `that were answered within ${targetSeconds} s), the dashed line the Home Office measure (share of answered calls); the grey area is the ` +
          `number of handlers on duty in the groups that answer ${contact} (right axis). ` +
          (targetPct !== undefined ? `The black line is the target: ${targetPct}% within ${targetSeconds} s.` : 'The scenario sets no target share (target.calls_pct), so no target line is drawn.'),
        spec: panels.length === 1 ? panels[0] : { hconcat: panels, spacing: 40 },
      },
    ];
  });
}

function panel(rows: ScenarioReports['intervals'], target: { calls_pct?: number } | undefined, maxStaffed: number, width: number, title?: string): Record<string, unknown> {
  const axis = timeAxis(rows);
  const x = { field: axis.field, type: axis.type, title: axis.title, ...(axis.scale ? { scale: axis.scale } : {}), ...(axis.axis ? { axis: axis.axis } : {}) };
  const staffed = rows.map((r) => ({ t: axis.value(r.interval_start), staffed: num(r.handlers_staffed) ?? 0 }));
  const lines = rows.flatMap((r) => [
    { t: axis.value(r.interval_start), measure: MEASURES[0], pct: num(r.service_level_pct) },
    { t: axis.value(r.interval_start), measure: MEASURES[1], pct: num(r.answered_within_target_pct) },
  ]).filter((d) => d.pct !== null);
  const pctY = { field: 'pct', type: 'quantitative', title: '% answered within target', scale: { domain: [0, 100] } };
  const layers: Record<string, unknown>[] = [
    {
      data: { values: staffed },
      mark: { type: 'area', color: CONTEXT_GREY, opacity: 0.45, interpolate: 'step-after' },
      encoding: { x, y: { field: 'staffed', type: 'quantitative', title: 'handlers staffed (people)', axis: { orient: 'right' }, scale: { domain: [0, Math.ceil(maxStaffed * 1.05)] } } },
    },
    {
      data: { values: lines },
      mark: { type: 'line', strokeWidth: 1.3 },
      encoding: {
        x,
        y: pctY,
        color: { field: 'measure', type: 'nominal', title: null, scale: { domain: [...MEASURES], range: [SERIES_COLOURS[0], SERIES_COLOURS[1]] }, legend: { orient: 'top', direction: 'horizontal' } },
        strokeDash: { field: 'measure', type: 'nominal', title: null, scale: { domain: [...MEASURES], range: [SERIES_DASHES[0], SERIES_DASHES[1]] }, legend: { orient: 'top', direction: 'horizontal' } },
      },
    },
  ];
  if (target?.calls_pct !== undefined) {
    layers.push({
      data: { values: [{ pct: target.calls_pct, label: `target ${target.calls_pct}%` }] },
      layer: [
        { mark: { type: 'rule', color: TARGET_COLOUR, strokeWidth: 1.5 }, encoding: { y: { ...pctY, axis: null } } },
        { mark: { type: 'text', align: 'left', dx: 4, dy: -7, x: 0, fontSize: 11 }, encoding: { y: { ...pctY, axis: null }, text: { field: 'label' } } },
      ],
    });
  }
  return { ...(title ? { title } : {}), width, height: 170, layer: layers, resolve: { scale: { y: 'independent' } } };
}
