/**
 * Bad input (interface.md, "Exit codes"): exit code 1; a message on stderr that names the
 * file, the key path and what was expected; no stack trace; no report file written or
 * overwritten (a new --out folder is not created, an existing one keeps every byte).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outDirProblem } from '../src/report/outDir.js';
import { cli, fixture, ROOT, snapshot, stackLines, TempDirs } from './fixtures/harness.js';
import { editOf, goodScenario } from './helpers/goodScenario.js';

const GOOD = goodScenario();
/** GOOD with one exact piece of text replaced (fails loudly if the piece is not there). */
const edit = (...pairs: [string, string][]): string => editOf(GOOD, ...pairs);

interface FileCase {
  name: string;
  /** Files to write into a fresh folder; the first is the scenario given to the CLI. */
  files: Record<string, string>;
  /** Each must match stderr. */
  expect: RegExp[];
  /** Scenario file to name instead of the first written (for a missing file). */
  scenario?: string;
}

const fileCases: FileCase[] = [
  {
    name: 'missing file',
    files: {},
    scenario: 'no-such-scenario.yaml',
    expect: [/no-such-scenario\.yaml/, /not found/i],
  },
  {
    name: 'empty file',
    files: { 'empty.yaml': '' },
    expect: [/empty\.yaml/, /empty/i, /expected/i],
  },
  {
    name: 'only a comment',
    files: { 'comment.yaml': '# nothing here\n' },
    expect: [/comment\.yaml/, /expected/i],
  },
  {
    name: 'YAML syntax error (with its line number)',
    files: { 'syntax.yaml': edit(['horizon: { hours: 2, warmup_hours: 1 }', 'horizon: { hours: 2, warmup_hours: 1']) },
    expect: [/syntax\.yaml/, /YAML syntax error/i, /line (3|4)\b/],
  },
  {
    name: 'YAML duplicate key',
    files: { 'dup.yaml': edit(['seed: 1\n', 'seed: 1\nseed: 2\n']) },
    expect: [/dup\.yaml/, /line 3\b/, /unique|duplicate/i],
  },
  {
    name: 'a list instead of a mapping',
    files: { 'list.yaml': '- name: x\n- horizon: 1\n' },
    expect: [/list\.yaml/, /expected a mapping/i],
  },
  {
    name: 'missing required key (handlers)',
    files: { 'nohandlers.yaml': GOOD.slice(0, GOOD.indexOf('handlers:')) },
    expect: [/nohandlers\.yaml: handlers: /, /required|missing/i],
  },
  {
    name: 'missing required key in a contact type (target)',
    files: { 'notarget.yaml': edit(['    target: { answer_within_seconds: 60 }\n', '']) },
    expect: [/notarget\.yaml: contacts\.101\.target: /, /required|missing/i],
  },
  {
    name: 'unknown key (typo handlng)',
    files: { 'typo.yaml': edit(['    handling: { exponential: { mean_seconds: 45 } }\n    target: { answer_within_seconds: 60 }', '    handlng: { exponential: { mean_seconds: 45 } }\n    target: { answer_within_seconds: 60 }']) },
    expect: [/typo\.yaml: contacts\.101\.handlng: .*unknown key/i, /contacts\.101\.handling: .*(required|missing)/i],
  },
  {
    name: 'unknown top-level key',
    files: { 'top.yaml': edit(['seed: 1\n', 'seed: 1\nreplicatons: 3\n']) },
    expect: [/top\.yaml: replicatons: .*unknown key/i],
  },
  {
    name: 'wrong type: a string where a number is expected',
    files: { 'type.yaml': edit(['calls_per_hour: 100', 'calls_per_hour: "lots"']) },
    expect: [/type\.yaml: contacts\.999\.arrivals\.calls_per_hour: .*expected a number/i],
  },
  {
    name: 'wrong type: a string headcount',
    files: { 'staff.yaml': edit(['staff: 3', 'staff: three']) },
    expect: [/staff\.yaml: handlers\.all\.staff: .*expected a whole number/i],
  },
  {
    name: 'wrong type: a number where a section is expected',
    files: { 'section.yaml': edit(['handling: { exponential: { mean_seconds: 45 } }', 'handling: 45']) },
    expect: [/section\.yaml: contacts\.999\.handling: expected /, /45/],
  },
  {
    name: 'a key left empty',
    files: { 'emptykey.yaml': edit(['patience: { exponential: { mean_seconds: 60 } }', 'patience:']) },
    expect: [/emptykey\.yaml: contacts\.999\.patience: expected .*(empty|null)/],
  },
  {
    name: 'fractional headcount',
    files: { 'frac.yaml': edit(['staff: 3', 'staff: 2.5']) },
    expect: [/frac\.yaml: handlers\.all\.staff: .*whole number/i],
  },
  {
    name: 'negative mean',
    files: { 'negmean.yaml': edit(['handling: { exponential: { mean_seconds: 45 } }', 'handling: { exponential: { mean_seconds: -45 } }']) },
    expect: [/negmean\.yaml: contacts\.999\.handling\.exponential\.mean_seconds: must be > 0/],
  },
  {
    name: 'zero mean',
    files: { 'zeromean.yaml': edit(['patience: { exponential: { mean_seconds: 60 } }', 'patience: { exponential: { mean_seconds: 0 } }']) },
    expect: [/zeromean\.yaml: contacts\.999\.patience\.exponential\.mean_seconds: must be > 0/],
  },
  {
    name: 'a group answering an unknown contact type',
    files: { 'unknowntype.yaml': edit(['answers: ["999", "101"]', 'answers: ["999", "101", "111"]']) },
    expect: [/unknowntype\.yaml: handlers\.all\.answers\.2: /, /'111'/, /expected one of/i],
  },
  {
    name: 'a contact type nobody answers',
    files: { 'orphan.yaml': edit(['answers: ["999", "101"]', 'answers: ["999"]']) },
    expect: [/orphan\.yaml: contacts\.101: /, /no handler group answers/i],
  },
  {
    // (validate passed it; the run then aborted after simulating a week, pointing to warnings validate never printed)
    name: 'shrinkage 100 in every group answering a contact type',
    files: {
      'absent.yaml': edit([
        'staff: 3',
        'shrinkage_pct: 100\n    shifts: { all: { start: "00:00", end: "24:00", staff: 3 } }\n' +
          '  nights:\n    answers: ["101"]\n    shifts: { night: { start: "22:00", end: "06:00", staff: 0 } }',
      ]),
    },
    expect: [
      /absent\.yaml: contacts\.999: no handler is ever on duty .*\(all: shrinkage_pct 100 \(everybody absent\)\)/,
      /absent\.yaml: contacts\.101: no handler is ever on duty .*\(all: shrinkage_pct 100 \(everybody absent\); nights: every shift has staff 0\)/,
    ],
  },
  {
    name: 'negative headcount',
    files: { 'neg.yaml': edit(['staff: 3', 'staff: -2']) },
    expect: [/neg\.yaml: handlers\.all\.staff: must be >= 0/],
  },
  {
    name: 'zero horizon',
    files: { 'h0.yaml': edit(['horizon: { hours: 2, warmup_hours: 1 }', 'horizon: { hours: 0, warmup_hours: 1 }']) },
    expect: [/h0\.yaml: horizon\.hours: must be > 0/],
  },
  {
    name: 'negative horizon in days',
    files: { 'hneg.yaml': edit(['horizon: { hours: 2, warmup_hours: 1 }', 'horizon: { days: -1 }']) },
    expect: [/hneg\.yaml: horizon\.days: must be > 0/],
  },
  {
    name: 'negative warm-up',
    files: { 'wneg.yaml': edit(['horizon: { hours: 2, warmup_hours: 1 }', 'horizon: { hours: 2, warmup_hours: -1 }']) },
    expect: [/wneg\.yaml: horizon\.warmup_hours: must be >= 0/],
  },
  {
    name: 'horizon with neither hours nor days',
    files: { 'hnone.yaml': edit(['horizon: { hours: 2, warmup_hours: 1 }', 'horizon: { warmup_hours: 1 }']) },
    expect: [/hnone\.yaml: horizon: /, /hours or days/],
  },
  {
    name: 'unknown distribution family (weibull)',
    files: { 'weibull.yaml': edit(['handling: { exponential: { mean_seconds: 45 } }', 'handling: { weibull: { shape: 2, scale_seconds: 45 } }']) },
    expect: [/weibull\.yaml: contacts\.999\.handling\.weibull: /, /unknown distribution family/i, /expected one of .*exponential/i],
  },
  {
    name: 'two distribution families at once',
    files: { 'twofam.yaml': edit(['handling: { exponential: { mean_seconds: 45 } }', 'handling: { exponential: { mean_seconds: 45 }, fixed: { seconds: 45 } }']) },
    expect: [/twofam\.yaml: contacts\.999\.handling: /, /exactly one distribution family/i],
  },
  {
    name: 'uniform with max below min',
    files: { 'unif.yaml': edit(['handling: { exponential: { mean_seconds: 45 } }', 'handling: { uniform: { min_seconds: 60, max_seconds: 30 } }']) },
    expect: [/unif\.yaml: contacts\.999\.handling\.uniform\.max_seconds: /, /greater than min_seconds/],
  },
  {
    name: 'an sd so large the distribution cannot be drawn from',
    files: { 'hugesd.yaml': edit(['handling: { exponential: { mean_seconds: 45 } }', 'handling: { lognormal: { mean_seconds: 45, sd_seconds: 1e308 } }']) },
    expect: [/hugesd\.yaml: contacts\.999\.handling\.lognormal\.sd_seconds: must be at most/],
  },
  {
    name: 'JSON with a syntax error',
    files: { 'broken.json': '{\n  "name": "x",\n  "seed": 1,\n}\n' },
    expect: [/broken\.json/, /JSON syntax error/i, /line 4\b/],
  },
  {
    name: 'JSON with a bad value',
    files: { 'badvalue.json': JSON.stringify({ name: 'j', horizon: { hours: 2 }, contacts: { '999': { priority: 1, arrivals: { calls_per_hour: 5 }, handling: { fixed: { seconds: -1 } }, target: { answer_within_seconds: 10 } } }, handlers: { all: { answers: ['999'], staff: 1 } } }) },
    expect: [/badvalue\.json: contacts\.999\.handling\.fixed\.seconds: must be >= 0/],
  },
  {
    name: 'extends naming a missing file',
    files: { 'child.yaml': 'extends: not-there.yaml\nname: child\n' },
    expect: [/child\.yaml: extends: .*not-there\.yaml/, /not found/i],
  },
  {
    name: 'extends loop',
    files: { 'a.yaml': 'extends: b.yaml\nname: a\n', 'b.yaml': 'extends: c.yaml\n', 'c.yaml': 'extends: a.yaml\n' },
    expect: [/a\.yaml/, /extends/, /loop/i, /a\.yaml -> b\.yaml -> c\.yaml -> a\.yaml/],
  },
  {
    name: 'extends itself',
    files: { 'self.yaml': 'extends: self.yaml\nname: s\n' },
    expect: [/self\.yaml/, /extends/, /loop/i],
  },
  {
    name: 'a bad value inherited through extends',
    files: { 'kid.yaml': 'extends: parent.yaml\nname: kid\n', 'parent.yaml': edit(['staff: 3', 'staff: -1']) },
    expect: [/kid\.yaml/, /handlers\.all\.staff: must be >= 0/],
  },
  {
    name: 'several problems in one file are all reported',
    files: {
      'many.yaml': edit(
        ['staff: 3', 'staff: -1'],
        ['handling: { exponential: { mean_seconds: 45 } }', 'handling: { exponential: { mean_secnds: 45 } }'],
        ['horizon: { hours: 2, warmup_hours: 1 }', 'horizon: { hours: 2, warmup_hours: -1 }'],
      ),
    },
    expect: [
      /many\.yaml: handlers\.all\.staff: must be >= 0/,
      /many\.yaml: contacts\.999\.handling\.exponential\.mean_secnds: .*unknown key/i,
      /many\.yaml: contacts\.999\.handling\.exponential\.mean_seconds: .*(required|missing)/i,
      /many\.yaml: horizon\.warmup_hours: must be >= 0/,
    ],
  },
  {
    name: 'several cross-key problems are all reported',
    files: { 'cross.yaml': edit(['answers: ["999", "101"]', 'answers: ["112", "101", "113"]']) },
    expect: [/handlers\.all\.answers\.0: .*'112'/, /handlers\.all\.answers\.2: .*'113'/, /contacts\.999: .*no handler group/],
  },
  {
    // (the unknown contact type used to appear only once the schema errors were fixed)
    name: 'schema and cross-reference problems are reported in one go',
    files: { 'both.yaml': edit(['staff: 3', 'staff: -1'], ['answers: ["999", "101"]', 'answers: ["999", "101", "111"]']) },
    expect: [/both\.yaml: handlers\.all\.staff: must be >= 0/, /both\.yaml: handlers\.all\.answers\.2: unknown contact type '111'/],
  },
];

interface OptionCase {
  name: string;
  args: string[];
  expect: RegExp[];
}

const optionCases: OptionCase[] = [
  { name: 'unknown option (--replicatons)', args: ['--replicatons', '3'], expect: [/--replicatons/, /did you mean --replications/] },
  { name: 'unknown option far from any other', args: ['--frobnicate'], expect: [/--frobnicate/, /expected|unknown/i] },
  { name: '--replications 0', args: ['--replications', '0'], expect: [/--replications/, /expected a whole number >= 1/] },
  { name: '--replications not a number', args: ['--replications', 'many'], expect: [/--replications/, /expected a whole number/] },
  { name: '--replications 2.5', args: ['--replications', '2.5'], expect: [/--replications/, /expected a whole number/] },
  { name: '--seed -1', args: ['--seed', '-1'], expect: [/--seed/, /expected a whole number >= 0/] },
  { name: '--seed beyond exact integers', args: ['--seed', '1e20'], expect: [/--seed/, /expected a whole number/] },
  { name: '--workers 0', args: ['--workers', '0'], expect: [/--workers/, /expected a whole number >= 1/] },
  { name: '--set without =', args: ['--set', 'handlers.all.staff'], expect: [/--set handlers\.all\.staff/, /expected KEY=VALUE/] },
  { name: '--set with an empty key', args: ['--set', '=5'], expect: [/--set/, /expected KEY=VALUE/] },
  { name: '--set to a value of the wrong type', args: ['--set', 'handlers.all.staff=lots'], expect: [/good\.yaml: handlers\.all\.staff: .*expected a whole number/] },
  { name: '--set an unknown key', args: ['--set', 'horizon.hourz=5'], expect: [/good\.yaml: horizon\.hourz: .*unknown key/i] },
  { name: '--set below a scalar', args: ['--set', 'seed.x=5'], expect: [/good\.yaml: seed: /, /not a section/] },
  { name: '--set a negative horizon', args: ['--set', 'horizon.hours=-3'], expect: [/good\.yaml: horizon\.hours: must be > 0/] },
];

const dirs = new TempDirs();
let existing: string;
let existingBefore: Record<string, string>;

beforeAll(async () => {
  // an existing report folder from a real run: bad input must leave it byte-for-byte alone
  existing = path.join(dirs.make('metcc-existing-'), 'reports');
  const r = await cli('run', fixture('small.yaml'), '--set', 'horizon.hours=2', '--replications', '1', '--calls', '--workers', '1', '--out', existing);
  expect(r.code, r.err).toBe(0);
  existingBefore = snapshot(existing);
  expect(Object.keys(existingBefore)).toContain('summary.csv');
});

afterAll(() => dirs.cleanup());

/** Exit 1, the expected phrases, no stack trace, nothing on stdout that claims success. */
function expectBadInput(r: { code: number; out: string; err: string }, patterns: RegExp[]): void {
  expect(r.code, `stderr: ${r.err}`).toBe(1);
  for (const p of patterns) expect(r.err).toMatch(p);
  expect(stackLines(r.err)).toEqual([]);
  expect(r.err).not.toMatch(/internal error/i);
  expect(r.err, 'zod\'s own wording, not planner words').not.toMatch(/Invalid input/);
  expect(r.out).not.toMatch(/reports written|^ok/m);
}

/** No report folder created, the existing one untouched and free of staged leftovers. */
function expectNothingWritten(newOut: string): void {
  expect(existsSync(newOut), `${newOut} should not be created`).toBe(false);
  expect(snapshot(existing)).toEqual(existingBefore);
  expect(readdirSync(existing).filter((f) => f.includes('.tmp'))).toEqual([]);
}

describe('a bad scenario file', () => {
  for (const c of fileCases) {
    it(c.name, async () => {
      const dir = dirs.make();
      for (const [name, text] of Object.entries(c.files)) writeFileSync(path.join(dir, name), text);
      const scenario = path.join(dir, c.scenario ?? Object.keys(c.files)[0]);
      const newOut = path.join(dir, 'new-reports');

      const validated = await cli('validate', scenario);
      expectBadInput(validated, c.expect);

      const toNew = await cli('run', scenario, '--out', newOut, '--calls');
      expectBadInput(toNew, c.expect);
      const toExisting = await cli('run', scenario, '--out', existing, '--calls');
      expectBadInput(toExisting, c.expect);
      expectNothingWritten(newOut);
    });
  }

  it('a folder given as the scenario', async () => {
    const dir = dirs.make();
    const r = await cli('run', dir, '--out', path.join(dir, 'out'));
    expectBadInput(r, [new RegExp(path.basename(dir)), /directory/i, /expected a scenario file/i]);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('validate prints every problem, one per line, each naming the file', async () => {
    const dir = dirs.make();
    const file = path.join(dir, 'lines.yaml');
    writeFileSync(file, edit(['staff: 3', 'staff: -1'], ['calls_per_hour: 20', 'calls_per_hour: -20']));
    const r = await cli('validate', file);
    expect(r.code).toBe(1);
    const lines = r.err.split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines) expect(l.startsWith(file)).toBe(true);
    expect(r.err).toMatch(/contacts\.101\.arrivals\.calls_per_hour: must be >= 0/);
  });
});

describe('a scenario that cannot be simulated', () => {
  // (validate printed nothing for it, and the run aborted pointing to "the warnings of validate")
  it('the run points to warnings that validate does print, and prints them itself first', async () => {
    const dir = dirs.make();
    const scenario = path.join(dir, 'trainees.yaml');
    writeFileSync(
      scenario,
      edit(
        ['seed: 1\n', 'seed: 1\ntraining_levels:\n  trainee: { coached: true, handling_multiplier: 2 }\n'],
        ['staff: 3', 'training_mix: { trainee: 1 }\n    shifts: { all: { start: "00:00", end: "24:00", staff: 3 } }'],
        ['    patience: { exponential: { mean_seconds: 60 } }\n', ''],
      ),
    );
    const warning = `warning: ${scenario}: handlers.all.training_mix: every level in it is coached and none moves up to a level that answers alone, so nobody in this group ever answers a call`;
    const validated = await cli('validate', scenario);
    expect(validated.code, validated.err).toBe(0);
    expect(validated.err).toContain(warning);
    const out = path.join(dir, 'reports');
    const run = await cli('run', scenario, '--workers', '1', '--out', out);
    expect(run.code, run.err).toBe(1);
    expect(run.err).toMatch(/cannot be simulated as written: .*nobody answered/);
    expect(run.err).toContain(warning);
    expect(stackLines(run.err)).toEqual([]);
  });
});

describe('bad command-line options', () => {
  for (const c of optionCases) {
    it(c.name, async () => {
      const dir = dirs.make();
      const scenario = path.join(dir, 'good.yaml');
      writeFileSync(scenario, GOOD);
      const newOut = path.join(dir, 'new-reports');
      const toNew = await cli('run', scenario, ...c.args, '--out', newOut);
      expectBadInput(toNew, c.expect);
      const toExisting = await cli('run', scenario, ...c.args, '--out', existing);
      expectBadInput(toExisting, c.expect);
      expectNothingWritten(newOut);
    });
  }

  it('--out naming a file, not a folder', async () => {
    const dir = dirs.make();
    const scenario = path.join(dir, 'good.yaml');
    writeFileSync(scenario, GOOD);
    const notADir = path.join(dir, 'a-file');
    writeFileSync(notADir, 'keep me');
    const r = await cli('run', scenario, '--out', notADir);
    expectBadInput(r, [/--out/, /a-file/, /expected a folder/]);
    expect(readFileSync(notADir, 'utf8')).toBe('keep me');
    expect(readdirSync(dir).sort()).toEqual(['a-file', 'good.yaml']);
  });

  it('no command, an unknown command, run without a scenario', async () => {
    expectBadInput(await cli(), [/expected a command/i]);
    expectBadInput(await cli('simulate', 'x.yaml'), [/run|validate|command/i]);
    expectBadInput(await cli('run'), [/scenario|argument/i]);
  });

  it('the good scenario used above is itself fine (so the failures are the options)', async () => {
    const dir = dirs.make();
    const scenario = path.join(dir, 'good.yaml');
    writeFileSync(scenario, GOOD);
    const r = await cli('validate', scenario);
    expect(r.code, r.err).toBe(0);
  });
});

describe('an option of another command', () => {
  // (it used to say "unknown option --workers; did you mean --workers?")
  it('validate --workers says validate has no --workers, and which commands take it', async () => {
    const dir = dirs.make();
    const scenario = path.join(dir, 'good.yaml');
    writeFileSync(scenario, GOOD);
    const r = await cli('validate', scenario, '--workers', '2');
    expectBadInput(r, [/--workers is not an option of validate/, /run, compare, sweep, staff, calibrate, uncertainty and allocate take it/, /validate takes --set/]);
    expect(r.err).not.toMatch(/did you mean --workers/);
  });

  it('a near miss of another command\'s option names that command, not a did-you-mean for this one', async () => {
    const dir = dirs.make();
    const scenario = path.join(dir, 'good.yaml');
    writeFileSync(scenario, GOOD);
    const r = await cli('validate', scenario, '--worker', '2');
    expectBadInput(r, [/unknown option --worker; validate has no such option/, /--workers is an option of run, compare, sweep, staff, calibrate, uncertainty and allocate/]);
  });

  it('merge --calls and erlang --seed name the commands that take them', async () => {
    expectBadInput(await cli('merge', 'a', 'b', '--calls'), [/--calls is not an option of merge/, /run, compare and sweep take it/, /merge takes --out/]);
    expectBadInput(await cli('erlang', '--calls-per-hour', '100', '--handling-seconds', '45', '--seed', '3'), [/--seed is not an option of erlang/]);
  });
});

// A folder on a pseudo-file system: Node's recursive mkdir looped for ever on /proc/x (it made
// the CPU spin at 100%), /sys/x and /proc failed only after simulating, as an internal error
// (exit 2). Run as a process with a time limit, so the old loop fails the test instead of hanging it.
describe.skipIf(process.platform !== 'linux')('--out where no folder can be made', () => {
  const bin = path.join(ROOT, 'dist', 'cli', 'bin.js');
  it.each([['/proc/x'], ['/sys/x']])('run --out %s exits 1 at once with a clear message', (out) => {
    const started = Date.now();
    const r = spawnSync(process.execPath, [bin, 'run', fixture('small.yaml'), '--set', 'horizon.hours=1', '--workers', '1', '--quiet', '--out', out], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.signal, 'killed by the time limit: it hung').toBeNull();
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain(`--out ${out}: `);
    expect(r.stderr).toMatch(/expected a folder the reports can be written to/);
    expect(stackLines(r.stderr)).toEqual([]);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('the check says why for a folder or its parents, and leaves no trace where a folder can be made', () => {
    for (const out of ['/proc', '/proc/x/y/z', '/sys/kernel/x']) {
      expect(outDirProblem(out), out).toMatch(new RegExp(`^--out ${out}: .*; expected a folder the reports can be written to$`));
    }
    const dir = dirs.make();
    writeFileSync(path.join(dir, 'keep'), 'me');
    expect(outDirProblem(dir)).toBeNull();
    expect(outDirProblem(path.join(dir, 'new', 'deeper'))).toBeNull();
    expect(readdirSync(dir)).toEqual(['keep']);
  });

  it('merge --out /proc/x exits 1 before reading the shards', async () => {
    expectBadInput(await cli('merge', 'no-such-shard', '--out', '/proc/x'), [/--out \/proc\/x: /, /expected a folder the reports can be written to/]);
  });
});

describe('erlang with bad figures', () => {
  it.each([
    [['--calls-per-hour', '0', '--handling-seconds', '45'], /--calls-per-hour: expected a number > 0/],
    [['--calls-per-hour', '100', '--handling-seconds', '-1'], /--handling-seconds: expected a number > 0/],
    [['--calls-per-hour', '100', '--handling-seconds', '45', '--handlers', '2.5'], /--handlers: expected a whole number >= 1/],
    [['--calls-per-hour', '100'], /handling-seconds/],
  ])('erlang %j', async (args, pattern) => {
    const r = await cli('erlang', ...args);
    expectBadInput(r, [pattern]);
  });
});

describe('a new --out folder is not created even when its parent is missing', () => {
  it('nested --out', async () => {
    const dir = dirs.make();
    const scenario = path.join(dir, 'bad.yaml');
    writeFileSync(scenario, edit(['staff: 3', 'staff: -3']));
    const out = path.join(dir, 'deep', 'er', 'reports');
    expectBadInput(await cli('run', scenario, '--out', out), [/handlers\.all\.staff/]);
    expect(existsSync(path.join(dir, 'deep'))).toBe(false);
  });
});
