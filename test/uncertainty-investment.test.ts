/**
 * The band of what the money bought: `compare --band` on a variant with `investment:` draws the
 * band of its levers alone (the `investment` part of comparison_parts.csv), and an assumption
 * on a lever's count (places bought) runs past the budget instead of being refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, fixture, num, readCsv, TempDirs } from './fixtures/harness.js';

const tmp = new TempDirs();
afterAll(() => tmp.cleanup());

describe('the band of an investment', () => {
  const dir = tmp.make();
  const variant = path.join(dir, 'invest-unc.yaml');
  writeFileSync(
    variant,
    `extends: ${JSON.stringify(fixture('invest-small.yaml'))}\nname: invest-unc\nuncertain:\n` +
      '  places_bought: { path: investment.levers.places.places.count, applies_to: variant, low: 2, central: 4, high: 40, source: "[A] test: 40 places cost far more than the budget" }\n' +
      '  handling_101: { path: contacts.101.handling.exponential.mean_seconds, as: factor, low: 0.9, central: 1, high: 1.1, source: "[A] test" }\n',
  );

  it("compare --band: the band is of the levers alone, its central point the investment part's own difference", async () => {
    const out = path.join(dir, 'cmp');
    const r = await cli('compare', fixture('invest-base.yaml'), variant, '--replications', '1', '--band', '3', '--out', out, '--quiet', '--workers', '1');
    expect(r.err).toContain('no --targets: the calibrated knobs are not re-fitted');
    expect(r.code).toBe(0);
    expect(r.out).toContain("assumption band of the investment's effect (its levers alone: what the money bought)");
    const parts = readCsv(path.join(out, 'comparison_parts.csv')).rows;
    const part = (metric: string, contact: string, p: string) => num(parts.find((x) => x.metric === metric && x.contact === contact && x.part === p)!.difference);
    const band = readCsv(path.join(out, 'band.csv')).rows;
    const central = (output: string) => num(band.find((b) => b.output === output && b.role === 'effect')!.central);
    // one replication: the band's central point is the compare's replication 0, the levers alone
    expect(central('999_answered_within_10s_pct')).toBeCloseTo(part('answered_within_target_pct', '999', 'investment'), 3);
    expect(central('101_abandoned_pct')).toBeCloseTo(part('abandoned_pct', '101', 'investment'), 3);
    expect(part('abandoned_pct', '101', 'investment')).not.toBeCloseTo(part('abandoned_pct', '101', 'total'), 3); // the other change moves 101
  });

  it('uncertainty --investment-only runs places bought past the budget (priced, not refused), as whole places', async () => {
    const out = path.join(dir, 'unc');
    const r = await cli('uncertainty', fixture('invest-base.yaml'), variant, '--investment-only', '--samples', '0', '--out', out, '--quiet', '--workers', '1');
    expect(r.code).toBe(0);
    const rows = readCsv(path.join(out, 'tornado.csv')).rows;
    const places = rows.filter((x) => x.assumption === 'places_bought');
    expect(places.map((x) => x.value)).toEqual(['2', '40']);
    const json = JSON.parse(readFileSync(path.join(out, 'uncertainty.json'), 'utf8'));
    expect(json.tornado[0].assumption).toBe('places_bought');
    expect(num(places[0].swing_999_answered_within_10s_pct)).toBeGreaterThan(1);
  });
});
