/**
 * Golden scenarios: every file in scenarios/ runs with a fixed seed on a short horizon and its
 * summary.csv and peel.csv must match the stored snapshot byte for byte. These catch any
 * unintended change in results; the theory tests (theory.test.ts) are what say the results
 * are right. After an intended change, regenerate with `UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts`
 * and say why in the commit.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const ROOT = path.resolve(__dirname, '..');
const GOLDEN = path.join(ROOT, 'test', 'golden');
const work = mkdtempSync(path.join(tmpdir(), 'metcc-golden-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Short horizons that still exercise every part of each scenario. */
const SHORT: Record<string, string[]> = {
  'erlang-a-check.yaml': ['--set', 'horizon.hours=20', '--replications', '2'],
  'metcc-2022-baseline.yaml': ['--set', 'horizon.days=2', '--set', 'horizon.warmup_days=1', '--replications', '2'],
  'metcc-2022-baseline-pooled.yaml': ['--set', 'horizon.days=2', '--set', 'horizon.warmup_days=1', '--replications', '2'],
  'metcc-2023-investment.yaml': ['--set', 'horizon.days=2', '--set', 'horizon.warmup_days=1', '--replications', '2'],
  'metcc-2023-investment-pooled.yaml': ['--set', 'horizon.days=2', '--set', 'horizon.warmup_days=1', '--replications', '2'],
  'riot-day-2011.yaml': ['--replications', '2'],
};

const quiet = { out: () => undefined, err: () => undefined };

describe('golden scenarios', () => {
  const files = readdirSync(path.join(ROOT, 'scenarios')).filter((f) => /\.(ya?ml|json)$/.test(f));

  it('every scenario in scenarios/ has a short golden run', () => {
    expect(files.sort()).toEqual(Object.keys(SHORT).sort());
  });

  for (const file of files) {
    it(`${file} matches its snapshot`, async () => {
      const out = path.join(work, file);
      const code = await main(['run', path.join('scenarios', file), '--out', out, '--seed', '11', '--workers', '1', '--quiet', ...SHORT[file]], quiet);
      expect(code).toBe(0);
      for (const report of ['summary.csv', 'peel.csv']) {
        const actual = readFileSync(path.join(out, report), 'utf8');
        const golden = path.join(GOLDEN, `${path.parse(file).name}.${report}`);
        if (process.env.UPDATE_GOLDEN || !existsSync(golden)) writeFileSync(golden, actual);
        expect(actual, `${report} of ${file}`).toBe(readFileSync(golden, 'utf8'));
      }
    });
  }
});
