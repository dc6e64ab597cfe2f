/**
 * `metcc-sim uncertainty` and `compare --band` on small scenarios (test/fixtures/unc-*.yaml:
 * a three-day 999/101 centre whose 101 patience is a calibrated knob): the tornado's order on
 * known sensitivities, the re-fit restoring the calibration target, the Latin hypercube's
 * strata in samples.csv, byte-identical reports from a seed, and bad input.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, fixture, num, readCsv, snapshot, stackLines, TempDirs } from './fixtures/harness.js';

const tmp = new TempDirs();
afterAll(() => tmp.cleanup());
const BASE = fixture('unc-base.yaml');
const VARIANT = fixture('unc-variant.yaml');
const TARGETS = fixture('unc-targets.csv');

describe('uncertainty: the tornado', () => {
  const out = path.join(tmp.make(), 'tornado');
  // a structural alternative: both desks pooled, in the baseline and the variant alike
  const pooled = (file: string, name: string) => {
    const f = path.join(tmp.make(), `${name}.yaml`);
    writeFileSync(f, `extends: ${JSON.stringify(file)}\nname: ${name}\nhandlers:\n  emergency: { answers: ["999", "101"] }\n  non_emergency: { answers: ["999", "101"] }\n`);
    return f;
  };
  const structural = [pooled(BASE, 'unc-base-pooled'), pooled(VARIANT, 'unc-variant-pooled')];
  const run = cli('uncertainty', BASE, VARIANT, '--samples', '0', '--targets', TARGETS, '--refit-steps', '2', '--structural', structural.join(':'), '--out', out, '--quiet', '--workers', '1');

  it('orders the assumptions by the swing of the effect: large, small, then the two that cannot move it (0 exactly, declaration order)', async () => {
    const r = await run;
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const rows = readCsv(path.join(out, 'tornado.csv')).rows;
    const order = rows.filter((x) => x.end === 'low').map((x) => x.assumption);
    expect(order).toEqual(['handling_999', 'arrivals_999_small', 'target_101', 'handling_101']);
    const swing = (name: string) => num(rows.find((x) => x.assumption === name)!.swing_999_answered_within_10s_pct);
    expect(swing('handling_999')).toBeGreaterThan(3 * swing('arrivals_999_small'));
    expect(swing('arrivals_999_small')).toBeGreaterThan(0);
    // the 101 answer target moves no simulated call; 101's handling moves only the 101 desk (common random numbers)
    expect(swing('target_101')).toBe(0);
    expect(swing('handling_101')).toBe(0);
    expect(num(rows.find((x) => x.assumption === 'target_101')!.swing_101_abandoned_pct)).toBe(0);
    expect(r.out).toContain('dominant assumptions');
    expect(r.out).toMatch(/handling_999 [\d.]+ points/);
  });

  it("re-fits the calibrated knob: a longer 101 handling time raises the 101 patience, and the target's figure comes back", async () => {
    await run;
    const rows = readCsv(path.join(out, 'tornado.csv')).rows;
    const knob = 'refit_contacts.101.patience.exponential.mean_seconds';
    const at = (end: string) => rows.find((x) => x.assumption === 'handling_101' && x.end === end)!;
    expect(num(at('high')[knob])).toBeGreaterThan(300);
    expect(num(at('low')[knob])).toBeLessThan(300);
    for (const end of ['low', 'high']) {
      const moved = num(at(end).line2_101_abandoned_pct_moved);
      const after = num(at(end).line2_101_abandoned_pct_after_refit);
      expect(Math.abs(moved)).toBeGreaterThan(1.5); // a real move of the calibration target (points)
      expect(Math.abs(after)).toBeLessThan(0.3 * Math.abs(moved));
    }
    // an assumption that moves no fitted figure leaves the knob exactly where the calibration put it
    expect(num(rows.find((x) => x.assumption === 'target_101')![knob])).toBe(300);
  });

  it('draws the tornado in report.html and records the method and the Jacobian in uncertainty.json', async () => {
    await run;
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('id="tornado-1"');
    expect(html).toContain('<svg');
    const json = JSON.parse(readFileSync(path.join(out, 'uncertainty.json'), 'utf8'));
    expect(json.calibration.jacobian[0][0]).toBeLessThan(0); // more patience, less abandonment
    expect(json.method.refit).toContain('2 Gauss-Newton steps');
    expect(json.tornado[0].assumption).toBe('handling_999');
  });

  it('runs a structural alternative as its files stand, beside the band: the effect a plain compare of the two files gives', async () => {
    await run;
    const json = JSON.parse(readFileSync(path.join(out, 'uncertainty.json'), 'utf8'));
    expect(json.structural.map((s: { baseline: string; variant: string }) => `${s.baseline}->${s.variant}`)).toEqual(['unc-base-pooled->unc-variant-pooled']);
    const cmp = path.join(tmp.make(), 'cmp');
    expect((await cli('compare', ...structural, '--replications', '1', '--out', cmp, '--quiet', '--workers', '1')).code).toBe(0);
    const rows = readCsv(path.join(cmp, 'comparison.csv')).rows;
    const diff = (metric: string, contact: string) => num(rows.find((r) => r.metric === metric && r.contact === contact)!.difference);
    const figures = json.structural[0].figures as { output: string; effect: number }[];
    expect(figures.find((f) => f.output === '999_answered_within_10s_pct')!.effect).toBeCloseTo(diff('answered_within_target_pct', '999'), 3);
    expect(figures.find((f) => f.output === '101_abandoned_pct')!.effect).toBeCloseTo(diff('abandoned_pct', '101'), 3);
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('unc-base-pooled -&gt; unc-variant-pooled');
  });
});

describe('uncertainty: the Latin hypercube and its band', () => {
  it('samples every range once per stratum, gives ordered bands, and the same bytes from the same seed with any workers', async () => {
    const dirs = [1, 2].map((w) => ({ w, out: path.join(tmp.make(), `band-${w}`) }));
    for (const { w, out } of dirs) {
      const r = await cli('uncertainty', BASE, VARIANT, '--samples', '8', '--no-tornado', '--seed', '3', '--out', out, '--quiet', '--workers', String(w));
      expect(r.code).toBe(0);
      expect(r.err).toContain('no --targets: the calibrated knobs are not re-fitted');
    }
    // every report byte for byte (the manifest names each commit's own run id)
    const reports = (dir: string) => Object.fromEntries(Object.entries(snapshot(dir)).filter(([f]) => f !== 'metcc-manifest.json'));
    expect(Object.keys(reports(dirs[0].out)).sort()).toEqual(['band.csv', 'report.html', 'samples.csv', 'tornado.csv', 'uncertainty.json']);
    expect(reports(dirs[1].out)).toEqual(reports(dirs[0].out));
    const samples = readCsv(path.join(dirs[0].out, 'samples.csv')).rows;
    expect(samples).toHaveLength(8);
    // target_101 is uniform on 30..90: each eighth of the range holds one sample
    expect(samples.map((s) => Math.floor(((num(s.target_101) - 30) / 60) * 8)).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const band = readCsv(path.join(dirs[0].out, 'band.csv')).rows;
    expect(band.map((b) => `${b.output}/${b.role}`)).toEqual([
      '999_answered_within_10s_pct/baseline', '999_answered_within_10s_pct/variant', '999_answered_within_10s_pct/effect',
      '101_abandoned_pct/baseline', '101_abandoned_pct/variant', '101_abandoned_pct/effect',
    ]);
    for (const b of band) {
      const q = [b.band95_low, b.band80_low, b.median, b.band80_high, b.band95_high].map(num);
      expect([...q].sort((x, y) => x - y)).toEqual(q);
      expect(q[4]).toBeGreaterThan(q[0]);
    }
    // another seed draws other points
    const other = path.join(tmp.make(), 'band-seed');
    await cli('uncertainty', BASE, VARIANT, '--samples', '8', '--no-tornado', '--seed', '4', '--out', other, '--quiet', '--workers', '1');
    expect(readFileSync(path.join(other, 'samples.csv'), 'utf8')).not.toBe(readFileSync(path.join(dirs[0].out, 'samples.csv'), 'utf8'));
  });
});

describe('uncertainty: a key that takes whole numbers', () => {
  it('rounds the assumption (a staff count drawn at 4.6 runs as 5) rather than failing at the first sample', async () => {
    const dir = tmp.make();
    const f = path.join(dir, 'staff.yaml');
    writeFileSync(f, `extends: ${JSON.stringify(VARIANT)}\nname: staff\nuncertain:\n  staff_999: { path: handlers.emergency.staff, applies_to: variant, low: 4, central: 5, high: 7, source: "[A] test" }\n`);
    const r = await cli('uncertainty', BASE, f, '--samples', '4', '--no-tornado', '--out', path.join(dir, 'out'), '--quiet', '--workers', '1');
    expect(r.err).not.toMatch(/whole number/);
    expect(r.code).toBe(0);
    const samples = readCsv(path.join(dir, 'out', 'samples.csv')).rows;
    expect(samples.some((x) => !Number.isInteger(num(x.staff_999)))).toBe(true); // drawn continuous, run rounded
  });
});

describe('compare --band', () => {
  it("prints the effect's sampling interval beside its assumption band, writes band.csv with the comparison, and leaves compare without it unchanged", async () => {
    const dir = tmp.make();
    const withBand = path.join(dir, 'with');
    const without = path.join(dir, 'without');
    const r = await cli('compare', BASE, VARIANT, '--band', '4', '--targets', TARGETS, '--out', withBand, '--quiet', '--workers', '1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/assumption band of the effect: a 4-point Latin hypercube over 4 uncertain: ranges/);
    expect(r.out).toMatch(/999 answered within 10 s \(% of answered\) +-?[\d.]+ +-?[\d.]+ +-?[\d.]+ +-?[\d.]+ to -?[\d.]+ +-?[\d.]+ to -?[\d.]+/);
    expect(existsSync(path.join(withBand, 'band.csv'))).toBe(true);
    const plain = await cli('compare', BASE, VARIANT, '--out', without, '--quiet', '--workers', '1');
    expect(plain.out).not.toContain('assumption band');
    expect(existsSync(path.join(without, 'band.csv'))).toBe(false);
    // the comparison itself is the same with or without the band
    expect(readFileSync(path.join(withBand, 'comparison.csv'), 'utf8')).toBe(readFileSync(path.join(without, 'comparison.csv'), 'utf8'));
    expect(plain.out).toBe(r.out.replace(/\nassumption band of the effect[\s\S]*?\nreports written/, '\nreports written').replace('band.csv, ', '').replaceAll(withBand, without));
  });
});

describe('uncertainty: bad input', () => {
  const bad = (name: string, text: string) => {
    const file = path.join(tmp.make(), name);
    writeFileSync(file, `extends: ${JSON.stringify(VARIANT)}\nname: bad\n${text}`);
    return file;
  };
  const refused = async (args: string[], ...expected: (string | RegExp)[]) => {
    const out = path.join(tmp.make(), 'never');
    const r = await cli(...args, '--out', out, '--quiet', '--workers', '1');
    expect(r.code).toBe(1);
    for (const e of expected) expect(r.err).toMatch(e);
    expect(stackLines(r.err)).toEqual([]);
    expect(existsSync(out)).toBe(false);
    return r;
  };

  it('refuses an uncertain: entry the schema does not take, naming the file and the key path', async () => {
    const f = bad('range.yaml', 'uncertain:\n  x: { path: contacts.999.handling.exponential.mean_seconds, low: 400, central: 300, high: 200, source: "[A]" }\n');
    await refused(['uncertainty', BASE, f], /range\.yaml: uncertain\.x\.high: low must be less than high/);
    const g = bad('both.yaml', 'uncertain:\n  x: { path: a.b, paths: [a.c], low: 1, central: 2, high: 3, source: "[A]" }\n');
    const r = await cli('validate', g);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/both\.yaml: uncertain\.x\.path: give exactly one of path/);
    const h = bad('nosource.yaml', 'uncertain:\n  x: { path: contacts.999.handling.exponential.mean_seconds, low: 1, central: 2, high: 3 }\n');
    expect((await cli('validate', h)).err).toMatch(/uncertain\.x\.source: /);
  });

  it("refuses a central that is not the scenario's value, a key that is not a number, a bound the key cannot take, and a calibrated knob", async () => {
    await refused(['uncertainty', BASE, bad('central.yaml', 'uncertain:\n  x: { path: contacts.999.handling.exponential.mean_seconds, low: 100, central: 200, high: 400, source: "[A]" }\n')],
      /central\.yaml: uncertain\.x\.central: 200, but contacts\.999\.handling\.exponential\.mean_seconds is 300/);
    await refused(['uncertainty', BASE, bad('key.yaml', 'uncertain:\n  x: { path: contacts.999.handling.lognormal.mean_seconds, low: 1, central: 2, high: 3, as: factor, source: "[A]" }\n')],
      /key\.yaml: uncertain\.x: contacts\.999\.handling\.lognormal\.mean_seconds is not a key of .*unc-base\.yaml/);
    await refused(['uncertainty', BASE, bad('bound.yaml', 'uncertain:\n  x: { path: contacts.101.target.answer_within_seconds, low: -10, central: 60, high: 90, source: "[A]" }\n')],
      /bound\.yaml: uncertain\.x\.low: -10 gives .*unc-base\.yaml a value it cannot take \(contacts\.101\.target\.answer_within_seconds: must be >= 0\)/);
    await refused(['uncertainty', BASE, bad('knob.yaml', 'uncertain:\n  x: { path: contacts.101.patience.exponential.mean_seconds, low: 200, central: 300, high: 400, source: "[A]" }\n'), '--targets', TARGETS],
      /uncertain\.x: moves contacts\.101\.patience\.exponential\.mean_seconds, a calibrated knob/);
  });

  it('re-fits to the targets inside the counted period (saying which it left out), and refuses targets none of which lie inside', async () => {
    const dir = tmp.make();
    const targets = path.join(dir, 'targets.csv');
    writeFileSync(targets, `${readFileSync(TARGETS, 'utf8')}2022-07,101,abandoned_pct,20,1,"outside the three days",2\n`);
    const r = await cli('uncertainty', BASE, VARIANT, '--samples', '2', '--no-tornado', '--targets', targets, '--out', path.join(dir, 'out'), '--quiet', '--workers', '1');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/targets\.csv: left out of the re-fit, outside the counted period: line 3 \(2022-07 101 abandoned_pct\)/);
    const outside = path.join(dir, 'outside.csv');
    writeFileSync(outside, 'period,contact,metric,value,weight,source\n2022-07,101,abandoned_pct,20,1,x\n');
    await refused(['uncertainty', BASE, VARIANT, '--targets', outside], /outside\.csv: no fitted target \(weight > 0\) lies inside .*unc-base\.yaml's counted period/);
  });

  it('refuses a comparison with no uncertain: section, and bad options', async () => {
    await refused(['uncertainty', BASE, fixture('small-more-staff.yaml')], /no uncertain: section/);
    await refused(['uncertainty', BASE, VARIANT, '--samples', '-1'], /samples/);
    await refused(['uncertainty', BASE, VARIANT, '--structural', 'nocolon.yaml'], /--structural nocolon\.yaml: expected BASELINE\.yaml:VARIANT\.yaml/);
    await refused(['compare', BASE, VARIANT, '--band', '0'], /band/);
    await refused(['compare', BASE, VARIANT, '--targets', TARGETS], /--targets go with --band/);
  });
});
