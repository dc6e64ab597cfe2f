/**
 * The effect per interval (issue 8, part 1): `compare --vary` makes the variant from the
 * baseline, and comparison_intervals.csv / comparison_profile.csv give each interval's and each
 * hour of the week's baseline, variant, difference and paired half-width. The figures must be
 * the ones intervals.csv of each scenario shows (same pooled ratios), and the half-widths the
 * ones worked by hand here.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, num, readCsv, TempDirs, type Csv } from './fixtures/harness.js';
import { halfWidthOf, meanHalfWidth, ratioOfSums } from '../src/metrics/confidence.js';
import { tQuantile } from '../src/metrics/stats.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

describe('ratio-of-sums intervals (the delta method)', () => {
  it('with equal denominators is the t interval of the per-replication ratios', () => {
    const within = [81, 90, 77, 85];
    const answered = [100, 100, 100, 100];
    const r = ratioOfSums(within, answered, 100);
    const plain = meanHalfWidth(within.map((w, k) => (100 * w) / answered[k]));
    expect(r.value).toBeCloseTo(83.25, 12);
    expect(r.halfWidth!).toBeCloseTo(plain.halfWidth!, 10);
  });

  it('weights replications by their denominators, worked by hand', () => {
    // R = (9 + 30) / (10 + 40) = 0.78; z = (num - R den) / mean(den) = (1.2, -1.2) / 25
    const r = ratioOfSums([9, 30], [10, 40]);
    expect(r.value).toBeCloseTo(0.78, 12);
    const sd = Math.sqrt(((1.2 / 25) ** 2 * 2) / 1);
    expect(r.halfWidth!).toBeCloseTo((tQuantile(0.975, 1) * sd) / Math.sqrt(2), 12);
    expect(ratioOfSums([1, 2], [0, 0]).value).toBeNaN();
    expect(ratioOfSums([3], [4]).halfWidth).toBeNull();
  });

  it('halfWidthOf at another confidence level uses that level', () => {
    const z = [1, -1, 2, -2];
    const sd = Math.sqrt(10 / 3);
    expect(halfWidthOf(z, 0.9)!).toBeCloseTo((tQuantile(0.95, 3) * sd) / 2, 12);
  });
});

describe('compare --vary: the effect per interval', () => {
  let out: string;
  let stdout: string;
  let ci: Csv;
  let profile: Csv;
  const args = [fixture('small.yaml'), '--set', 'horizon.hours=6', '--replications', '3', '--workers', '1', '--quiet'];

  beforeAll(async () => {
    out = path.join(dirs.make(), 'cmp');
    const r = await cli('compare', ...args, '--vary', 'handlers.all.staff=8', '--out', out);
    expect(r.code, r.err).toBe(0);
    stdout = r.out;
    ci = readCsv(path.join(out, 'comparison_intervals.csv'));
    profile = readCsv(path.join(out, 'comparison_profile.csv'));
  });

  it('names the variant after the baseline and writes both folders and the two new files', () => {
    const files = readdirSync(out);
    for (const f of ['comparison.csv', 'comparison_intervals.csv', 'comparison_profile.csv', 'small', 'small-variant']) expect(files).toContain(f);
    expect(stdout).toMatch(/small -> small-variant: 3 paired replications/);
    expect(stdout).toMatch(/hours of the week where the change matters most/);
  });

  it('has one row per interval and contact type, whose figures are those of each scenario\'s intervals.csv', () => {
    const base = readCsv(path.join(out, 'small', 'intervals.csv'));
    const variant = readCsv(path.join(out, 'small-variant', 'intervals.csv'));
    expect(ci.rows.length).toBe(base.rows.length);
    expect(ci.rows.length).toBe(6 * 2);
    ci.rows.forEach((row, i) => {
      expect(row.interval_start).toBe(base.rows[i].interval_start);
      expect(row.contact).toBe(base.rows[i].contact);
      for (const m of ['service_level_pct', 'answered_within_target_pct', 'mean_answer_seconds', 'abandoned_pct', 'handlers_staffed']) {
        expect(num(row[`${m}_baseline`]), `${m} baseline, row ${i}`).toBeCloseTo(num(base.rows[i][m]), 3);
        expect(num(row[`${m}_variant`]), `${m} variant, row ${i}`).toBeCloseTo(num(variant.rows[i][m]), 3);
        expect(num(row[`${m}_difference`])).toBeCloseTo(num(row[`${m}_variant`]) - num(row[`${m}_baseline`]), 3);
      }
      expect(num(row.handlers_staffed_difference)).toBeCloseTo(2, 9);
      expect(num(row.handlers_staffed_difference_ci95)).toBe(0);
    });
    // two more handlers answer more 999 calls in time: every interval's difference is > 0
    const rows999 = ci.rows.filter((r) => r.contact === '999');
    expect(rows999.every((r) => num(r.service_level_pct_difference) > 0)).toBe(true);
    expect(rows999.every((r) => num(r.service_level_pct_difference_ci95) > 0)).toBe(true);
  });

  it('the profile pools the days: with one day, each hour is its interval; the all-days rows repeat them', () => {
    expect(profile.header.slice(0, 3)).toEqual(['day', 'hour', 'contact']);
    const week = profile.rows.filter((r) => r.day !== 'all');
    const all = profile.rows.filter((r) => r.day === 'all');
    expect(week.map((r) => `${r.day} ${r.hour} ${r.contact}`)).toEqual(
      ['00', '01', '02', '03', '04', '05'].flatMap((h) => [`mon ${h}:00 101`, `mon ${h}:00 999`]),
    );
    week.forEach((r, i) => {
      expect(r.answered_within_target_pct_difference).toBe(ci.rows[i].answered_within_target_pct_difference);
      expect(r.answered_within_target_pct_difference_ci95).toBe(ci.rows[i].answered_within_target_pct_difference_ci95);
      expect(all[i]).toEqual({ ...r, day: 'all' });
    });
  });

  it('a change that changes nothing gives differences of exactly 0 with 0 half-widths (common random numbers)', async () => {
    const same = path.join(dirs.make(), 'same');
    const r = await cli('compare', ...args, '--vary', 'description=the same centre', '--out', same);
    expect(r.code, r.err).toBe(0);
    const rows = readCsv(path.join(same, 'comparison_intervals.csv')).rows;
    for (const row of rows) {
      expect(num(row.service_level_pct_difference)).toBe(0);
      expect(num(row.service_level_pct_difference_ci95)).toBe(0);
    }
    expect(r.out).not.toMatch(/matters most/);
  });

  it('--vary applies to the variant file only; --set to both', async () => {
    const o = path.join(dirs.make(), 'two');
    const r = await cli('compare', fixture('small.yaml'), fixture('small.yaml'), '--set', 'horizon.hours=3', '--vary', 'name=small-more', '--vary', 'handlers.all.staff=9', '--replications', '2', '--workers', '1', '--quiet', '--out', o);
    expect(r.code, r.err).toBe(0);
    const b = readCsv(path.join(o, 'small', 'intervals.csv'));
    const v = readCsv(path.join(o, 'small-more', 'intervals.csv'));
    expect(b.rows.length).toBe(3 * 2);
    expect(new Set(b.rows.map((x) => x.handlers_staffed))).toEqual(new Set(['6']));
    expect(new Set(v.rows.map((x) => x.handlers_staffed))).toEqual(new Set(['9']));
  });

  it('bad input: no variant and no --vary, or a --vary the scenario rejects: exit 1, nothing written', async () => {
    const o = path.join(dirs.make(), 'bad');
    const none = await cli('compare', fixture('small.yaml'), '--out', o);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/expected a variant scenario file, or --vary KEY=VALUE/);
    const bad = await cli('compare', fixture('small.yaml'), '--vary', 'handlers.all.staff=-2', '--out', o);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/small\.yaml: handlers\.all\.staff: must be >= 0/);
    const form = await cli('compare', fixture('small.yaml'), '--vary', 'staff', '--out', o);
    expect(form.code).toBe(1);
    expect(form.err).toMatch(/--vary staff: expected KEY=VALUE/);
    expect(existsSync(o)).toBe(false);
  });
});
