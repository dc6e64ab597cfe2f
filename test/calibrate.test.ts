/**
 * `calibrate` (issue 10, item 4): on a synthetic case whose true knob values are known, the
 * fit recovers them within the uncertainty it reports; its files are one unit, deterministic
 * whatever the workers, and calibrated.yaml runs to the figures calibration.csv reports;
 * bad input (an unknown key path, bounds the wrong way round, a malformed targets file, a
 * period outside the horizon) is exit 1 naming the file, the key and what was expected, with
 * nothing written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, num, readCsv, snapshot, TempDirs, type Csv } from './fixtures/harness.js';
import { simulateStudy } from '../src/study/simulateStudy.js';
import { loadScenario } from '../src/scenario/load.js';
import { nelderMead } from '../src/calibrate/nelderMead.js';
import { parsePeriod, periodSpan } from '../src/calibrate/period.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

const SMALL = fixture('calibrate-small.yaml');
const STAFF = 'handlers.all.staff';
const PATIENCE = 'contacts.999.patience.exponential.mean_seconds';
const TRUE = { staff: 4, patience: 150 };
/** The targets are simulated with another seed than the fit's, so they carry their own simulation noise. */
const TARGET_SEED = 99;

describe('calibrate: recovers known knobs on a synthetic case', () => {
  let out: string;
  let knobs: Csv;
  let fit: Csv;
  let stdout: string;
  let targetsFile: string;

  beforeAll(async () => {
    const dir = dirs.make();
    // the "published" figures: June of a run at the true knob values
    const truth = await simulateStudy(SMALL, { seed: TARGET_SEED, replications: 4, overrides: [{ keyPath: STAFF, value: TRUE.staff }, { keyPath: PATIENCE, value: TRUE.patience }] });
    const june = truth.aggregate.peelRows().find((r) => r.month === 0 && r.contact === '999')!;
    targetsFile = path.join(dir, 'targets.csv');
    writeFileSync(
      targetsFile,
      [
        'period,contact,metric,value,weight,source,note',
        `2022-06,999,answered_lt_10s_pct,${june.answeredLt10sPct},1,synthetic,fitted`,
        `2022-06,999,abandoned_pct,${june.abandonedPct},1,synthetic,fitted`,
        `2022-06,999,mean_answer_seconds,${june.meanAnswerSeconds},1,synthetic,fitted`,
        `2022-06,999,answered_ge_60s_pct,${june.answeredGe60sPct},0,synthetic,held back; checked`,
      ].join('\n') + '\n',
    );
    out = path.join(dir, 'fit');
    // start away from the truth, inside the bounds
    const r = await cli('calibrate', SMALL, '--targets', targetsFile, '--out', out, '--knob', `${STAFF}=2:8:7`, '--knob', `${PATIENCE}=30:400:300`, '--workers', '1', '--quiet');
    expect(r.code, r.err).toBe(0);
    stdout = r.out;
    knobs = readCsv(path.join(out, 'knobs.csv'));
    fit = readCsv(path.join(out, 'calibration.csv'));
  }, 300_000);

  it('recovers the true values within the uncertainty it computes', () => {
    const staff = knobs.rows.find((k) => k.knob === STAFF)!;
    const patience = knobs.rows.find((k) => k.knob === PATIENCE)!;
    expect(staff.whole_number).toBe('yes');
    expect(patience.whole_number).toBe('no');
    // The fitted knob differs from the truth by the targets' own simulation error and the fit's
    // (independent seeds, the same replications): sd sqrt(2) x se_simulation. 3 sd, plus the
    // search's tolerance (0.5% of the range) for a continuous knob and the rounding (0.5) for a
    // whole-number one.
    const tolerance = (k: Record<string, string>, extra: number) => 3 * Math.SQRT2 * num(k.se_simulation) + extra;
    expect(num(staff.se_simulation)).toBeGreaterThan(0);
    expect(num(patience.se_simulation)).toBeGreaterThan(0);
    expect(Math.abs(num(staff.value) - TRUE.staff)).toBeLessThanOrEqual(tolerance(staff, 0.5));
    expect(Math.abs(num(patience.value) - TRUE.patience)).toBeLessThanOrEqual(tolerance(patience, 0.005 * 370));
    // and the reported 95% interval covers the truth
    expect(Math.abs(num(patience.value) - TRUE.patience)).toBeLessThanOrEqual(num(patience.ci95));
    // the start was far off: the fit moved
    expect(Math.abs(num(patience.start) - TRUE.patience)).toBeGreaterThan(10 * num(patience.ci95) / 1.96);
  });

  it('reports every target with its residual, and the held-back one as not fitted', () => {
    expect(fit.rows.map((r) => r.used_in_fit)).toEqual(['yes', 'yes', 'yes', 'no']);
    for (const r of fit.rows) expect(num(r.residual)).toBeCloseTo(num(r.simulated) - num(r.published), 3);
    const held = fit.rows[3];
    expect(held.metric).toBe('answered_ge_60s_pct');
    expect(held.note).toBe('held back; checked');
    // the out-of-sample check: the held-back figure within its prediction interval (knob uncertainty included)
    expect(num(held.prediction_ci95)).toBeGreaterThan(num(held.simulated_ci95));
    expect(Math.abs(num(held.residual))).toBeLessThanOrEqual(num(held.prediction_ci95));
    expect(stdout).toMatch(/held back/);
    expect(stdout).toContain(STAFF);
  });

  it('writes calibrated.yaml: the scenario with the knobs set, which runs to the figures calibration.csv reports', async () => {
    const file = path.join(out, 'calibrated.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# A small, fast scenario for the calibrate tests'); // the file's own comments kept
    const loaded = loadScenario(file);
    expect(loaded.scenario.handlers.all.staff).toBe(num(knobs.rows[0].value));
    const patience = loaded.scenario.contacts['999'].patience as { exponential: { mean_seconds: number } };
    expect(patience.exponential.mean_seconds).toBeCloseTo(num(knobs.rows[1].value), 4);
    const run = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8'));
    const again = await simulateStudy(file, { seed: run.seed, replications: run.replications });
    const june = again.aggregate.peelRows().find((r) => r.month === 0)!;
    expect(june.abandonedPct).toBeCloseTo(num(fit.rows[1].simulated), 3);
    expect(june.meanAnswerSeconds).toBeCloseTo(num(fit.rows[2].simulated), 3);
  });

  it('gives byte-identical files on one worker and on two (run.json timing aside)', async () => {
    const a = path.join(dirs.make(), 'a');
    const b = path.join(dirs.make(), 'b');
    const args = ['calibrate', SMALL, '--targets', targetsFile, '--max-evaluations', '1', '--quiet', '--replications', '3'];
    expect((await cli(...args, '--out', a, '--workers', '1')).code).toBe(0);
    expect((await cli(...args, '--out', b, '--workers', '2')).code).toBe(0);
    const [sa, sb] = [snapshot(a), snapshot(b)];
    // run.json's timing differs, and so does the manifest that lists its hash
    for (const s of [sa, sb]) for (const f of ['run.json', 'metcc-manifest.json']) delete s[f];
    expect(Object.keys(sa).sort()).toEqual(['calibrated.yaml', 'calibration.csv', 'evaluations.csv', 'knobs.csv']);
    expect(sb).toEqual(sa);
  }, 120_000);
});

describe('calibrate: bad input is exit 1, names file, key and what was expected, and writes nothing', () => {
  const run = async (targets: string, ...more: string[]) => {
    const dir = dirs.make();
    const file = path.join(dir, 'targets.csv');
    writeFileSync(file, targets);
    const out = path.join(dir, 'out');
    const r = await cli('calibrate', SMALL, '--targets', file, '--out', out, '--workers', '1', '--quiet', ...more);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    return { ...r, file };
  };
  const GOOD = 'period,contact,metric,value,weight,source\n2022-06,999,abandoned_pct,15,1,synthetic\n';

  it('an unknown key path', async () => {
    const r = await run(GOOD, '--knob', 'handlers.all.staf=2:8');
    expect(r.err).toContain(SMALL);
    expect(r.err).toContain('handlers.all.staf');
    expect(r.err).toMatch(/unknown key.*staff/);
  });

  it('bounds the wrong way round, on the command line and in the file', async () => {
    const r = await run(GOOD, '--knob', `${STAFF}=8:2`);
    expect(r.err).toMatch(/--knob handlers\.all\.staff=8:2: the bounds are the wrong way round or equal; expected LOW < HIGH/);
    const r2 = await run(GOOD, '--set', 'calibration.knobs.0.low=9');
    expect(r2.err).toContain(SMALL);
    expect(r2.err).toMatch(/calibration\.knobs\.0\.high: low must be less than high/);
  });

  it('a bound the key cannot take', async () => {
    const r = await run(GOOD, '--knob', `${STAFF}=-3:8`);
    expect(r.err).toMatch(/knob handlers\.all\.staff \(--knob\) at its low bound -3: handlers\.all\.staff: must be >= 0/);
  });

  it('a malformed targets file: every problem with its line and column', async () => {
    const r = await run('period,contact,metric,value,weight,source\n2022-06,999,abandon_pct,x,-1,\n2022-6,998,abandoned_pct,15,1,s\n');
    expect(r.err).toContain(`${r.file}: line 2, metric: unknown metric 'abandon_pct'; expected one of answered_lt_10s_pct`);
    expect(r.err).toContain(`${r.file}: line 2, value: expected the published figure as a number, got 'x'`);
    expect(r.err).toContain(`${r.file}: line 2, weight: expected a weight >= 0`);
    expect(r.err).toContain(`${r.file}: line 2, source: expected where the figure was published`);
    expect(r.err).toContain(`${r.file}: line 3, period: expected a period: YYYY-MM`);
    const missing = await run('period,contact,metric,value,source\n2022-06,999,abandoned_pct,15,s\n');
    expect(missing.err).toContain(`${missing.file}: line 1: missing column weight; expected the header period,contact,metric,value,weight,source`);
  });

  it('an unknown contact, and a period outside the horizon', async () => {
    const r = await run('period,contact,metric,value,weight,source\n2022-07,999,abandoned_pct,15,1,s\n2022-06,101,abandoned_pct,15,1,s\n2022-06-03,999,answered_lt_10s_pct,80,1,s\n');
    expect(r.err).toContain(`${r.file}: line 2, period: 2022-07: not inside the horizon: the counted period runs 2022-06-01 to 2022-06-30; expected a period the counted period covers whole (scenario ${SMALL})`);
    expect(r.err).toContain(`${r.file}: line 3, contact: unknown contact type 101; expected one of 999`);
    expect(r.err).toMatch(/line 4, metric: answered_lt_10s_pct over 2022-06-03: .*expected a period of whole months, or answered_within_target_pct for a day/);
  });

  it('nothing to fit: no knobs, or every target held back', async () => {
    const r = await run(GOOD, '--set', 'calibration=null');
    expect(r.err).toMatch(/no knobs to fit; expected a calibration\.knobs section/);
    const r2 = await run(GOOD.replace(',1,synthetic', ',0,synthetic'));
    expect(r2.err).toMatch(/every target has weight 0 \(held back\): expected at least one with weight > 0/);
  });
});

describe('calibrate pieces', () => {
  it('periods: forms, and where they lie in a run', () => {
    const june = { horizon: { days: 61, start_date: '2022-05-01' } };
    expect(periodSpan(parsePeriod('2022-06') as never, june)).toEqual({ fromSeconds: 31 * 86_400, toSeconds: 61 * 86_400, months: [1, 2] });
    expect(periodSpan(parsePeriod('2022-05..2022-06') as never, june)).toEqual({ fromSeconds: 0, toSeconds: 61 * 86_400, months: [0, 2] });
    expect(periodSpan(parsePeriod('2022-06-03') as never, june)).toEqual({ fromSeconds: 33 * 86_400, toSeconds: 34 * 86_400, months: null });
    expect(periodSpan(parsePeriod('2022-04..2022-05') as never, june)).toMatch(/not inside the horizon/);
    expect(periodSpan(parsePeriod('month-2') as never, { horizon: { days: 60 } })).toEqual({ fromSeconds: 30 * 86_400, toSeconds: 60 * 86_400, months: [1, 2] });
    expect(periodSpan(parsePeriod('month-3') as never, { horizon: { days: 60 } })).toMatch(/not inside the horizon/);
    expect(parsePeriod('2022-06..2022-05')).toMatch(/comes after/);
    expect(parsePeriod('2022-02-30')).toMatch(/not a real calendar date/);
  });

  it('Nelder–Mead finds the minimum of a quadratic inside the box, and one beyond it at the bound', async () => {
    let spent = 0;
    const quad = (c: number[]) => async (pts: number[][]) => pts.map((x) => (spent++, (x[0] - c[0]) ** 2 + 10 * (x[1] - c[1]) ** 2 + (x[0] - c[0]) * (x[1] - c[1])));
    const inside = await nelderMead(quad([0.3, 0.7]), [0.9, 0.1], { maxEvaluations: 500, spent: () => spent, xTol: 1e-5, fTol: 1e-12 });
    expect(inside.converged).toBe(true);
    expect(inside.best[0]).toBeCloseTo(0.3, 3);
    expect(inside.best[1]).toBeCloseTo(0.7, 3);
    spent = 0;
    const beyond = await nelderMead(quad([1.4, 0.5]), [0.2, 0.2], { maxEvaluations: 500, spent: () => spent, xTol: 1e-5, fTol: 1e-12 });
    expect(beyond.best[0]).toBeCloseTo(1, 4);
    // the constrained optimum: d/dy at x = 1 is 20 (y - 0.5) + (1 - 1.4) = 0
    expect(beyond.best[1]).toBeCloseTo(0.5 + 0.4 / 20, 3);
  });
});

describe('the shipped targets (scenarios/targets-2021-22.csv)', () => {
  it('hold only figures up to the end of 2022, each with its URL, one held back', async () => {
    const { readTargets } = await import('../src/calibrate/readTargets.js');
    const targets = await readTargets(path.join(path.dirname(SMALL), '..', '..', 'scenarios', 'targets-2021-22.csv'));
    expect(targets.length).toBeGreaterThanOrEqual(4);
    for (const t of targets) {
      expect(t.source).toMatch(/^https?:\/\//);
      expect(t.period.split('..').every((p) => p.slice(0, 7) <= '2022-12')).toBe(true);
      expect(t.note).toMatch(/\[S\]/);
    }
    expect(targets.filter((t) => t.weight === 0).map((t) => `${t.period} ${t.contact} ${t.metric.name} ${t.value}`)).toEqual(['2022-09 999 mean_answer_seconds 27']);
    const fitted = targets.filter((t) => t.weight > 0).map((t) => `${t.period} ${t.contact} ${t.metric.name} ${t.value}`);
    expect(fitted).toContain('2021-04..2022-03 999 answered_lt_10s_pct 63.9');
    expect(fitted).toContain('2021-04..2022-03 101 abandoned_pct 36.6');
    expect(fitted).toContain('2022-06 101 mean_answer_seconds 480');
    expect(fitted).toContain('2022-06 999 answered_lt_10s_pct 57.3');
  });
});
