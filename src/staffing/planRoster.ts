import { validateScenario, type Scenario } from '../scenario/load.js';
import { DAYS, type ShiftInput } from '../scenario/schema.js';
import { fmt } from '../report/format.js';
import type { StagedFiles } from '../report/StagedFiles.js';
import { solveCover, uncoverable, type CoverColumn } from './coverMip.js';
import { fteCost, type CostLine } from './fteCost.js';
import type { IsaResult } from './iterativeStaffing.js';
import { HOURS_PER_WEEK } from './layeredShifts.js';
import { hourFigure, hourLabel, weekFigure } from './requirementTable.js';
import { allowedShifts, capacityPerPerson, clockOf, rosteredHoursPerWeek, shiftCover, type ShiftTemplate } from './shiftTemplates.js';
import { primaryGroup } from './staffingScenario.js';
import { describeTarget, StaffingError, type StaffTarget } from './StaffTarget.js';
import { measureWeek, total, type WeekMeasures } from './weekMeasures.js';

export const ROSTER_FILES = ['roster.csv', 'cost.csv', 'roster.yaml'];
/** Default contracted week when the scenario gives none (planning.contracted_hours_per_week). */
export const DEFAULT_CONTRACTED_HOURS = 37.5;
/** Rounds of "simulate the roster, add a handler where an hour falls significantly short, solve again". */
const MAX_REPAIRS = 3;

/** What the roster step produced. */
export interface RosterOutcome {
  /** The roster simulated: handlers (people) on duty per staffed group and hour, and what every contact saw. */
  check: { onDuty: Map<string, Float64Array>; measures: WeekMeasures };
  summary: string[];
  write(staged: StagedFiles): Promise<string[]>;
}

interface GroupRoster {
  group: string;
  templates: ShiftTemplate[];
  /** Shifts of the fragment: name -> shift, with its template's paid minutes. */
  shifts: [string, ShiftInput, number][];
  fteNeeded: number;
  fteNow: number;
}

const labels = (hours: number[]) => hours.map((h) => `${hourLabel(h).day} ${hourLabel(h).hour}`).join(', ');
const hourOfDay = (m: number) => clockOf(m);

/** Equal counts on several days of one template make one shift with those days. */
function fragmentShifts(t: ShiftTemplate, byDay: Map<number, number>): [string, ShiftInput, number][] {
  const groups = new Map<number, number[]>();
  for (const [day, count] of byDay) if (count > 0) groups.set(count, [...(groups.get(count) ?? []), day]);
  const end = hourOfDay((t.startMinutes + t.lengthMinutes) % 1440);
  return [...groups.entries()].map(([staff, days]) => {
    const name = groups.size === 1 && days.length === t.days.length ? t.name : `${t.name}_${days.map((d) => DAYS[d]).join('_')}`;
    const shift: ShiftInput = { start: hourOfDay(t.startMinutes), end, days: days.map((d) => DAYS[d]), staff, ...(t.breakMinutes > 0 ? { break_minutes: t.breakMinutes } : {}) };
    return [name, shift, t.paidMinutes];
  });
}

/** The scenario with the staffed groups' shifts replaced by the roster (everything else as configured). */
function rosterScenario(scenario: Scenario, rosters: readonly GroupRoster[]): Scenario {
  // a plain scenario file again (validated below), so the shifts need only the file's keys
  const handlers: Record<string, unknown> = { ...scenario.handlers };
  for (const r of rosters) {
    const { staff: _staff, ...rest } = scenario.handlers[r.group];
    handlers[r.group] = { ...rest, shifts: Object.fromEntries(r.shifts.map(([n, s]) => [n, s])) };
  }
  const { scenario: out, problems } = validateScenario({ ...scenario, handlers, reporting: { interval_minutes: 60 } });
  if (problems.length) throw new Error(`roster scenario: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return out;
}

/** Hours a target is significantly missed (the interval's better end misses it), and whether the week misses it. */
function shortfalls(t: StaffTarget, w: WeekMeasures, confidence: number): { hours: number[]; weekMissed: boolean; below: number[] } {
  const hours: number[] = [];
  const below: number[] = [];
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    const f = hourFigure(t, w, h, confidence);
    if (!Number.isFinite(f.value)) continue;
    const best = t.kind === 'within' ? f.value + (f.halfWidth ?? 0) : f.value - (f.halfWidth ?? 0);
    if (t.kind === 'within' ? best < t.pct : best > t.pct) hours.push(h);
    if (t.kind === 'within' ? f.value < t.pct : f.value > t.pct) below.push(h);
  }
  const week = weekFigure(t, w, confidence).value;
  return { hours, below, weekMissed: t.kind === 'within' ? week < t.pct : week > t.pct };
}

/**
 * From requirement to roster: for each staffed group, how many people to roster on each
 * allowed shift and day so that every hour's requirement is covered at the fewest paid hours
 * (an integer programme, HiGHS), counting a rostered place as (1 - vacancies at the start) held and its holder (1 - shrinkage) present, on duty
 * outside the staggered break, at the training mix's speed. Then simulate the roster (absence,
 * breaks, attrition and training as configured); where an hour is significantly short of a
 * target (or the week is), add a handler to those hours' requirement and solve again.
 */
export const planRoster = {
  prepare(scenario: Scenario, targets: readonly StaffTarget[]) {
    const groups = [...new Set(targets.map((t) => primaryGroup(scenario, t.contact)).filter((g): g is string => g !== undefined))];
    const templates = new Map(groups.map((g) => [g, allowedShifts(scenario, g)]));
    const contracted = scenario.planning?.contracted_hours_per_week ?? DEFAULT_CONTRACTED_HOURS;
    const costs: CostLine[] | null = scenario.planning?.costs ? fteCost(scenario.planning.costs) : null;
    return {
      async solve(isa: IsaResult, o: { seed: number; replications: number; workers: number; confidence: number; say: (t: string) => void }): Promise<RosterOutcome | null> {
        if (groups.some((g) => templates.get(g)!.length === 0)) {
          o.say(`  no roster: ${groups.filter((g) => templates.get(g)!.length === 0).join(', ')} has constant staff and the scenario allows no shifts (planning.shifts): requirement only`);
          return null;
        }
        const need = new Map(groups.map((g) => [g, Float64Array.from(isa.requirement.get(g)!)]));
        let rosters: GroupRoster[] = [];
        let measures: WeekMeasures | undefined;
        let scenarioChecked: Scenario | undefined;
        for (let round = 0; ; round++) {
          rosters = [];
          for (const g of groups) {
            // a rostered place is held (1 - vacancies at the start) and its holder present (1 - shrinkage)
            const h = scenario.handlers[g];
            const present = (1 - (h.vacancies_at_start_pct ?? 0) / 100) * (1 - (h.shrinkage_pct ?? 0) / 100) * capacityPerPerson(scenario, g);
            const ts = templates.get(g)!;
            const instances = ts.flatMap((t) => t.days.map((day) => ({ t, day })));
            const columns: CoverColumn[] = instances.map(({ t, day }) => ({
              name: `${t.name}@${day}`,
              cost: t.paidMinutes / 60,
              covers: [...shiftCover(t, day)].map((c, h) => [h, c * present] as [number, number]).filter(([, c]) => c > 1e-9),
            }));
            const gaps = uncoverable(columns, need.get(g)!);
            if (gaps.length) {
              throw new StaffingError(`handlers.${g}: the allowed shifts put nobody on duty in ${labels(gaps)}, where the targets need handlers; allow shifts that cover those hours (planning.shifts)`);
            }
            const { counts, optimal, gap } = await solveCover(columns, need.get(g)!);
            o.say(`  ${g}: roster from HiGHS${optimal ? '' : ' (stopped at its node limit)'}, at most ${fmt(100 * gap, 2)}% above the cheapest possible`);
            const shifts = ts.flatMap((t) => fragmentShifts(t, new Map(instances.map((x, j) => [x, counts[j]] as const).filter(([x]) => x.t === t).map(([x, c]) => [x.day, c]))));
            const paid = shifts.reduce((s, [, sh, paidMinutes]) => s + (sh.staff * (sh.days ?? DAYS).length * paidMinutes) / 60, 0);
            rosters.push({ group: g, templates: ts, shifts, fteNeeded: paid / contracted, fteNow: rosteredHoursPerWeek(scenario, g) / contracted });
          }
          scenarioChecked = rosterScenario(scenario, rosters);
          measures = await measureWeek(scenarioChecked, { seed: o.seed, replications: o.replications, workers: o.workers });
          let short = 0;
          for (const [g, ts] of isa.targets) {
            for (const t of ts) {
              const s = shortfalls(t, measures, o.confidence);
              const add = s.hours.length ? s.hours : s.weekMissed ? s.below : [];
              for (const h of add) need.get(g)![h] += 1;
              short += add.length;
            }
          }
          o.say(`  roster ${round + 1}: ${rosters.map((r) => `${r.group} ${fmt(r.fteNeeded, 1)} FTE`).join(', ')}; simulated: ${short === 0 ? 'every target holds' : `${short} hours short, adding a handler there`}`);
          if (short === 0 || round === MAX_REPAIRS) break;
        }
        const onDuty = new Map(groups.map((g) => [g, Float64Array.from({ length: HOURS_PER_WEEK }, (_, h) => (measures!.observedSeconds[h] > 0 ? total(measures!.staffedSeconds.get(g)!, h) / (measures!.observedSeconds[h] * measures!.replications) : 0))]));
        return {
          check: { onDuty, measures: measures! },
          summary: summaryLines(scenario, isa, rosters, costs, measures!, o.confidence, o.replications),
          write: (staged) => writeRoster(staged, scenario, rosters, costs, contracted),
        };
      },
    };
  },
};

/** The printed result: per staffed group the FTE and pounds, then how the simulated roster meets each target. */
function summaryLines(scenario: Scenario, isa: IsaResult, rosters: GroupRoster[], costs: CostLine[] | null, w: WeekMeasures, confidence: number, replications: number): string[] {
  const perFte = costs ? costs[costs.length - 1].poundsPerFteYear : null;
  const money = (x: number) => (Math.abs(x) >= 1e6 ? `£${fmt(x / 1e6, 2)}m` : `£${fmt(Math.round(x / 1000), 0)}k`);
  const out: string[] = [];
  for (const r of rosters) {
    const what = isa.targets.get(r.group)!.map(describeTarget).join('; ');
    const diff = r.fteNeeded - r.fteNow;
    let line = `${scenario.name}: ${what} needs ${fmt(r.fteNeeded, 1)} FTE in ${r.group}, ${fmt(Math.abs(diff), 1)} ${diff >= 0 ? 'more' : 'fewer'} than rostered (${fmt(r.fteNow, 1)})`;
    if (perFte !== null) line += `, ${money(r.fteNeeded * perFte)} a year (${money(Math.abs(diff) * perFte)} ${diff >= 0 ? 'more' : 'less'}) at ${money(perFte)} an FTE-year`;
    out.push(line);
    for (const t of isa.targets.get(r.group)!) {
      const week = weekFigure(t, w, confidence);
      const s = shortfalls(t, w, confidence);
      let worst = -1;
      let worstValue = t.kind === 'within' ? Infinity : -Infinity;
      for (let h = 0; h < HOURS_PER_WEEK; h++) {
        const v = hourFigure(t, w, h, confidence).value;
        if (Number.isFinite(v) && (t.kind === 'within' ? v < worstValue : v > worstValue)) [worst, worstValue] = [h, v];
      }
      const wf = worst >= 0 ? hourFigure(t, w, worst, confidence) : null;
      out.push(
        `  the roster simulated (${replications} replications): ${t.contact} ${t.kind === 'within' ? `answered within ${t.withinSeconds} s` : 'abandoned'}: week ${fmt(week.value, 1)} ± ${fmt(week.halfWidth, 1)}%; ` +
          (s.hours.length ? `significantly ${t.kind === 'within' ? 'below' : 'above'} ${t.pct}% in ${labels(s.hours)}` : `no hour significantly ${t.kind === 'within' ? 'below' : 'above'} ${t.pct}%`) +
          (wf ? ` (worst hour ${labels([worst])}: ${fmt(wf.value, 1)} ± ${fmt(wf.halfWidth, 1)})` : ''),
      );
    }
  }
  return out;
}

async function writeRoster(staged: StagedFiles, scenario: Scenario, rosters: GroupRoster[], costs: CostLine[] | null, contracted: number): Promise<string[]> {
  const rows: string[][] = [];
  const yaml = [`# Roster from 'metcc-sim staff' for ${scenario.name}: paste over each group's shifts.`, `# ${contracted} contracted hours a week per FTE.`, 'handlers:'];
  for (const r of rosters) {
    yaml.push(`  ${r.group}:`, '    shifts:');
    for (const [name, s, paidMinutes] of r.shifts) {
      const days = s.days ?? DAYS;
      rows.push([r.group, name, s.start, s.end, days.join(' '), String(s.staff), fmt(paidMinutes / 60), fmt(s.break_minutes ?? 0), fmt((s.staff * days.length * paidMinutes) / 60)]);
      yaml.push(`      ${name}: { start: "${s.start}", end: "${s.end}", days: [${days.join(', ')}], staff: ${s.staff}${s.break_minutes ? `, break_minutes: ${s.break_minutes}` : ''} }`);
    }
  }
  await staged.csv('roster.csv', ['group', 'shift', 'start', 'end', 'days', 'staff', 'paid_hours', 'break_minutes', 'paid_hours_per_week'], rows);
  staged.text('roster.yaml', yaml.join('\n') + '\n');
  const files = ['roster.csv', 'roster.yaml'];
  if (costs) {
    const cost: string[][] = [];
    for (const r of rosters) {
      for (const [roster, fte] of [['needed', r.fteNeeded], ['current', r.fteNow]] as const) {
        for (const l of costs) cost.push([r.group, roster, l.item, l.basis, fmt(l.poundsPerFteYear, 2), fmt(fte, 2), fmt(l.poundsPerFteYear * fte, 0), l.source]);
      }
    }
    await staged.csv('cost.csv', ['group', 'roster', 'item', 'basis', 'pounds_per_fte_year', 'fte', 'pounds_per_year', 'source'], cost);
    files.push('cost.csv');
  }
  return files;
}
