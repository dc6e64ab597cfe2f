import { textTable } from '../cli/print.js';
import { fmt } from '../report/format.js';
import type { BandRow } from './band.js';
import type { UncertaintyResult } from './runUncertainty.js';

const range = (a: number, b: number) => `${fmt(a, 1)} to ${fmt(b, 1)}`;

/** The band as printed: per output and role, the central figure (± sampling), median, 80% and 95% bands. */
export function bandText(rows: readonly BandRow[]): string {
  return textTable(
    ['figure', 'role', 'central', 'median', '80% band', '95% band'],
    rows.map((b) => [b.label, b.role, `${fmt(b.central, 1)}${b.centralCi95 === null ? '' : ` ± ${fmt(b.centralCi95, 1)}`}`, fmt(b.median, 1), range(b.p10, b.p90), range(b.p2_5, b.p97_5)]),
  );
}

/** The tornado as printed: each assumption's range and the effect at its ends, largest swing first. */
export function tornadoText(r: Pick<UncertaintyResult, 'tornado' | 'outputs'>): string {
  return textTable(
    ['assumption', 'low .. high', ...r.outputs.flatMap((o) => [`effect on ${o.id}: at low`, 'at high', 'swing'])],
    r.tornado.map((t) => [
      t.assumption.name,
      `${fmt(t.assumption.low, 3)} .. ${fmt(t.assumption.high, 3)}`,
      ...r.outputs.flatMap((_, k) => [fmt(t.low.effect[k], 2), fmt(t.high.effect[k], 2), fmt(t.swing[k], 2)]),
    ]),
  );
}

/** The names of the assumptions with the largest swings of the first output's effect, as a sentence. */
export function dominantText(r: Pick<UncertaintyResult, 'tornado' | 'outputs'>, count = 3): string {
  const top = r.tornado.slice(0, count).filter((t) => t.swing[0] > 0);
  if (top.length === 0) return '';
  return `dominant assumptions (swing of the effect on ${r.outputs[0].label}): ${top.map((t) => `${t.assumption.name} ${fmt(t.swing[0], 1)} points`).join(', ')}`;
}
