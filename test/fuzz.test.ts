/**
 * Fuzz (issue 13, "What to build" 2): mutated scenarios from scenarios/ and test/fixtures/,
 * run through `validate` and a short `run` in this process. For every mutant:
 *  - the exit code is 0 or 1 (never 2: an internal error, nor a crash or a hang);
 *  - on 1, every line of stderr names the mutant's file, and the problem's key path or line
 *    (or is a problem of the whole file), with no stack trace;
 *  - nothing outside the --out folder is written or changed, and a failing run writes nothing;
 *  - each case ends within a time bound, and the process's memory stays bounded.
 * A fast, fixed-seed version runs in `npm test`; METCC_FUZZ=10000 runs that many cases of each
 * kind (METCC_FUZZ_SEED picks the seed), printing the counts and any failure's shrunk input.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, ROOT, snapshot, stackLines, TempDirs } from './fixtures/harness.js';
import { loadSources, mutantArbitrary, mutantText, type Mutant } from './helpers/scenarioMutants.js';

const LONG = Number(process.env.METCC_FUZZ ?? 0);
const SEED = Number(process.env.METCC_FUZZ_SEED ?? 20261201);
const VALIDATE_CASES = LONG > 0 ? LONG : 300;
const RUN_CASES = LONG > 0 ? Math.ceil(LONG / 10) : 60;
/** A case that takes longer than this is a hang (the slowest honest ones take well under a second). */
const CASE_SECONDS = 30;
/** Resident memory this process may reach (a test run sits near 200 MB; an alias bomb or a huge list would blow past it). */
const RSS_MB = 1500;

const SOURCES = loadSources(ROOT, [
  'scenarios/erlang-a-check.yaml',
  'scenarios/metcc-2022-baseline.yaml',
  'scenarios/metcc-2023-investment.yaml',
  'test/fixtures/small.yaml',
  'test/fixtures/one-handler.yaml',
  'test/fixtures/two-priorities.yaml',
  'test/fixtures/extends-child.yaml',
  'test/fixtures/base-parent.yaml',
]);

const temp = new TempDirs();
afterAll(() => temp.cleanup());
const root = temp.make('metcc-fuzz-');
let caseNumber = 0;

interface Tally {
  cases: number;
  exit0: number;
  exit1: number;
}

/** Write the mutant (and the files it may extend) into a fresh folder; run the CLI; check the promises. */
async function check(m: Mutant, command: 'validate' | 'run', tally: Tally): Promise<void> {
  const dir = path.join(root, `case-${++caseNumber}`);
  mkdirSync(dir);
  const file = path.join(dir, `mutant.${m.format}`);
  writeFileSync(file, mutantText(m, SOURCES));
  // an extends child names its parent relative to itself; the investment scenario extends the baseline
  copyFileSync(path.join(ROOT, 'test/fixtures/base-parent.yaml'), path.join(dir, 'base-parent.yaml'));
  copyFileSync(path.join(ROOT, 'scenarios/metcc-2022-baseline.yaml'), path.join(dir, 'metcc-2022-baseline.yaml'));
  const out = path.join(dir, 'out');
  const before = snapshot(dir);
  const args =
    command === 'validate'
      ? ['validate', file]
      : ['run', file, '--out', out, '--workers', '1', '--replications', '1', '--quiet', '--set', 'horizon={ hours: 0.25, warmup_hours: 0.05, start_date: "2022-06-01" }'];
  const started = Date.now();
  const r = await cli(...args);
  const seconds = (Date.now() - started) / 1000;
  tally.cases++;
  const where = `${command} of ${JSON.stringify(m)}\nstderr: ${r.err}`;
  expect(seconds, `took ${seconds} s: ${where}`).toBeLessThan(CASE_SECONDS);
  const rssMb = process.memoryUsage().rss / 1e6;
  expect(rssMb, `memory grew to ${rssMb.toFixed(0)} MB: ${where}`).toBeLessThan(RSS_MB);
  expect([0, 1], where).toContain(r.code);
  expect(stackLines(r.err), where).toEqual([]);
  if (process.env.METCC_FUZZ_DEBUG) console.log(`${command} ${r.code}: ${r.err.split('\n')[0].replace(dir, '')}`);
  if (r.code === 1) {
    tally.exit1++;
    const lines = r.err.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('warning: '));
    expect(lines.length, where).toBeGreaterThan(0);
    for (const line of lines) {
      // "<file>: <key.path>: message", "<file>: ... line L ..." or "<file>: <whole-file problem>"
      expect(line.startsWith(`${file}: `) || line.startsWith(`${path.join(dir, 'base-parent.yaml')}: `) || line.startsWith(`${path.join(dir, 'metcc-2022-baseline.yaml')}: `), `a line that names no file: ${line}\n${where}`).toBe(true);
    }
    expect(existsSync(out), `a failing run wrote ${out}: ${where}`).toBe(false);
  } else {
    tally.exit0++;
  }
  const after = snapshot(dir);
  for (const name of Object.keys(after)) if (name.startsWith('out/')) delete after[name];
  expect(after, `something outside --out was written or changed: ${where}`).toEqual(before);
  rmSync(dir, { recursive: true, force: true });
}

async function fuzz(command: 'validate' | 'run', cases: number, tame: boolean): Promise<Tally> {
  const tally: Tally = { cases: 0, exit0: 0, exit1: 0 };
  const details = await fc.check(
    fc.asyncProperty(mutantArbitrary(SOURCES, tame), (m) => check(m, command, tally)),
    { seed: SEED, numRuns: cases },
  );
  const summary = `fuzz ${command}: ${tally.cases} cases run (seed ${SEED}, ${cases} asked), exit 0: ${tally.exit0}, exit 1: ${tally.exit1}`;
  console.log(summary);
  if (details.failed) {
    const message = `${summary}\nfailed after ${details.numRuns} cases and ${details.numShrinks} shrinks; the smallest failing mutant:\n${JSON.stringify(details.counterexample?.[0], null, 1)}\n${mutantText(details.counterexample![0], SOURCES)}\n${String(details.errorInstance)}`;
    console.log(message);
    throw new Error(message);
  }
  return tally;
}

describe(`fuzz: mutated scenarios${LONG ? ` (METCC_FUZZ=${LONG})` : ''}`, () => {
  it(`validate: exit 0 or 1, file and key path named, nothing written (${VALIDATE_CASES} cases)`, async () => {
    const t = await fuzz('validate', VALIDATE_CASES, false);
    // the mutants reach both sides: a fuzz whose every case failed (or passed) would test little
    expect(t.exit0).toBeGreaterThan(VALIDATE_CASES / 20);
    expect(t.exit1).toBeGreaterThan(VALIDATE_CASES / 4);
  }, 600_000 + LONG * 1000);

  it(`run (tiny horizon, 1 replication, 1 worker): exit 0 or 1, nothing written outside --out (${RUN_CASES} cases)`, async () => {
    const t = await fuzz('run', RUN_CASES, true);
    expect(t.exit0).toBeGreaterThan(RUN_CASES / 20);
    expect(t.exit1).toBeGreaterThan(RUN_CASES / 20);
  }, 600_000 + LONG * 1000);
});
