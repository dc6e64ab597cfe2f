/**
 * The investment through the commands (issue 11): validate prints the costing; run.json and
 * report.html record it; a plan over budget is refused by every command with nothing written;
 * compare runs the baseline, the levers alone and the full variant on common random numbers
 * and splits the effect (comparison_parts.csv); a compare without investment is unchanged.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, fixture, readCsv, snapshot, stackLines, TempDirs } from './fixtures/harness.js';

const temp = new TempDirs();
afterAll(() => temp.cleanup());

/** invest-small.yaml over budget (it costs £305,100), in a temp folder beside its base. */
function overBudget(): string {
  const dir = temp.make('metcc-invest-cli-');
  writeFileSync(path.join(dir, 'invest-base.yaml'), readFileSync(fixture('invest-base.yaml')));
  const file = path.join(dir, 'over.yaml');
  writeFileSync(file, readFileSync(fixture('invest-small.yaml'), 'utf8').replace('budget_gbp: 400000', 'budget_gbp: 300000'));
  return file;
}

describe('the costing in validate, run.json and report.html', () => {
  it('validate prints the costing and says ok', async () => {
    const r = await cli('validate', fixture('invest-small.yaml'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('investment: £305,100 a year of a budget of £400,000 [A] test budget, £94,900 unspent');
    expect(r.out).toContain('231 paid h a week / 36 contracted h = 6.417 FTE');
    expect(r.out).toContain('sets handlers.g.shrinkage_pct: 20 -> 15');
    expect(r.out).toMatch(/other changes \(not paid for by the investment\):\n {2}triage - 101 calls answered faster \[A\] test\n {6}sets contacts\.101\.handling\.exponential\.mean_seconds: 200 -> 100/);
    expect(r.err).toContain('ok:');
  });

  it('run.json records the costing and report.html shows it', async () => {
    const out = path.join(temp.make('metcc-invest-run-'), 'out');
    const r = await cli('run', fixture('invest-small.yaml'), '--replications', '1', '--set', 'horizon.days=0.25', '--workers', '1', '--quiet', '--out', out);
    expect(r.code, r.err).toBe(0);
    const run = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8'));
    expect(run.investment.budget_gbp).toBe(400000);
    expect(run.investment.total_gbp).toBe(305100);
    expect(run.investment.levers.map((l: { name: string; cost_gbp: number }) => [l.name, l.cost_gbp])).toEqual([['places', 261800], ['quicker', 40800], ['kit', 2500]]);
    expect(run.investment.levers[0].places_by_shift).toEqual({ early: 2, late: 1, night: 1 });
    expect(run.investment.other_changes).toEqual([{ name: 'triage', description: '101 calls answered faster', source: '[A] test', applied: true, changes: ['contacts.101.handling.exponential.mean_seconds: 200 -> 100'] }]);
    expect(run.scenario.investment).toBeUndefined();
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('cost a year');
    expect(html).toContain('£261,800');
    expect(html).toContain('not paid for');
  });
});

describe('a plan over budget', () => {
  const commands: [string, (file: string, out: string) => string[]][] = [
    ['validate', (f) => ['validate', f]],
    ['run', (f, out) => ['run', f, '--out', out]],
    ['compare', (f, out) => ['compare', fixture('invest-base.yaml'), f, '--out', out]],
    ['sweep', (f, out) => ['sweep', f, '--set', 'seed=1,2', '--out', out]],
    ['staff', (f, out) => ['staff', f, '--out', out]],
  ];
  for (const [name, args] of commands) {
    it(`${name}: exit 1 naming the file, investment.levers and each lever's cost; nothing written`, async () => {
      const file = overBudget();
      const out = path.join(path.dirname(file), 'out');
      const r = await cli(...args(file, out));
      expect(r.code).toBe(1);
      expect(r.err).toContain(`${file}: investment.levers: the levers cost £305,100 a year, over the budget of £300,000 (investment.budget_gbp) by £5,100: places £261,800, quicker £40,800, kit £2,500`);
      expect(stackLines(r.err)).toEqual([]);
      expect(existsSync(out)).toBe(false);
    });
  }
});

/** Per replication and contact, a replications.csv column. */
function perReplication(dir: string, column: string): Map<string, number> {
  return new Map(readCsv(path.join(dir, 'replications.csv')).rows.map((r) => [`${r.replication}/${r.contact}`, Number(r[column])]));
}

describe('compare with an investment: three scenarios on common random numbers', () => {
  it('writes the levers-alone folder and comparison_parts.csv, whose parts add up to the total in every replication', async () => {
    const out = path.join(temp.make('metcc-invest-cmp-'), 'out');
    const r = await cli('compare', fixture('invest-base.yaml'), fixture('invest-small.yaml'), '--replications', '4', '--workers', '1', '--quiet', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('What the £305,100 a year of levers (budget £400,000: places, quicker, kit) bought, and the other changes (triage), apart');
    expect(r.out).toMatch(/999 +answered within 10 s, % of answered +[+-][\d.]+ ± [\d.]+ +[+-][\d.]+ ± [\d.]+ +[+-][\d.]+ ± [\d.]+/);
    expect(readdirSync(out).filter((f) => statSync(path.join(out, f)).isDirectory()).sort()).toEqual(['invest-base', 'invest-small', 'invest-small-investment-only']);
    // the levers alone: the levers applied, the other change not
    const only = JSON.parse(readFileSync(path.join(out, 'invest-small-investment-only', 'run.json'), 'utf8'));
    expect(only.investment.parts).toBe('investment-only');
    expect(only.scenario.contacts['101'].handling).toEqual({ exponential: { mean_seconds: 200 } });
    expect(only.scenario.handlers.g.shrinkage_pct).toBe(15);
    // common random numbers: the same callers in all three
    const offered = ['invest-base', 'invest-small-investment-only', 'invest-small'].map((d) => perReplication(path.join(out, d), 'offered'));
    expect(offered[1]).toEqual(offered[0]);
    expect(offered[2]).toEqual(offered[0]);

    const parts = readCsv(path.join(out, 'comparison_parts.csv'));
    expect(parts.header).toEqual(['metric', 'contact', 'part', 'difference', 'difference_ci95']);
    const comparison = readCsv(path.join(out, 'comparison.csv')).rows;
    const [b, o, f] = ['invest-base', 'invest-small-investment-only', 'invest-small'].map((d) => perReplication(path.join(out, d), 'answered_within_target_pct'));
    for (const contact of ['999', '101']) {
      const keys = [...b.keys()].filter((k) => k.endsWith(`/${contact}`));
      const part = (p: string) => Number(parts.rows.find((x) => x.metric === 'answered_within_target_pct' && x.contact === contact && x.part === p)!.difference);
      const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
      // each replication: (o - b) + (f - o) = f - b, to rounding in the 4-decimal CSVs
      for (const k of keys) expect(o.get(k)! - b.get(k)! + (f.get(k)! - o.get(k)!)).toBeCloseTo(f.get(k)! - b.get(k)!, 9);
      expect(part('investment')).toBeCloseTo(mean(keys.map((k) => o.get(k)! - b.get(k)!)), 3);
      expect(part('other_changes')).toBeCloseTo(mean(keys.map((k) => f.get(k)! - o.get(k)!)), 3);
      expect(part('investment') + part('other_changes')).toBeCloseTo(part('total'), 3);
      // comparison.csv keeps its meaning: the baseline against the full variant
      expect(Number(comparison.find((x) => x.metric === 'answered_within_target_pct' && x.contact === contact)!.difference)).toBeCloseTo(part('total'), 3);
      expect(part('investment')).not.toBeCloseTo(part('total'), 1);
    }
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('investment (levers only)');
  });

  it('compare --shard then merge gives the same three folders and comparison_parts.csv, and prints the split', async () => {
    const dir = temp.make('metcc-invest-shard-');
    const args = ['compare', fixture('invest-base.yaml'), fixture('invest-small.yaml'), '--replications', '3', '--workers', '1', '--quiet'];
    expect((await cli(...args, '--out', path.join(dir, 'whole'))).code).toBe(0);
    for (const i of [0, 1]) expect((await cli(...args, '--shard', `${i}/2`, '--out', path.join(dir, `s${i}`))).code).toBe(0);
    const merged = await cli('merge', path.join(dir, 's0'), path.join(dir, 's1'), '--out', path.join(dir, 'merged'));
    expect(merged.code, merged.err).toBe(0);
    expect(merged.out).toContain('What the £305,100 a year of levers');
    for (const file of ['comparison.csv', 'comparison_parts.csv', 'report.html', 'invest-small-investment-only/summary.csv', 'invest-small-investment-only/report.html']) {
      expect(readFileSync(path.join(dir, 'merged', file)).equals(readFileSync(path.join(dir, 'whole', file))), file).toBe(true);
    }
  });

  it('without investment: byte for byte as before (a golden made by the code before investment existed)', async () => {
    const golden = JSON.parse(readFileSync(path.resolve(__dirname, 'golden', 'compare-small.json'), 'utf8')) as { stdout: string; files: Record<string, string> };
    const out = path.join(temp.make('metcc-invest-gold-'), 'out');
    const r = await cli('compare', 'test/fixtures/small.yaml', 'test/fixtures/small-more-staff.yaml', '--replications', '3', '--seed', '5', '--workers', '1', '--quiet', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out.split(out).join('OUT') + '\n').toBe(golden.stdout);
    // every file's hash (harness's snapshot), but the manifest, and run.json without its timing
    const files = snapshot(out);
    for (const name of Object.keys(files)) {
      if (path.basename(name) === 'metcc-manifest.json') delete files[name];
      else if (path.basename(name) === 'run.json') {
        const j = JSON.parse(readFileSync(path.join(out, name), 'utf8'));
        delete j.timing;
        files[name] = createHash('sha256').update(JSON.stringify(j)).digest('hex');
      }
    }
    expect(files).toEqual(golden.files);
  });
});
