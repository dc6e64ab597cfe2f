/**
 * `npm run bench:ab` (scripts/bench-ab.mjs): a paired A/B of this build against another
 * checkout. Bad input is refused with the reason; a build compared with itself gives the same
 * figures in every round (each run is its own process, from the same seed).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './fixtures/harness.js';

const script = path.join(ROOT, 'scripts/bench-ab.mjs');
const ab = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { cwd: ROOT, encoding: 'utf8' });

describe('bench:ab', () => {
  it('refuses bad input with the reason and exit code 1', () => {
    for (const [args, reason] of [
      [[], /expected the root of another checkout/],
      [[os.tmpdir()], /no dist\/bench\/modelCases\.js; build it first/],
      [[ROOT, '--cases', 'heavy7'], /unknown case heavy7; expected some of heavy50, heavy5000, year/],
      [[ROOT, '--rounds', '0'], /--rounds: expected a whole number >= 1, got 0/],
      [[ROOT, '--calls', '5'], /--calls: expected a whole number >= 1000, got 5/],
    ] as [string[], RegExp][]) {
      const r = ab(...args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(reason);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });

  it('pairs a build with itself: the same figures in every round, and a ratio per round', () => {
    const r = ab(ROOT, '--cases', 'heavy50', '--calls', '20000', '--rounds', '2');
    expect(r.status, r.stderr).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.trim().startsWith('heavy50'))!;
    expect(line).toMatch(/median \d+\.\d{3}/);
    expect(line.match(/\d+\/\d+/g)).toHaveLength(2);
    expect(line).toMatch(/same figures: yes$/);
  });
});
