/**
 * The investment as a model (issue 11, point 1): pricing worked by hand, levels interpolated,
 * places spread by largest remainder, the parts applied, and the problems named.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadScenario, ScenarioError, validateScenario } from '../src/scenario/load.js';
import { DEFAULT_CONTRACTED_HOURS as PLAN_DEFAULT } from '../src/staffing/planRoster.js';
import { rosteredHoursPerWeek } from '../src/staffing/shiftTemplates.js';
import { DEFAULT_CONTRACTED_HOURS, leversOf, spreadPlaces } from '../src/investment/index.js';
import { fixture, TempDirs } from './fixtures/harness.js';

const temp = new TempDirs();
afterAll(() => temp.cleanup());

/** invest-small.yaml with its text changed, in a temp folder beside a copy of its base. */
function variantOf(edit: (text: string) => string): string {
  const dir = temp.make('metcc-invest-');
  writeFileSync(path.join(dir, 'invest-base.yaml'), readFileSync(fixture('invest-base.yaml')));
  const file = path.join(dir, 'invest-small.yaml');
  writeFileSync(file, edit(readFileSync(fixture('invest-small.yaml'), 'utf8')));
  return file;
}

function problemsOf(f: () => unknown): { path: string; message: string }[] {
  try {
    f();
  } catch (err) {
    if (err instanceof ScenarioError) return err.problems;
    throw err;
  }
  throw new Error('expected a ScenarioError');
}

describe('pricing (hand-worked)', () => {
  // FTE cost: pay 30,000 + shift 10% 3,000 + location 1,000 = 34,000, + 20% on-costs = 40,800.
  // 4 places over early 6 / late 5 / night 3 (quotas 1.71, 1.43, 0.86): floors 1, 1, 0, the two left
  // to night (.86) and early (.71): early 2, late 1, night 1 = 2 x 56 + 56 + 63 = 231 paid h a week,
  // / 36 = 6.41667 FTE x 40,800 = 261,800. quicker: 2 FTE x level 0.5 = 1 FTE = 40,800.
  // kit: 10,000 x 0.25 = 2,500. Total 305,100.
  const loaded = loadScenario(fixture('invest-small.yaml'));
  const costing = loaded.investment!.costing!;

  it('prices each lever from planning.costs and staff\'s FTE rule', () => {
    const by = new Map(costing.levers.map((l) => [l.lever, l]));
    expect(by.get('places')!.shifts!.map((s) => [s.shift, s.places])).toEqual([['early', 2], ['late', 1], ['night', 1]]);
    expect(by.get('places')!.fte).toBeCloseTo(231 / 36, 10);
    expect(by.get('places')!.costGbp).toBeCloseTo(261_800, 6);
    expect(by.get('quicker')!.costGbp).toBeCloseTo(40_800, 6);
    expect(by.get('kit')!.costGbp).toBeCloseTo(2_500, 6);
    expect(costing.totalGbp).toBeCloseTo(305_100, 6);
    expect(costing.overBudget).toBe(false);
  });

  it('every derivation line carries a source tag', () => {
    for (const l of costing.levers) for (const d of l.derivation) expect(d, d).toMatch(/\[(S|D|A)[^\]]*\]/);
  });

  it("a place's paid hours are staff's: the FTE of the places is the change in rosteredHoursPerWeek / contracted", () => {
    const base = loadScenario(fixture('invest-small.yaml'), [], { parts: 'none' }).scenario;
    const added = rosteredHoursPerWeek(loaded.scenario, 'g') - rosteredHoursPerWeek(base, 'g');
    expect(added).toBe(231);
    expect(DEFAULT_CONTRACTED_HOURS).toBe(PLAN_DEFAULT);
  });

  it('prices other counts and levels (allocate), and lists the levers with their ranges', () => {
    const at = loadScenario(fixture('invest-small.yaml'), [], { levelsByName: new Map([['places', 0], ['quicker', 1]]) });
    expect(at.investment!.costing!.totalGbp).toBeCloseTo(81_600 + 2_500, 6);
    expect(at.scenario.handlers.g.shifts!.early.staff).toBe(6);
    expect(leversOf(at.investment).map((l) => [l.name, l.kind, l.at, l.range?.max, Math.round(l.costGbp)])).toEqual([
      ['places', 'places', 0, 10, 0],
      ['quicker', 'set', 1, 1, 81_600],
      ['kit', 'set', 0.25, undefined, 2_500],
    ]);
  });
});

describe('applying the levers', () => {
  it('interpolates a set lever linearly from the base value, and adds the places to the shifts', () => {
    const s = loadScenario(fixture('invest-small.yaml')).scenario;
    expect(s.contacts['999'].handling).toEqual({ exponential: { mean_seconds: 250 } });
    expect(s.handlers.g.shrinkage_pct).toBe(15);
    expect(s.contacts['101'].patience).toEqual({ exponential: { mean_seconds: 375 } });
    expect(Object.values(s.handlers.g.shifts!).map((x) => x.staff)).toEqual([8, 6, 4]);
    expect(s.contacts['101'].handling).toEqual({ exponential: { mean_seconds: 100 } });
    expect('investment' in s || 'other_changes' in s).toBe(false);
  });

  it('investment-only leaves the other changes out; none is the base', () => {
    const only = loadScenario(fixture('invest-small.yaml'), [], { parts: 'investment-only' }).scenario;
    expect(only.contacts['101'].handling).toEqual({ exponential: { mean_seconds: 200 } });
    expect(only.handlers.g.shrinkage_pct).toBe(15);
    const base = loadScenario(fixture('invest-small.yaml'), [], { parts: 'none' }).scenario;
    const parent = loadScenario(fixture('invest-base.yaml')).scenario;
    expect({ ...base, name: 'x' }).toEqual({ ...parent, name: 'x' });
  });

  it('levels 0 and 1 give the base value and the lever value exactly', () => {
    const at = (level: number) => loadScenario(fixture('invest-small.yaml'), [], { levelsByName: new Map([['quicker', level]]) }).scenario.handlers.g.shrinkage_pct;
    expect([at(0), at(0.25), at(1)]).toEqual([20, 17.5, 10]);
  });

  it('--set applies after the levers; --set into the investment section before them', () => {
    const late = loadScenario(fixture('invest-small.yaml'), [{ keyPath: 'handlers.g.shrinkage_pct', value: 30 }]);
    expect(late.scenario.handlers.g.shrinkage_pct).toBe(30);
    const early = loadScenario(fixture('invest-small.yaml'), [{ keyPath: 'investment.levers.quicker.level', value: 1 }]);
    expect(early.scenario.handlers.g.shrinkage_pct).toBe(10);
    expect(early.investment!.costing!.levers[1].costGbp).toBeCloseTo(81_600, 6);
  });

  it('places at a training level are a group of their own, held at the start by people at that level', () => {
    const file = variantOf((t) =>
      t.replace('places: { group: g, count: 4, shifts: by_places, range: { min: 0, max: 10, step: 2 } }', 'places: { group: g, count: 4, shifts: by_places, level: new }') +
      'training_levels:\n  new: { handling_multiplier: 1.3, weeks_to_next_level: 4, becomes: old }\n  old: { handling_multiplier: 1 }\n',
    );
    const s = loadScenario(file).scenario;
    expect(Object.keys(s.handlers)).toEqual(['g', 'g~places']);
    expect(Object.values(s.handlers.g.shifts!).map((x) => x.staff)).toEqual([6, 5, 3]);
    expect(Object.values(s.handlers['g~places'].shifts!).map((x) => x.staff)).toEqual([2, 1, 1]);
    expect(s.handlers['g~places'].training_mix).toEqual({ new: 1 });
    expect(s.handlers['g~places'].vacancies_at_start_pct).toBe(0);
  });
});

describe('a scenario object (simulateStudy, the library)', () => {
  it('validateScenario applies its investment as loading a file does', () => {
    const fromFile = loadScenario(fixture('invest-small.yaml'));
    const raw = { ...parseYaml(readFileSync(fixture('invest-base.yaml'), 'utf8')), ...parseYaml(readFileSync(fixture('invest-small.yaml'), 'utf8')) };
    delete raw.extends;
    const checked = validateScenario(raw);
    expect(checked.problems).toEqual([]);
    expect(checked.scenario).toEqual(fromFile.scenario);
    expect(checked.investment!.costing!.totalGbp).toBeCloseTo(305_100, 6);
    raw.investment.budget_gbp = 1;
    expect(validateScenario(raw).problems[0].path).toBe('investment.levers');
  });
});

describe('spreading places (largest remainder)', () => {
  it('gives whole parts, then the largest fractions, ties to the first listed, and always sums to the count', () => {
    expect([...spreadPlaces(3, new Map([['a', 1], ['b', 1]]))]).toEqual([['a', 2], ['b', 1]]);
    expect([...spreadPlaces(0, new Map([['a', 1]]))]).toEqual([['a', 0]]);
    const w = new Map([['a', 10], ['b', 7], ['c', 24], ['d', 0]]);
    for (let n = 0; n <= 50; n++) expect([...spreadPlaces(n, w).values()].reduce((x, y) => x + y, 0)).toBe(n);
    expect(spreadPlaces(41, w).get('d')).toBe(0);
  });
});

describe('problems', () => {
  it('over budget: every command refuses, naming the file, investment.levers and each lever with its cost', () => {
    const file = variantOf((t) => t.replace('budget_gbp: 400000', 'budget_gbp: 305000'));
    const [p] = problemsOf(() => loadScenario(file));
    expect(p.path).toBe('investment.levers');
    expect(p.message).toContain('the levers cost £305,100 a year, over the budget of £305,000');
    expect(p.message).toContain('places £261,800, quicker £40,800, kit £2,500');
    // exactly the budget is within it
    expect(loadScenario(variantOf((t) => t.replace('budget_gbp: 400000', 'budget_gbp: 305100'))).investment!.costing!.overBudget).toBe(false);
    // allocate may price a plan over budget without refusing it
    expect(loadScenario(file, [], { budget: 'allow' }).investment!.costing!.overBudget).toBe(true);
  });

  it('a lever key path that the base does not have is named with what was expected', () => {
    const file = variantOf((t) => t.replace('handlers.g.shrinkage_pct: 10', 'handlers.g.shrinkage: 10'));
    expect(problemsOf(() => loadScenario(file))).toEqual([
      { path: 'investment.levers.quicker.set.handlers.g.shrinkage', message: expect.stringContaining('no key handlers.g.shrinkage in the base scenario') },
    ]);
  });

  it('a non-numeric value is refused between levels 0 and 1', () => {
    const file = variantOf((t) => t.replace('contacts.999.handling.exponential.mean_seconds: 200', 'contacts.999.handling: { fixed: { seconds: 200 } }'));
    expect(problemsOf(() => loadScenario(file))[0]).toEqual({ path: 'investment.levers.quicker.set.contacts.999.handling', message: expect.stringContaining('only at level 0 or 1, not 0.5') });
  });

  it('an unknown group, an unknown shift, a map that does not add up, a lever with two effects', () => {
    const cases: [string, string, string][] = [
      ['group: g, count: 4', 'group: h, count: 4', 'investment.levers.places.places.group'],
      ['shifts: by_places', 'shifts: { early: 3, dawn: 1 }', 'investment.levers.places.places.shifts.dawn'],
      ['shifts: by_places', 'shifts: { early: 3 }', 'investment.levers.places.places.shifts'],
      ['level: 0.25', 'level: 0.25\n      places: { group: g, count: 1, shifts: by_places }', 'investment.levers.kit'],
    ];
    for (const [from, to, at] of cases) {
      const ps = problemsOf(() => loadScenario(variantOf((t) => t.replace(from, to))));
      expect(ps.map((p) => p.path), to).toContain(at);
    }
  });

  it('a value a lever sets that the scenario refuses names the lever', () => {
    const file = variantOf((t) => t.replace('handlers.g.shrinkage_pct: 10', 'handlers.g.shrinkage_pct: 300').replace('level: 0.5', 'level: 1'));
    expect(problemsOf(() => loadScenario(file))[0].message).toContain('(set by investment.levers.quicker)');
  });

  it('levels for a lever the file does not have are refused', () => {
    expect(problemsOf(() => loadScenario(fixture('invest-small.yaml'), [], { levelsByName: new Map([['plaices', 1]]) }))[0].message).toContain("no lever 'plaices'");
  });
});
