import { FULL_WIDTH, type Chart } from '../report/html/Chart.js';
import { SERIES_COLOURS, TARGET_COLOUR } from '../report/html/palette.js';
import type { UncertaintyResult } from './runUncertainty.js';

/**
 * The tornado of one output's effect (variant − baseline): a bar per assumption from the
 * effect with it at its low end to the effect at its high end (the rest central, the knobs
 * re-fitted), widest at the top; the vertical rule is the central projection.
 */
export function tornadoCharts(r: Pick<UncertaintyResult, 'tornado' | 'outputs' | 'central'>): Chart[] {
  if (r.tornado.length === 0) return [];
  return r.outputs.map((o, k) => {
    const order = [...r.tornado].sort((a, b) => b.swing[k] - a.swing[k]).map((t) => t.assumption.name);
    const values = r.tornado.flatMap((t) => [
      { assumption: t.assumption.name, end: 'at low', effect: t.low.effect[k], value: t.assumption.low, from: r.central.effect[k] },
      { assumption: t.assumption.name, end: 'at high', effect: t.high.effect[k], value: t.assumption.high, from: r.central.effect[k] },
    ]).filter((v) => Number.isFinite(v.effect));
    return {
      id: `tornado-${k + 1}`,
      title: `Tornado: what moves the effect on ${o.label}`,
      howToRead:
        `Each bar runs from the central effect (the black rule, ${r.central.effect[k].toFixed(2)}) to the effect with one assumption at the low or the high end of its range, ` +
        'the others central and the baseline re-fitted to the calibration targets; the widest bars, at the top, are the assumptions the projection depends on most. Common random numbers: bars differ by the assumption, not by noise.',
      spec: {
        data: { values },
        width: FULL_WIDTH - 260,
        height: { step: 22 },
        layer: [
          {
            mark: { type: 'bar', opacity: 0.85 },
            encoding: {
              y: { field: 'assumption', type: 'nominal', sort: order, title: null },
              x: { field: 'from', type: 'quantitative', title: `effect on ${o.label}, points (variant − baseline)`, scale: { zero: false } },
              x2: { field: 'effect' },
              color: { field: 'end', type: 'nominal', title: 'assumption', scale: { domain: ['at low', 'at high'], range: [SERIES_COLOURS[0], SERIES_COLOURS[1]] } },
              tooltip: [{ field: 'assumption' }, { field: 'end' }, { field: 'value', title: 'value' }, { field: 'effect', format: '.2f' }],
            },
          },
          {
            data: { values: [{ x: r.central.effect[k] }] },
            mark: { type: 'rule', color: TARGET_COLOUR, strokeWidth: 1.5 },
            encoding: { x: { field: 'x', type: 'quantitative' } },
          },
        ],
      },
    };
  });
}
