/**
 * `calibrate --check`: the scenario as it is, set beside every published figure. Each
 * simulated figure is the one `run` reports for the same seed and replications (peel.csv's
 * month), held-back and fitted targets alike, with its interval over the replications;
 * nothing is fitted, and --knob with --check is refused.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, fixture, num, readCsv, TempDirs } from './fixtures/harness.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

const SMALL = fixture('calibrate-small.yaml');
const TARGETS = path.join(dirs.make(), 'targets.csv');
writeFileSync(
  TARGETS,
  ['period,contact,metric,value,weight,source', '2022-06,999,answered_lt_10s_pct,86.5,1,synthetic', '2022-06,999,abandoned_pct,15.3,1,synthetic', '2022-06,999,mean_answer_seconds,13,1,synthetic', '2022-06,999,answered_ge_60s_pct,7.7,0,synthetic'].join('\n') + '\n',
);

describe('calibrate --check', () => {
  it('sets the scenario as it is beside every target: the figures run reports, with intervals', async () => {
    const dir = dirs.make();
    const checked = await cli('calibrate', SMALL, '--targets', TARGETS, '--check', '--replications', '3', '--seed', '5', '--workers', '1', '--out', path.join(dir, 'check'), '--quiet');
    expect(checked.code, checked.err).toBe(0);
    expect(checked.out).toMatch(/calibrate-small as it is, against 4 published figures \(--check: nothing fitted/);
    const ran = await cli('run', SMALL, '--replications', '3', '--seed', '5', '--workers', '1', '--out', path.join(dir, 'run'), '--quiet');
    expect(ran.code, ran.err).toBe(0);
    const june = readCsv(path.join(dir, 'run', 'peel.csv')).rows.find((r) => r.month === '2022-06' && r.contact === '999')!;
    const rows = readCsv(path.join(dir, 'check', 'calibration.csv')).rows;
    expect(rows.map((r) => r.metric)).toEqual(['answered_lt_10s_pct', 'abandoned_pct', 'mean_answer_seconds', 'answered_ge_60s_pct']);
    for (const r of rows) {
      expect(num(r.simulated)).toBeCloseTo(num(june[r.metric]), 3);
      expect(num(r.simulated_ci95)).toBeGreaterThan(0);
      expect(num(r.residual)).toBeCloseTo(num(r.simulated) - num(r.published), 6);
    }
    expect(readCsv(path.join(dir, 'check', 'knobs.csv')).rows).toEqual([]);
  }, 120_000);

  it('refuses --knob with --check (it would fit nothing), writing nothing', async () => {
    const out = path.join(dirs.make(), 'x');
    const r = await cli('calibrate', SMALL, '--targets', TARGETS, '--check', '--knob', 'handlers.all.staff=2:8', '--out', out, '--quiet');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--check fits nothing: leave out --knob/);
  });
});
