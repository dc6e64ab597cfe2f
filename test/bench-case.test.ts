/**
 * One benchmark case run by hand (`node dist/bench/bench.js --case KIND:ARGS`, as under valgrind:
 * README, Speed): with no parent to send to, it prints its figures as JSON on stdout. The model
 * and the reference loop run the same calls, so their figures agree.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './fixtures/harness.js';

const bench = path.join(ROOT, 'dist/bench/bench.js');
type Heavy = { calls: number; withinTargetPct: number; abandonedPct: number; loopCpuSeconds: number };
const runCase = <T = Heavy>(arg: string): T => {
  const r = spawnSync(process.execPath, [bench, '--case', arg], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
};

describe('a bench case run by hand', () => {
  it('prints its figures as JSON, the same calls and service level for the model and the reference', () => {
    const model = runCase('model:20000:50');
    const reference = runCase('ref:20000:50');
    expect(model.calls).toBeGreaterThan(19_000);
    expect([model.calls, model.withinTargetPct, model.abandonedPct]).toEqual([reference.calls, reference.withinTargetPct, reference.abandonedPct]);
    expect(model.loopCpuSeconds).toBeGreaterThan(0);
  });

  it('calls:encode:ROUNDS encodes the same four weeks of rows each round (so two lengths differ by whole rounds only)', () => {
    type Encoded = { rows: number; rounds: number; bytes: number };
    const once = runCase<Encoded>('calls:encode:1');
    const twice = runCase<Encoded>('calls:encode:2');
    expect(once.rows).toBeGreaterThan(100_000);
    expect(twice).toEqual({ rows: once.rows, rounds: 2, bytes: 2 * once.bytes });
    // some 100 bytes a row, as calls.csv's rows are
    expect(once.bytes / once.rows).toBeGreaterThan(60);
  });

  it('refuses a case or a round count it does not know, with the reason and exit code 1', () => {
    for (const [args, reason] of [
      [['--case', 'model:abc:50'], /^bench: --case: expected model:CALLS:HANDLERS, .* got model:abc:50\n$/],
      [['--case', 'heavy'], /got heavy\n$/],
      [['--case', 'calls:encode:0'], /got calls:encode:0\n$/],
      [['--case'], /got nothing\n$/],
      [['--rounds', '0'], /^bench: --rounds must be a whole number >= 1, got 0\n$/],
    ] as [string[], RegExp][]) {
      const r = spawnSync(process.execPath, [bench, ...args], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(reason);
    }
  });
});
