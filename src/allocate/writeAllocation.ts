import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { fmt } from '../report/format.js';
import { StagedFiles } from '../report/StagedFiles.js';
import { loadScenario, type Override } from '../scenario/load.js';
import { portablePath } from '../study/writeReports.js';
import { programVersion } from '../version.js';
import { setPathIn } from '../investment/keyPath.js';
import type { Evaluated } from './CrnEvaluator.js';
import { describeObjective } from './Objective.js';
import { figure, pairedDifference, PLAN_METRICS, valuesOf } from './planFigures.js';
import type { AllocationResult } from './runAllocation.js';
import { fmtUnits } from './greedySearch.js';

/** Every file allocate writes (a folder reused for another allocation never mixes two). */
export const ALLOCATION_FILES = ['allocation.csv', 'projection.csv', 'marginal.csv', 'allocate.json', 'allocated.yaml'] as const;

/** The plans of a result, in report order. */
export const plansOf = (r: AllocationResult): [string, Evaluated][] => [['start', r.start], ['chosen', r.chosen], ['shipped', r.shipped]];

/** "early_0800:6 late_1600:2" */
export function spreadText(s: unknown): string {
  if (s === undefined) return '';
  if (typeof s === 'string') return s;
  return Object.entries(s as Record<string, number>).filter(([, n]) => n > 0).map(([k, n]) => `${k}:${n}`).join(' ');
}

/**
 * Write an allocation's reports into `outDir` as one unit: allocation.csv (each plan's levers:
 * units, cost and, for places, where they go), projection.csv (each plan's figures with 95%
 * intervals and its paired difference from the shipped plan and from the start), marginal.csv
 * (each lever's value per £100k at the start and either side of the choice), allocate.json
 * (the method, window, search steps and every simulated allocation) and allocated.yaml (the
 * input extended with the chosen levers). allocated.yaml is loaded before anything is
 * committed and must give exactly the chosen scenario.
 */
export async function writeAllocation(r: AllocationResult, outDir: string, o: { sets: readonly Override[]; wallSeconds: number; commandLine?: readonly string[]; window: string }): Promise<string[]> {
  const staged = new StagedFiles(outDir);
  const { menu } = r;
  try {
    await staged.csv(
      'allocation.csv',
      ['plan', 'lever', 'kind', 'group', 'units', 'cost_gbp', 'places_by_shift'],
      plansOf(r).flatMap(([plan, e]) => {
        const cost = menu.costOf(e.allocation);
        return [
          ...menu.levers.map((l, i) => [plan, l.name, l.kind, l.group ?? '', fmtUnits(e.allocation.units[i]), fmt(cost.leverGbp[i], 0), spreadText(e.allocation.spreads[i])]),
          [plan, 'total', '', '', '', fmt(cost.totalGbp, 0), ''],
        ];
      }),
    );
    const metrics = [...PLAN_METRICS.map((m) => m.name), 'objective'];
    await staged.csv(
      'projection.csv',
      ['plan', 'metric', 'value', 'value_ci95', 'difference_from_shipped', 'difference_from_shipped_ci95', 'difference_from_start', 'difference_from_start_ci95'],
      plansOf(r).flatMap(([plan, e]) =>
        metrics.map((m) => {
          const f = figure(valuesOf(e, m));
          const s = pairedDifference(e, r.shipped, m);
          const b = pairedDifference(e, r.start, m);
          return [plan, m, fmt(f.value), fmt(f.ci95), fmt(s.value), fmt(s.ci95), fmt(b.value), fmt(b.ci95)];
        }),
      ),
    );
    await staged.csv(
      'marginal.csv',
      ['lever', 'step', 'units_from', 'units_to', 'cost_gbp', 'objective_change', 'objective_change_ci95', 'points_per_100k_gbp', 'points_per_100k_gbp_ci95'],
      r.marginals.map((m) => {
        const d = figure(m.objectiveChange);
        const v = figure(m.pointsPer100kGbp);
        return [m.lever, m.step, fmtUnits(m.unitsFrom), fmtUnits(m.unitsTo), fmt(m.costGbp, 0), fmt(d.value), fmt(d.ci95), fmt(v.value), fmt(v.ci95)];
      }),
    );
    // allocated.yaml: extends the input, states the chosen levers (and the --set changes the choice was made with, but not the window)
    const kept = o.sets.filter((s) => !/^(horizon|replications|seed)(\.|$)/.test(s.keyPath));
    const header = [
      `Allocated by metcc-sim allocate ${programVersion()} from ${portablePath(menu.file)}: the best use of ${gbpText(menu.budgetGbp)} found`,
      `for ${describeObjective(r.objective)}, evaluated on ${o.window}, seed ${r.seed}, ${r.replications} replications`,
      `(allocation.csv, projection.csv and marginal.csv beside this file). Run it as any scenario: metcc-sim run allocated.yaml`,
    ];
    const chosenOverrides = menu.overridesOf(r.chosen.allocation).map((x) => withEveryShift(r, x));
    const text = (folder: string) => allocatedText(menu.file, folder, r.scenario.name, [...kept, ...chosenOverrides], header);
    writeFileSync(path.join(staged.scratch('check'), 'allocated.yaml'), text(staged.scratch('check')));
    const expected = menu.scenarioOf(r.chosen.allocation);
    const got = loadScenario(path.join(staged.scratch('check'), 'allocated.yaml'), o.sets.filter((s) => /^(horizon|replications|seed)(\.|$)/.test(s.keyPath)), { parts: 'investment-only' });
    if (canonical({ ...got.scenario, name: expected.name, description: expected.description }) !== canonical(expected)) {
      throw new Error('allocate: allocated.yaml does not load to the chosen allocation (a bug: please report it)');
    }
    staged.text('allocated.yaml', text(outDir));
    const summary = (e: Evaluated) => ({
      units: Object.fromEntries(menu.levers.map((l, i) => [l.name, e.allocation.units[i]])),
      places_by_shift: Object.fromEntries(menu.levers.flatMap((l, i) => (l.kind === 'places' ? [[l.name, e.allocation.spreads[i]]] : []))),
      cost_gbp: Number(fmt(menu.costOf(e.allocation).totalGbp, 2)),
      figures: Object.fromEntries(metrics.map((m) => [m, rounded(figure(valuesOf(e, m)))])),
      difference_from_shipped: Object.fromEntries(metrics.map((m) => [m, rounded(pairedDifference(e, r.shipped, m))])),
    });
    const json = {
      program: 'metcc-sim',
      version: programVersion(),
      command: 'allocate',
      scenario_file: portablePath(menu.file),
      scenario_sha256: createHash('sha256').update(readFileSync(menu.file)).digest('hex'),
      budget_gbp: menu.budgetGbp,
      objective: { name: r.objective.name, weights: Object.fromEntries(r.objective.weights), in_words: describeObjective(r.objective) },
      window: o.window,
      seed: r.seed,
      replications: r.replications,
      method: {
        random_numbers: 'common: every allocation simulated with the same seed and replications; differences paired replication by replication',
        search: 'greedy marginal analysis with re-evaluation (lazy greedy): from every lever at its minimum, the affordable step with the most objective per pound, the best lever re-simulated at the current allocation before it is taken; then an exchange pass (one step less of a lever, the money on another)',
        placement: 'each places lever: places one at a time on the shift with the most value per pound under the staffing tools\' local model (Erlang A at each hour\'s effective load, from the simulation of the start allocation; shiftCover; src/allocate/placePlaces.ts)',
        parts: 'the levers only ("what the money bought"): other_changes are not allocated and are left out',
        intervals: '95%: Student t over the replications; differences and marginal values paired',
      },
      levers: menu.levers.map((l) => ({ name: l.name, kind: l.kind, ...(l.group ? { group: l.group } : {}), min: l.min, max: l.max, step: l.step, stated: l.stated, source: l.source })),
      plans: Object.fromEntries(plansOf(r).map(([p, e]) => [p, summary(e)])),
      steps: r.steps.map((s) => ({ ...s, costGbp: Number(fmt(s.costGbp, 2)), objectiveMean: Number(fmt(s.objectiveMean, 6)), pointsPer100kGbp: Number.isFinite(s.pointsPer100kGbp) ? Number(fmt(s.pointsPer100kGbp, 6)) : null })),
      placement: Object.fromEntries([...r.placement].map(([name, order]) => [name, order.map((p) => p.shift)])),
      evaluations: r.history.map((e) => ({ index: e.index, phase: e.phase, units: e.allocation.units, places_by_shift: e.allocation.spreads.map((s) => spreadText(s)), objective: rounded(figure(e.objective)) })),
      warnings: r.warnings,
      timing: { wall_seconds: Number(o.wallSeconds.toFixed(3)), command_line: o.commandLine ?? [], node_version: process.version },
    };
    staged.text('allocate.json', JSON.stringify(json, null, 2) + '\n');
    staged.commit([...ALLOCATION_FILES]);
    return [...ALLOCATION_FILES];
  } catch (err) {
    staged.abort();
    throw err;
  }
}

/** A places lever's spread written with every shift of its group (0 where none): the file's own map is replaced key by key, not merged into. */
function withEveryShift(r: AllocationResult, o: Override): Override {
  const m = /^investment\.levers\.(.+)\.places\.shifts$/.exec(o.keyPath);
  if (!m || typeof o.value !== 'object') return o;
  const lever = r.menu.levers.find((l) => l.name === m[1])!;
  const names = Object.keys(r.scenario.handlers[lever.group!]?.shifts ?? {});
  const given = o.value as Record<string, number>;
  return { keyPath: o.keyPath, value: Object.fromEntries(names.map((n) => [n, given[n] ?? 0])) };
}

/** The text of allocated.yaml: extends the input (relative to `folder`), with the overrides as its own keys. */
function allocatedText(file: string, folder: string, name: string, overrides: readonly Override[], header: readonly string[]): string {
  const doc: Record<string, unknown> = { extends: path.relative(path.resolve(folder), path.resolve(file)).split(path.sep).join('/'), name: `${name}-allocated` };
  for (const x of overrides) {
    const problem = setPathIn(doc, x.keyPath, x.value);
    if (problem) throw new Error(`allocated.yaml: ${x.keyPath}: ${problem}`);
  }
  return `${header.map((l) => `# ${l}`).join('\n')}\n${stringify(doc, { lineWidth: 0 })}`;
}

const rounded = (f: { value: number; ci95: number | null }) => ({ value: Number.isFinite(f.value) ? Number(fmt(f.value, 6)) : null, ci95: f.ci95 === null ? null : Number(fmt(f.ci95, 6)) });
const gbpText = (x: number) => `£${Math.round(x).toLocaleString('en-GB')}`;

/** JSON with object keys sorted (key order differs between a file and overrides). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
