import { ratioOfSums } from '../metrics/confidence.js';
import { fmt } from '../report/format.js';
import type { Table } from '../report/reports.js';
import { DAYS } from '../scenario/schema.js';
import type { IsaResult } from './iterativeStaffing.js';
import { HOURS_PER_WEEK } from './layeredShifts.js';
import type { StaffTarget } from './StaffTarget.js';
import type { WeekMeasures } from './weekMeasures.js';

/** A target's measure in one hour of the week, pooled over weeks and replications, with its half-width. */
export function hourFigure(t: StaffTarget, w: WeekMeasures, hour: number, confidence = 0.95): { value: number; halfWidth: number | null } {
  const c = w.contacts.get(t.contact)!;
  const at = (s: readonly Float64Array[]) => s.map((a) => a[hour]);
  return t.kind === 'within' ? ratioOfSums(at(c.within), at(c.answered), 100, confidence) : ratioOfSums(at(c.abandoned), at(c.offered), 100, confidence);
}

/** The whole week's figure of a target (every hour pooled). */
export function weekFigure(t: StaffTarget, w: WeekMeasures, confidence = 0.95): { value: number; halfWidth: number | null } {
  const c = w.contacts.get(t.contact)!;
  const sum = (s: readonly Float64Array[]) => s.map((a) => a.reduce((x, y) => x + y, 0));
  return t.kind === 'within' ? ratioOfSums(sum(c.within), sum(c.answered), 100, confidence) : ratioOfSums(sum(c.abandoned), sum(c.offered), 100, confidence);
}

export const hourLabel = (h: number): { day: string; hour: string } => ({ day: DAYS[Math.floor(h / 24)], hour: `${String(h % 24).padStart(2, '0')}:00` });

/**
 * requirement.csv: per staffed group, hour of the week and target, the handlers needed on duty
 * (ISA), the Erlang A seed from the offered load, the offered load, and what the requirement
 * achieves when simulated (value and half-width), then (when a roster was checked) the
 * handlers the roster puts on duty there and what it achieves.
 */
export function requirementTable(isa: IsaResult, confidence: number, check?: { onDuty: Map<string, Float64Array>; measures: WeekMeasures }): Table {
  const ci = `_ci${Number((confidence * 100).toFixed(4))}`;
  const headers = [
    'group', 'day', 'hour', 'contact', 'measure', 'target_pct', 'handlers_required', 'erlang_a_seed', 'offered_load_erlangs',
    'achieved_pct', `achieved_pct${ci}`, 'roster_on_duty', 'roster_achieved_pct', `roster_achieved_pct${ci}`,
  ];
  const rows: string[][] = [];
  for (const [group, targets] of isa.targets) {
    for (let h = 0; h < HOURS_PER_WEEK; h++) {
      for (const t of targets) {
        const a = hourFigure(t, isa.achieved, h, confidence);
        const r = check ? hourFigure(t, check.measures, h, confidence) : null;
        const { day, hour } = hourLabel(h);
        rows.push([
          group, day, hour, t.contact, t.kind === 'within' ? `answered_within_${t.withinSeconds}s_pct` : 'abandoned_pct', fmt(t.pct),
          String(isa.requirement.get(group)![h]), String(isa.seed.get(group)![h]), fmt(isa.offeredLoad.get(group)![h]),
          fmt(a.value), fmt(a.halfWidth), check ? fmt(check.onDuty.get(group)![h]) : '', r ? fmt(r.value) : '', r ? fmt(r.halfWidth) : '',
        ]);
      }
    }
  }
  return { name: 'requirement.csv', headers, rows };
}
