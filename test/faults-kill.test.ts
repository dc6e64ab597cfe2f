/**
 * kill -9 at every moment (issue 13, "Faults as tests"): `run`, `compare`, `sweep` and `merge`
 * are killed during simulation, while writing their files, just before the commit point, and
 * during the commit itself (after the journal, between two renames, after the manifest), by the
 * test-only hook METCC_TEST_FAULT (src/report/faultPoint.ts). After each kill:
 *  - killed before the commit point, the folder is byte for byte the earlier reports (nothing
 *    partial under a real name, the staging folder hidden and removed by the next run);
 *  - killed after it, the folder is marked (a reader refuses it, naming the journal), and the
 *    next writer finishes the commit: the folder then holds exactly the killed run's reports,
 *    the same as an uninterrupted run's, with nothing of the earlier run left;
 *  - the next run into the folder works and leaves no temporaries.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitProblem } from '../src/report/unitProblem.js';
import { cli, fixture, ROOT, snapshot, TempDirs } from './fixtures/harness.js';

const temp = new TempDirs();
afterAll(() => temp.cleanup());

const BIN = path.join(ROOT, 'dist', 'cli', 'bin.js');
const SMALL = fixture('small.yaml');
const MORE = fixture('small-more-staff.yaml');
const SHORT = ['--set', 'horizon={ hours: 1, warmup_hours: 0.2 }', '--replications', '2', '--workers', '1', '--quiet'];
const BOOKKEEPING = /^\.metcc-staging-|^metcc-commit-in-progress\.json$/;
/** Files that differ between two runs of the same study: run.json's timing, the page drawn from it, the manifest's run id. */
const VARIES = /(^|\/)(run\.json|report\.html|metcc-manifest\.json)$/;

/** Run the built CLI in a child process with the fault hook set; it must die of SIGKILL. */
function killedAt(stage: string, args: string[]): void {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, METCC_TEST_FAULT: stage }, encoding: 'utf8', timeout: 60_000 });
  expect(r.signal, `${args.join(' ')} with METCC_TEST_FAULT=${stage}: exit ${r.status}\n${r.stderr}`).toBe('SIGKILL');
}

/** The folder's files with their SHA-256, leaving out the staging folders and the journal. */
function reports(dir: string): Record<string, string> {
  const all = snapshot(dir);
  return Object.fromEntries(Object.entries(all).filter(([name]) => !name.split('/').some((part) => BOOKKEEPING.test(part))));
}

const stable = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([name]) => !VARIES.test(name)));

/** Before the commit point nothing in the folder has changed; from it on (commit, rename, manifest), the folder is marked as mid-commit. */
const beforeCommit = (stage: string) => ['replication', 'stage', 'staged'].includes(stage.split(':')[0]);

interface Case {
  command: string;
  /** The arguments of the earlier study and of the killed one (a different seed), without --out. */
  earlier: string[];
  later: string[];
  stages: string[];
}

async function ok(...args: string[]): Promise<void> {
  const r = await cli(...args);
  expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
}

/** Reference folders: the earlier study's and the killed one's, each written by an uninterrupted run. */
interface Refs {
  earlierDir: string;
  earlier: Record<string, string>;
  later: Record<string, string>;
}

async function references(c: Pick<Case, 'command' | 'earlier' | 'later'>): Promise<Refs> {
  const dir = temp.make(`metcc-ref-${c.command}-`);
  await ok(...c.earlier, '--out', path.join(dir, 'earlier'));
  await ok(...c.later, '--out', path.join(dir, 'later'));
  const refs = { earlierDir: path.join(dir, 'earlier'), earlier: snapshot(path.join(dir, 'earlier')), later: snapshot(path.join(dir, 'later')) };
  expect(stable(refs.earlier)).not.toEqual(stable(refs.later)); // (else a mix could not be seen)
  return refs;
}

function checkKill(c: Case, stage: string, expected: () => Refs): Promise<void> {
  return (async () => {
    const out = path.join(temp.make(`metcc-kill-${c.command}-`), 'out');
    cpSync(expected().earlierDir, out, { recursive: true }); // the earlier study's reports
    const before = snapshot(out);
    killedAt(stage, [...c.later, '--out', out]);
    if (beforeCommit(stage)) {
      expect(reports(out), 'the earlier reports, byte for byte').toEqual(before);
      expect(unitProblem(out)).toBeNull();
    } else {
      expect(existsSync(path.join(out, 'metcc-commit-in-progress.json'))).toBe(true);
      expect(unitProblem(out)).toMatch(/a run was killed \(or failed\) while moving its files into place/);
      // the next writer into the folder finishes the commit: exactly the killed run's reports, none of the earlier ones
      const r = await cli('report', out);
      expect(r.code, r.err).toBe(0);
      expect(r.err).toMatch(/note: finished the commit of run .* which was killed while moving its files into place/);
      expect(unitProblem(out)).toBeNull();
      expect(stable(reports(out))).toEqual(stable(expected().later));
      expect(Object.keys(reports(out)).sort()).toEqual(Object.keys(expected().later).sort());
    }
    // and the next run into the folder works, leaving nothing behind
    await ok(...c.earlier, '--out', out);
    expect(stable(snapshot(out))).toEqual(stable(expected().earlier));
    expect(unitProblem(out)).toBeNull();
    expect(readdirSync(out).filter((f) => BOOKKEEPING.test(f))).toEqual([]);
  })();
}

function killCases(c: Case): void {
  describe(`kill -9 of ${c.command}`, () => {
    let refs: Refs;
    beforeAll(async () => {
      refs = await references(c);
    }, 120_000);
    for (const stage of c.stages) {
      it(`at ${stage}: ${beforeCommit(stage) ? 'the earlier reports intact' : 'marked, then finished by the next writer'}; the next run works`, () => checkKill(c, stage, () => refs), 120_000);
    }
  });
}

killCases({
  command: 'run',
  earlier: ['run', SMALL, ...SHORT, '--seed', '1', '--calls'],
  later: ['run', SMALL, ...SHORT, '--seed', '2'], // without --calls: the earlier calls.csv must go with the rest
  stages: ['replication', 'staged', 'commit', 'rename:3', 'manifest'],
});

killCases({
  command: 'compare',
  earlier: ['compare', SMALL, MORE, ...SHORT, '--seed', '1'],
  later: ['compare', SMALL, MORE, ...SHORT, '--seed', '2'],
  stages: ['replication:3', 'stage:12', 'rename:7'],
});

killCases({
  command: 'sweep',
  earlier: ['sweep', SMALL, ...SHORT, '--set', 'handlers.all.staff=5,6', '--seed', '1'],
  later: ['sweep', SMALL, ...SHORT, '--set', 'handlers.all.staff=5,6', '--seed', '2'],
  stages: ['replication:2', 'rename'],
});

describe('kill -9 of merge', () => {
  const shards: Record<string, string[]> = {};
  beforeAll(async () => {
    const dir = temp.make('metcc-kill-shards-');
    for (const seed of ['1', '2']) {
      shards[seed] = [0, 1].map((i) => path.join(dir, `seed-${seed}`, `s${i}`));
      for (const [i, s] of shards[seed].entries()) await ok('run', SMALL, ...SHORT, '--seed', seed, '--calls', '--shard', `${i}/2`, '--out', s);
    }
  }, 120_000);
  let refs: Refs | undefined;
  const c = (seed: string): string[] => ['merge', ...(shards[seed] ?? [])];
  for (const stage of ['stage:2', 'rename:2']) {
    it(`at ${stage}, the shards untouched`, async () => {
      refs ??= await references({ command: 'merge', earlier: c('1'), later: c('2') });
      const inputs = [...shards['1'], ...shards['2']].map(snapshot);
      await checkKill({ command: 'merge', earlier: c('1'), later: c('2'), stages: [] }, stage, () => refs!);
      expect([...shards['1'], ...shards['2']].map(snapshot)).toEqual(inputs);
    }, 120_000);
  }
});

describe('a shard killed during its commit', () => {
  it('merge refuses it, naming the journal; run --resume finishes the commit without simulating again; then merge works', async () => {
    const dir = temp.make('metcc-kill-shard-');
    const s = [0, 1].map((i) => path.join(dir, `s${i}`));
    await ok('run', SMALL, ...SHORT, '--calls', '--shard', '0/2', '--out', s[0]);
    killedAt('rename:2', ['run', SMALL, ...SHORT, '--calls', '--shard', '1/2', '--out', s[1]]);
    const refused = await cli('merge', ...s, '--out', path.join(dir, 'merged'));
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/s1: a run was killed \(or failed\) while moving its files into place \(.*metcc-commit-in-progress\.json is there\), so the folder may mix two runs' files; run that shard again into it/);
    expect(existsSync(path.join(dir, 'merged'))).toBe(false);
    const resumed = await cli('run', SMALL, ...SHORT, '--calls', '--shard', '1/2', '--resume', '--out', s[1]);
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.out).toMatch(/already complete .* nothing to do/);
    expect((await cli('merge', ...s, '--out', path.join(dir, 'merged'))).code).toBe(0);
  }, 120_000);
});
