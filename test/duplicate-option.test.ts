/**
 * An option that takes one value, given twice (`npm start -- --out X` repeats npm start's own
 * --out): a usage error naming the option and both values, exit 1, nothing written. yargs hands
 * the command an array, which ended in "internal error: dir.trim is not a function" (exit 2).
 * Options that are lists (--set, --knob) still repeat.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, TempDirs } from './fixtures/harness.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

describe('an option given twice', () => {
  it('--out twice: exit 1 naming --out and both values, nothing written', async () => {
    const dir = dirs.make();
    const [a, b] = [path.join(dir, 'a'), path.join(dir, 'b')];
    const r = await cli('run', 'scenarios/erlang-a-check.yaml', '--out', a, '--out', b, '--quiet');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--out was given 2 times \(.*a, .*b\); expected it once/);
    expect(r.err).not.toMatch(/internal error/);
    expect(existsSync(a) || existsSync(b)).toBe(false);
  });

  it('--seed twice on compare: exit 1', async () => {
    const r = await cli('compare', 'scenarios/erlang-a-check.yaml', 'scenarios/erlang-a-check.yaml', '--seed', '1', '--seed', '2', '--out', path.join(dirs.make(), 'c'), '--quiet');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--seed was given 2 times \(1, 2\); expected it once/);
  });

  it('--set, a list, still repeats', async () => {
    const r = await cli('run', 'scenarios/erlang-a-check.yaml', '--set', 'horizon.hours=2', '--set', 'replications=1', '--out', path.join(dirs.make(), 'ok'), '--quiet');
    expect(r.code, r.err).toBe(0);
  });
});
