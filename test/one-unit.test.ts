/**
 * Reports are committed as one unit (issue 7 item 3, issue 13 item 4): a compare (plain or
 * sharded) or a merge of compare shards that fails half-way, after the baseline has run,
 * leaves an earlier folder byte for byte as it was, and makes no folder where there was none.
 * StagedFiles, which does the committing, is tested on its own below.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { StagedFiles } from '../src/report/StagedFiles.js';
import { loadScenario } from '../src/scenario/load.js';
import { compareStudies } from '../src/study/compare.js';
import type { Progress } from '../src/study/pool.js';

const ROOT = path.resolve(__dirname, '..');
const fixture = (name: string) => path.join(ROOT, 'test', 'fixtures', name);
const SMALL = fixture('small.yaml');
const MORE = fixture('small-more-staff.yaml');
/** Valid, but its run stops with the SimulationError "nobody answered" (exit 1). */
const UNANSWERED = fixture('small-unanswered.yaml');
const work = mkdtempSync(path.join(tmpdir(), 'metcc-one-unit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const captured = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
};
const cli = async (args: string[]) => {
  const c = captured();
  const code = await main(args[0] === 'merge' ? args : [...args, '--quiet'], c.io);
  return { code, err: c.err.join('\n') };
};

/** Every file under `dir` (hidden ones included), by relative path, with its bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const full = path.join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(path.relative(dir, full), readFileSync(full));
    }
  };
  walk(dir);
  return files;
}
function expectUnchanged(dir: string, before: Map<string, Buffer>) {
  const after = snapshot(dir);
  expect([...after.keys()]).toEqual([...before.keys()]);
  for (const [file, bytes] of before) expect(after.get(file)!.equals(bytes), file).toBe(true);
}

describe('compare commits both scenarios and comparison.csv as one unit', () => {
  // the earlier compare: a different seed and replications, so a rewritten baseline would differ
  const earlier = path.join(work, 'earlier');
  const EARLIER_ARGS = ['--set', 'horizon.hours=5', '--seed', '1', '--replications', '2', '--calls', '--workers', '1', '--out', earlier];
  const LATER_ARGS = ['--set', 'horizon.hours=5', '--seed', '2', '--replications', '2', '--calls'];

  it('a variant that fails during simulation: exit 1, the earlier folder byte-identical, no new folder', async () => {
    expect((await cli(['compare', SMALL, MORE, ...EARLIER_ARGS])).code).toBe(0);
    const before = snapshot(earlier);
    expect([...before.keys()]).toContain(path.join('small', 'summary.csv'));
    expect([...before.keys()]).toContain('comparison.csv');

    const into = await cli(['compare', SMALL, UNANSWERED, ...LATER_ARGS, '--workers', '1', '--out', earlier]);
    expect(into.code).toBe(1);
    expect(into.err).toMatch(/cannot be simulated as written: .*nobody answered/);
    expectUnchanged(earlier, before);

    const fresh = path.join(work, 'fresh', 'deeper');
    const none = await cli(['compare', SMALL, UNANSWERED, ...LATER_ARGS, '--workers', '2', '--out', fresh]);
    expect(none.code).toBe(1);
    expect(existsSync(path.join(work, 'fresh'))).toBe(false);
  }, 120_000);

  it('a sharded compare that fails in its variant writes nothing either', async () => {
    const shard = path.join(work, 'shard-0');
    expect((await cli(['compare', SMALL, MORE, '--set', 'horizon.hours=5', '--replications', '2', '--shard', '0/2', '--out', shard])).code).toBe(0);
    const before = snapshot(shard);
    expect([...before.keys()]).toContain('compare-shard.json');
    expect((await cli(['compare', SMALL, UNANSWERED, '--set', 'horizon.hours=5', '--replications', '2', '--shard', '0/2', '--out', shard])).code).toBe(1);
    expectUnchanged(shard, before);
    expect((await cli(['compare', SMALL, UNANSWERED, '--set', 'horizon.hours=5', '--replications', '2', '--shard', '0/2', '--out', path.join(work, 'shard-new')])).code).toBe(1);
    expect(existsSync(path.join(work, 'shard-new'))).toBe(false);
  }, 120_000);

  it('a crash in the variant (injected) leaves the earlier folder as it was and makes no new one, on 1 and 2 workers', async () => {
    const before = snapshot(earlier);
    const shorter = [{ keyPath: 'horizon.hours', value: 5 }];
    const base = loadScenario(SMALL, shorter);
    const variant = loadScenario(MORE, shorter);
    const fresh = path.join(work, 'crash');
    for (const [workers, outDir] of [[1, fresh], [2, earlier]] as const) {
      // each study's batch reports progress through its own Progress object: fail in the second
      let first: Progress | undefined;
      const onProgress = (p: Progress) => {
        first ??= p;
        if (p !== first && p.done > 0) throw new Error('injected failure in the variant');
      };
      await expect(compareStudies(base, variant, { seed: 2, replications: 2, outDir, calls: true, workers, onProgress })).rejects.toThrow(/injected/);
      expectUnchanged(earlier, before);
      expect(existsSync(fresh)).toBe(false);
    }
  }, 120_000);

  it('merge of compare shards whose variant shards are damaged writes nothing', async () => {
    const shards = [0, 1].map((i) => path.join(work, `ms-${i}`));
    for (const [i, dir] of shards.entries()) {
      expect((await cli(['compare', SMALL, MORE, '--set', 'horizon.hours=5', '--replications', '2', '--shard', `${i}/2`, '--out', dir])).code).toBe(0);
    }
    // the baseline's shards are fine; one of the variant's is cut short
    const variantShard = path.join(shards[1], 'small-more-staff', 'shard.json');
    writeFileSync(variantShard, readFileSync(variantShard, 'utf8').slice(0, 100));
    const before = snapshot(earlier);
    const into = await cli(['merge', ...shards, '--out', earlier]);
    expect(into.code).toBe(1);
    expect(into.err).toMatch(/small-more-staff.shard\.json: changed since metcc-sim wrote it \(its size or SHA-256 differs from metcc-manifest\.json\)/);
    expectUnchanged(earlier, before);
    expect((await cli(['merge', ...shards, '--out', path.join(work, 'merged-new')])).code).toBe(1);
    expect(existsSync(path.join(work, 'merged-new'))).toBe(false);
  }, 120_000);
});

describe('StagedFiles', () => {
  it('moves files into sub-folders only at commit, and replaces the named leftovers of an earlier run', async () => {
    const dir = path.join(work, 'staged');
    mkdirSync(path.join(dir, 'a'), { recursive: true });
    writeFileSync(path.join(dir, 'a', 'old.csv'), 'old\n');
    writeFileSync(path.join(dir, 'keep.txt'), 'not ours\n');
    const staged = new StagedFiles(dir);
    await staged.csv('top.csv', ['x'], [['1']]);
    staged.text(path.join('b', 'c', 'deep.json'), '{}\n');
    expect(existsSync(path.join(dir, 'top.csv'))).toBe(false);
    expect(existsSync(path.join(dir, 'b'))).toBe(false);
    staged.commit([path.join('a', 'old.csv'), 'top.csv']);
    expect(readFileSync(path.join(dir, 'top.csv'), 'utf8')).toBe('x\n1\n');
    expect(readFileSync(path.join(dir, 'b', 'c', 'deep.json'), 'utf8')).toBe('{}\n');
    expect(existsSync(path.join(dir, 'a', 'old.csv'))).toBe(false);
    // a/ held only the file replaced: it goes with it; the manifest lists the unit committed
    expect(readdirSync(dir).sort()).toEqual(['b', 'keep.txt', 'metcc-manifest.json', 'top.csv']);
  });

  it('abort leaves an existing folder as it was and removes a folder it made', () => {
    const existing = path.join(work, 'abort-existing');
    mkdirSync(existing);
    writeFileSync(path.join(existing, 'summary.csv'), 'earlier\n');
    const a = new StagedFiles(existing);
    a.text('summary.csv', 'later\n');
    a.scratch('parts');
    a.abort();
    expect(readdirSync(existing)).toEqual(['summary.csv']);
    expect(readFileSync(path.join(existing, 'summary.csv'), 'utf8')).toBe('earlier\n');

    const made = path.join(work, 'abort-made', 'x', 'y');
    const b = new StagedFiles(made);
    b.text(path.join('sub', 'run.json'), '{}');
    expect(existsSync(made)).toBe(true);
    b.abort();
    expect(existsSync(path.join(work, 'abort-made'))).toBe(false);
  });

  it('refuses a name that would lead outside its folder', () => {
    const staged = new StagedFiles(path.join(work, 'guarded'));
    expect(() => staged.stage(path.join('..', 'escaped.csv'))).toThrow(/outside the output folder/);
    expect(() => staged.commit([path.join('..', 'victim.csv')])).toThrow(/outside the output folder/);
    expect(existsSync(path.join(work, 'guarded'))).toBe(false);
  });
});
