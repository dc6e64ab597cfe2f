/**
 * What killed runs leave, and who clears it (issue 13, finding 11 and item 4):
 *  - temporaries of a killed run are removed by the next run into the folder even when the
 *    killed run's process id now belongs to another process (common in containers: every run
 *    may be pid 1, or this very process), and never those of a run still writing;
 *  - a commit cut short whose staged files were then removed by hand cannot be finished: the
 *    readers refuse the folder and the next run replaces all of it;
 *  - a manifest or journal naming paths outside the folder (crafted) never makes metcc-sim
 *    remove anything there;
 *  - `report` on a compare's scenario folder keeps the compare's manifest true.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StagedFiles } from '../src/report/StagedFiles.js';
import { thisProcess } from '../src/report/processIdentity.js';
import { unitProblem } from '../src/report/unitProblem.js';
import { cli, fixture, ROOT, snapshot, TempDirs } from './fixtures/harness.js';

const temp = new TempDirs();
afterAll(() => temp.cleanup());

const SMALL = fixture('small.yaml');
const SHORT = ['--set', 'horizon={ hours: 1, warmup_hours: 0.2 }', '--replications', '2', '--workers', '1', '--quiet'];
const LINUX = existsSync('/proc/self/stat');

async function ok(...args: string[]): Promise<void> {
  const r = await cli(...args);
  expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
}

/** A leftover staging folder named `name` in `dir`, with a staged report in it. */
function leftover(dir: string, name: string, mtimeMs?: number): string {
  const at = path.join(dir, name);
  mkdirSync(path.join(at, 'files'), { recursive: true });
  writeFileSync(path.join(at, 'files', 'summary.csv'), 'half a file');
  if (mtimeMs !== undefined) utimesSync(at, mtimeMs / 1000, mtimeMs / 1000);
  return name;
}

const startTicks = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[19]);

describe.skipIf(!LINUX)('leftovers of a killed run whose process id was reused', () => {
  it('are removed by the next run, even when the id is now this process\'s or another live one\'s; a live run\'s are kept', async () => {
    const out = path.join(temp.make(), 'out');
    await ok('run', SMALL, ...SHORT, '--out', out);
    // a live process, standing in for a run still writing into the folder (and for a process that got a killed run's id)
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const otherPid = other.pid!;
      const long = Date.now() - 3600_000; // before either process started
      const gone = [
        // this process's id, another start time: a run killed before this process started (same id in a container)
        leftover(out, `.metcc-staging-${process.pid}-${thisProcess.startTicks - 1}-aaaaaa`),
        // a live process's id, another start time
        leftover(out, `.metcc-staging-${otherPid}-${startTicks(otherPid) + 7}-bbbbbb`),
        // earlier versions' names carry the id alone: older than the process holding that id now, so not its
        leftover(out, `.staging-${process.pid}-cccccc`, long),
        leftover(out, `.staging-${otherPid}-dddddd`, long),
      ];
      const kept = [
        leftover(out, `.metcc-staging-${otherPid}-${startTicks(otherPid)}-eeeeee`), // the live process's own
        leftover(out, `.staging-${otherPid}-ffffff`), // made after it started: may be its own
      ];
      await ok('run', SMALL, ...SHORT, '--out', out);
      const left = readdirSync(out).filter((f) => f.startsWith('.'));
      for (const name of gone) expect(left, name).not.toContain(name);
      expect(left.sort()).toEqual(kept.sort());
      expect(unitProblem(out)).toBeNull();
    } finally {
      other.kill('SIGKILL');
    }
  }, 60_000);

  it('a commit journal left by a killed run whose id is now this process\'s is finished, not taken for a live one', async () => {
    const out = path.join(temp.make(), 'out');
    // a commit killed after its journal, in another process (the test hook), whose journal then says this process's id
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli', 'bin.js'), 'run', SMALL, ...SHORT, '--out', out], { env: { ...process.env, METCC_TEST_FAULT: 'rename' } });
    expect(r.signal).toBe('SIGKILL');
    const journalFile = path.join(out, 'metcc-commit-in-progress.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
    const staging = `.metcc-staging-${process.pid}-${thisProcess.startTicks - 3}-${journal.staging.split('-').pop()}`;
    rmSync(path.join(out, staging), { recursive: true, force: true });
    spawnSync('mv', [path.join(out, journal.staging), path.join(out, staging)]);
    writeFileSync(journalFile, JSON.stringify({ ...journal, staging, owner: { pid: process.pid, startTicks: thisProcess.startTicks - 3 } }));
    expect(unitProblem(out)).toMatch(/killed \(or failed\) while moving its files into place/);
    const rep = await cli('report', out);
    expect(rep.code, rep.err).toBe(0);
    expect(rep.err).toMatch(/note: finished the commit of run/);
    expect(unitProblem(out)).toBeNull();
    expect(readdirSync(out).filter((f) => f.startsWith('.') || f.startsWith('metcc-commit'))).toEqual([]);
  }, 60_000);
});

describe('a run still writing is left alone', () => {
  it('a second StagedFiles on the same folder keeps the first one\'s staging folder; both commit', async () => {
    const dir = path.join(temp.make(), 'out');
    const a = new StagedFiles(dir);
    await a.csv('a.csv', ['x'], [['1']]);
    const b = new StagedFiles(dir);
    b.text('b.txt', 'b\n');
    b.commit([], { update: true });
    a.commit([], { update: true });
    expect(readFileSync(path.join(dir, 'a.csv'), 'utf8')).toBe('x\n1\n');
    expect(readFileSync(path.join(dir, 'b.txt'), 'utf8')).toBe('b\n');
    expect(unitProblem(dir)).toBeNull();
  });
});

describe('a commit that cannot be finished (its staged files removed by hand)', () => {
  it('readers refuse the folder; the next run replaces every file of both units', async () => {
    const out = path.join(temp.make(), 'out');
    await ok('run', SMALL, ...SHORT, '--calls', '--seed', '1', '--out', out);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli', 'bin.js'), 'run', SMALL, ...SHORT, '--seed', '2', '--out', out], { env: { ...process.env, METCC_TEST_FAULT: 'rename:2' } });
    expect(r.signal).toBe('SIGKILL');
    for (const f of readdirSync(out).filter((n) => n.startsWith('.metcc-staging-'))) rmSync(path.join(out, f), { recursive: true });
    const rep = await cli('report', out);
    expect(rep.code).toBe(1);
    expect(rep.err).toMatch(/report .*out: a run was killed \(or failed\) while moving its files into place .*; run it again to write a whole folder/);
    await ok('run', SMALL, ...SHORT, '--seed', '3', '--out', out);
    const fresh = path.join(temp.make(), 'fresh');
    await ok('run', SMALL, ...SHORT, '--seed', '3', '--out', fresh);
    const varies = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([f]) => !/run\.json|report\.html|manifest/.test(f)));
    expect(varies(snapshot(out))).toEqual(varies(snapshot(fresh))); // no calls.csv of the first run, no file of the killed one
    expect(unitProblem(out)).toBeNull();
  }, 60_000);
});

describe('crafted bookkeeping files', () => {
  it('a manifest or journal naming files outside the folder removes nothing there', async () => {
    const dir = temp.make();
    const out = path.join(dir, 'out');
    await ok('run', SMALL, ...SHORT, '--out', out);
    const victim = path.join(dir, 'victim.txt');
    writeFileSync(victim, 'mine\n');
    const manifest = JSON.parse(readFileSync(path.join(out, 'metcc-manifest.json'), 'utf8'));
    manifest.files.push({ path: '../victim.txt', bytes: 5, sha256: 'x' });
    writeFileSync(path.join(out, 'metcc-manifest.json'), JSON.stringify(manifest));
    expect(unitProblem(out)).toMatch(/metcc-manifest\.json: damaged \(not a metcc-sim manifest\)/);
    await ok('run', SMALL, ...SHORT, '--out', out);
    mkdirSync(path.join(out, '.metcc-staging-1-1-x'));
    writeFileSync(path.join(out, 'metcc-commit-in-progress.json'), JSON.stringify({
      format: 'metcc-sim-commit/1', run_id: 'x', owner: { pid: 1, startTicks: 1 }, staging: '.metcc-staging-1-1-x', files: [], remove: ['../victim.txt'],
    }));
    await ok('run', SMALL, ...SHORT, '--out', out);
    expect(readFileSync(victim, 'utf8')).toBe('mine\n');
    expect(unitProblem(out)).toBeNull();
  }, 60_000);
});

describe('report on a folder inside a unit', () => {
  it("redrawing a compare's scenario folder updates the compare's manifest, which stays true", async () => {
    const out = path.join(temp.make(), 'out');
    await ok('compare', SMALL, fixture('small-more-staff.yaml'), ...SHORT, '--out', out);
    const before = readFileSync(path.join(out, 'metcc-manifest.json'), 'utf8');
    await ok('report', path.join(out, 'small'));
    expect(existsSync(path.join(out, 'small', 'metcc-manifest.json'))).toBe(false);
    expect(readFileSync(path.join(out, 'metcc-manifest.json'), 'utf8')).not.toBe(before);
    expect(unitProblem(out)).toBeNull();
  }, 60_000);

  it("a compare over a folder that held a run on its own in its scenario folder supersedes that run's manifest", async () => {
    const out = path.join(temp.make(), 'out');
    await ok('run', SMALL, ...SHORT, '--calls', '--out', path.join(out, 'small'));
    expect(existsSync(path.join(out, 'small', 'metcc-manifest.json'))).toBe(true);
    await ok('compare', SMALL, fixture('small-more-staff.yaml'), ...SHORT, '--out', out);
    expect(existsSync(path.join(out, 'small', 'metcc-manifest.json'))).toBe(false);
    expect(existsSync(path.join(out, 'small', 'calls.csv'))).toBe(false); // the compare ran without --calls: the run's log went with it
    expect(unitProblem(out)).toBeNull();
    expect(unitProblem(path.join(out, 'small'))).toBeNull();
  }, 60_000);
});
