/**
 * Confidence intervals where users look (issue 8, part 2): the Home Office measure's interval
 * in summary.csv, every month of peel.csv and its whole-period row, `--confidence`,
 * `--precision` and the warning for an interval wider than its figure. Each interval is
 * recomputed here from the per-replication figures of replications.csv.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, num, readCsv, TempDirs, type Csv } from './fixtures/harness.js';
import { tQuantile } from '../src/metrics/stats.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};

describe('summary.csv and peel.csv carry intervals', () => {
  let out: string;
  let reps: Csv;
  const R = 4;

  beforeAll(async () => {
    out = path.join(dirs.make(), 'r');
    // 35 days without a calendar: two 30-day reporting months
    const r = await cli('run', fixture('small.yaml'), '--set', 'horizon.hours=840', '--set', 'contacts.999.arrivals.calls_per_hour=40', '--set', 'contacts.101.arrivals.calls_per_hour=4', '--set', 'handlers.all.staff=1', '--replications', String(R), '--workers', '1', '--quiet', '--out', out);
    expect(r.code, r.err).toBe(0);
    reps = readCsv(path.join(out, 'replications.csv'));
  }, 60_000);

  it("summary.csv's answered_within_target_pct_ci95 (a new last column) is the t interval over replications", () => {
    const summary = readCsv(path.join(out, 'summary.csv'));
    // then the abandonment-as-published extension (abandonment.test.ts)
    expect(summary.header.slice(-6, -4)).toEqual(['target_seconds', 'answered_within_target_pct_ci95']);
    for (const row of summary.rows) {
      const xs = reps.rows.filter((r) => r.contact === row.contact).map((r) => num(r.answered_within_target_pct));
      expect(xs.length).toBe(R);
      expect(num(row.answered_within_target_pct)).toBeCloseTo(mean(xs), 3);
      expect(num(row.answered_within_target_pct_ci95)).toBeCloseTo((tQuantile(0.975, R - 1) * sd(xs)) / Math.sqrt(R), 3);
    }
  });

  it('peel.csv has each month with half-widths, and a whole-period row that pools the months', () => {
    const peel = readCsv(path.join(out, 'peel.csv'));
    expect(peel.header.slice(-9, -4)).toEqual([
      'abandoned_pct_ci95', 'answered_lt_10s_pct_ci95', 'answered_10_to_60s_pct_ci95', 'answered_ge_60s_pct_ci95', 'mean_answer_seconds_ci95',
    ]);
    expect(peel.rows.map((r) => `${r.month} ${r.contact}`)).toEqual(['month-1 101', 'month-1 999', 'month-2 101', 'month-2 999', 'all 101', 'all 999']);
    for (const contact of ['101', '999']) {
      const months = peel.rows.filter((r) => r.contact === contact && r.month !== 'all');
      const all = peel.rows.find((r) => r.contact === contact && r.month === 'all')!;
      expect(num(all.offered)).toBeCloseTo(months.reduce((a, r) => a + num(r.offered), 0), 3);
      const answered = months.map((r) => num(r.answered));
      const lt10 = months.reduce((a, r, i) => a + (num(r.answered_lt_10s_pct) * answered[i]) / 100, 0);
      expect(num(all.answered_lt_10s_pct)).toBeCloseTo((100 * lt10) / (answered[0] + answered[1]), 3);
      for (const r of [...months, all]) expect(num(r.answered_lt_10s_pct_ci95)).toBeGreaterThan(0);
      // the whole period's abandonment interval, from each replication's abandoned and offered (delta method)
      const per = reps.rows.filter((r) => r.contact === contact);
      const a = per.map((r) => num(r.abandoned));
      const o = per.map((r) => num(r.offered));
      const ratio = a.reduce((x, y) => x + y, 0) / o.reduce((x, y) => x + y, 0);
      const z = a.map((x, k) => (x - ratio * o[k]) / mean(o));
      const expected = (100 * tQuantile(0.975, R - 1) * sd(z)) / Math.sqrt(R);
      if (contact === '999') expect(num(all.abandoned_pct_ci95)).toBeCloseTo(expected, 3);
      else expect(num(all.abandoned_pct_ci95)).toBe(0);
    }
  });
});

describe('--confidence, --precision and wide intervals', () => {
  const small = [fixture('small.yaml'), '--set', 'horizon.hours=3', '--workers', '1', '--quiet'];

  it('--confidence 90 names the columns _ci90 and narrows every interval by the ratio of t quantiles', async () => {
    const a = path.join(dirs.make(), 'a');
    const b = path.join(dirs.make(), 'b');
    expect((await cli('run', ...small, '--replications', '3', '--out', a)).code).toBe(0);
    const r = await cli('run', ...small, '--replications', '3', '--confidence', '90', '--out', b);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/± is the 90% confidence half-width/);
    const s95 = readCsv(path.join(a, 'summary.csv'));
    const s90 = readCsv(path.join(b, 'summary.csv'));
    expect(s90.header).toEqual(s95.header.map((h) => h.replace(/_ci95$/, '_ci90')));
    const k = tQuantile(0.95, 2) / tQuantile(0.975, 2);
    s95.rows.forEach((row, i) => expect(num(s90.rows[i].answered_within_target_pct_ci90)).toBeCloseTo(k * num(row.answered_within_target_pct_ci95), 3));
    expect(readCsv(path.join(b, 'peel.csv')).header).toContain('mean_answer_seconds_ci90');
    const bad = await cli('run', ...small, '--confidence', '120', '--out', path.join(dirs.make(), 'c'));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/--confidence 120: expected a level between 50 and 100 percent/);
  });

  it('--precision adds replications until the half-width is reached, and says so', async () => {
    const o = path.join(dirs.make(), 'p');
    const r = await cli('run', ...small, '--replications', '2', '--precision', '999.answered_within_target_pct=3', '--out', o);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/precision: 2 replications gave 999 answered_within_target_pct ± [\d.]+ \(asked 3\): running more/);
    const m = /precision: reached with (\d+) replications: 999 answered_within_target_pct ± ([\d.]+)/.exec(r.out);
    expect(m).not.toBeNull();
    expect(Number(m![2])).toBeLessThanOrEqual(3);
    const row = readCsv(path.join(o, 'summary.csv')).rows.find((x) => x.contact === '999')!;
    expect(row.replications).toBe(m![1]);
    expect(num(row.answered_within_target_pct_ci95)).toBeLessThanOrEqual(3);
  });

  it('--precision stops at --max-replications and says the target was not reached', async () => {
    const r = await cli('run', ...small, '--replications', '2', '--precision', '999.mean_answer_seconds=0.001', '--max-replications', '3', '--out', path.join(dirs.make(), 'q'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/precision: NOT reached with 3 replications, the cap/);
  });

  it('a bad --precision is bad input: exit 1, nothing written', async () => {
    const o = path.join(dirs.make(), 'x');
    for (const [p, msg] of [
      ['111.answered_within_target_pct=1', /unknown contact type '111'/],
      ['999.p90=1', /unknown metric 'p90'/],
      ['999.abandoned_pct=0', /expected a half-width > 0/],
      ['abandoned', /expected CONTACT.METRIC=HALF_WIDTH/],
    ] as const) {
      const r = await cli('run', ...small, '--precision', p, '--out', o);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(msg);
    }
    expect(existsSync(o)).toBe(false);
  });

  it('warns when an interval is wider than the figure it describes, for exactly those figures', async () => {
    const o = path.join(dirs.make(), 'w');
    const r = await cli('run', ...small, '--replications', '2', '--out', o);
    expect(r.code).toBe(0);
    const expected: string[] = [];
    for (const row of readCsv(path.join(o, 'summary.csv')).rows) {
      for (const m of ['service_level_pct', 'answered_within_target_pct', 'abandoned_pct', 'mean_answer_seconds']) {
        const v = num(row[m]);
        const h = num(row[`${m}_ci95`]);
        if (Number.isFinite(h) && v !== 0 && h > Math.abs(v)) expected.push(`${row.contact} ${m}`);
      }
    }
    expect(expected.length).toBeGreaterThan(0); // two short replications: some interval is that wide
    const warned = [...r.err.matchAll(/warning: small: (\S+ \S+): [\d.]+ ± [\d.]+, an interval wider than the figure/g)].map((m) => m[1]);
    expect(warned.sort()).toEqual(expected.sort());
  });
});
