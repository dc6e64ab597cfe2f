/**
 * Hostile or careless input (issue 13, findings 7-11): unbounded reads, absurd values,
 * YAML alias bombs, input that would be silently ignored, and JSON's gaps. Each is bad input:
 * exit 1 with the file and a key path or line, no stack trace, nothing written; or it runs
 * within the stated bounds.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, fixture, readCsv, ROOT, stackLines, TempDirs } from './fixtures/harness.js';
import { editOf, goodScenario } from './helpers/goodScenario.js';

const temp = new TempDirs();
afterAll(() => temp.cleanup());

const GOOD = goodScenario('start_date: "2022-06-01"');
const edit = (...pairs: [string, string][]): string => editOf(GOOD, ...pairs);

function write(name: string, text: string): string {
  const file = path.join(temp.make(), name);
  writeFileSync(file, text);
  return file;
}

function expectBadInput(r: { code: number; err: string }, ...patterns: RegExp[]): void {
  expect(r.code, r.err).toBe(1);
  for (const p of patterns) expect(r.err).toMatch(p);
  expect(stackLines(r.err)).toEqual([]);
}

/** The CLI in a child process with a memory cap and a time limit (a read that never ends cannot hang the suite). */
function cliProcess(...args: string[]): { code: number | null; err: string; timedOut: boolean } {
  const r = spawnSync(process.execPath, ['--max-old-space-size=200', path.join(ROOT, 'dist', 'cli', 'bin.js'), ...args], { encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, err: r.stderr, timedOut: r.error !== undefined || r.signal !== null };
}

describe('only regular files of a stated size are read', () => {
  for (const device of ['/dev/zero', '/dev/urandom']) {
    it(`extends: ${device} is refused at once`, () => {
      const child = write('child.yaml', `extends: ${device}\nname: x\n`);
      const r = cliProcess('validate', child);
      expect(r.timedOut, r.err).toBe(false);
      expect(r.code, r.err).toBe(1);
      expect(r.err).toMatch(new RegExp(`child\\.yaml: extends: ${device} is not a regular file`));
    });
  }

  it('a named pipe with no writer is refused, not waited on', () => {
    const dir = temp.make();
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    for (const [file, pattern] of [
      [fifo, /pipe\.yaml: is not a regular file/],
      [write('child.yaml', `extends: ${fifo}\nname: x\n`), /child\.yaml: extends: .*pipe\.yaml is not a regular file/],
    ] as [string, RegExp][]) {
      const r = cliProcess('validate', file);
      expect(r.timedOut, r.err).toBe(false);
      expect(r.code, r.err).toBe(1);
      expect(r.err).toMatch(pattern);
    }
  });

  it('a file over 4 MB is refused before it is parsed (a 10-million-entry hour_of_day)', async () => {
    const big = edit(['arrivals: { calls_per_hour: 100 }', `arrivals: { calls_per_hour: 100, hour_of_day: [${'1,'.repeat(2_500_000)}1] }`]);
    const file = write('big.yaml', big);
    const started = Date.now();
    expectBadInput(await cli('validate', file), /big\.yaml: is 5,000,\d+ bytes or more; expected a scenario file of at most 4 MB/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

it('extends: . (a folder) names the child file and its extends key', async () => {
  const file = write('child.yaml', 'extends: .\nname: x\n');
  expectBadInput(await cli('validate', file), /child\.yaml: extends: .* is a directory; expected a path to another scenario file/);
});

describe('YAML aliases', () => {
  it('an alias bomb is bad input with the file and line, not an internal error', async () => {
    let text = 'name: x\na0: &a0 [x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 10; i++) text += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
    expectBadInput(await cli('validate', write('bomb.yaml', text)), /bomb\.yaml: YAML aliases: line 3, column \d+: .*expected at most 100 aliases/);
  });

  it('an alias to no anchor is bad input with the line', async () => {
    expectBadInput(await cli('validate', write('alias.yaml', edit(['seed: 1', 'seed: *nowhere']))), /alias\.yaml: YAML aliases: line 2, column 7: .*nowhere/);
  });
});

describe('sane upper bounds, stated', () => {
  const cases: [string, [string, string], RegExp][] = [
    ['calls_per_hour: 1e308', ['calls_per_hour: 100', 'calls_per_hour: 1e308'], /contacts\.999\.arrivals\.calls_per_hour: must be at most 100,000/],
    ['a horizon of 1e12 hours', ['hours: 2, warmup_hours: 1', 'hours: 1e12, warmup_hours: 1'], /horizon\.hours: must be at most 87,660 hours/],
    ['a warm-up of 1e9 hours', ['hours: 2, warmup_hours: 1', 'hours: 2, warmup_hours: 1e9'], /horizon\.warmup_hours: must be at most 87,660 hours/],
    ['staff: 1e9', ['staff: 3', 'staff: 1e9'], /handlers\.all\.staff: must be at most 10,000/],
    ['replications: 1e9', ['seed: 1', 'seed: 1\nreplications: 1000000000'], /replications: must be at most 10,000/],
    ['handling of 1e300 seconds', ['mean_seconds: 45 } }\n    patience', 'mean_seconds: 1e300 } }\n    patience'], /contacts\.999\.handling\.exponential\.mean_seconds: must be at most 100,000,000 seconds/],
    ['per_year: 1e308', ['handlers:', 'major_incidents: [{ contact: "999", per_year: 1e308, extra_calls: 10, over_minutes: 60 }]\nhandlers:'], /major_incidents\.0\.per_year: must be at most 100,000/],
    ['a multiplier of 1e308', ['arrivals: { calls_per_hour: 100 }', 'arrivals: { calls_per_hour: 100, day_of_week: { mon: 1e308 } }'], /contacts\.999\.arrivals\.day_of_week\.mon: must be at most 1,000/],
    ['a year at 1-minute intervals', ['seed: 1', 'seed: 1\nreporting: { interval_minutes: 1 }'], /reporting\.interval_minutes: gives 525,600 reporting intervals; expected at most 100,000/],
  ];
  for (const [name, pair, pattern] of cases) {
    it(`${name} is bad input`, async () => {
      const text = name.includes('1-minute') ? edit(pair, ['hours: 2, warmup_hours: 1', 'hours: 8760, warmup_hours: 1']) : edit(pair);
      expectBadInput(await cli('validate', write('bound.yaml', text)), new RegExp(`bound\\.yaml: ${pattern.source}`));
    });
  }

  it('the options say their bounds too (--replications 1e9, --workers 128, --shard 0/3e9)', async () => {
    const out = path.join(temp.make(), 'out');
    for (const [args, pattern] of [
      [['--replications', '1000000000'], /--replications: expected a whole number >= 1 and <= 10000/],
      [['--replications', String(2 ** 32 + 1)], /--replications: expected a whole number >= 1 and <= 10000/],
      [['--workers', '128'], /--workers: expected a whole number >= 1 and <= 64/],
      [['--shard', '0/3000000000'], /--shard 0\/3000000000: expected i\/n with 0 <= i < n <= 10000/],
    ] as [string[], RegExp][]) {
      expectBadInput(await cli('run', fixture('small.yaml'), '--out', out, '--quiet', ...args), pattern);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('a run past the cost limit says what it would cost and is refused up front, naming --shard', async () => {
    const out = path.join(temp.make(), 'out');
    const file = write('costly.yaml', edit(['calls_per_hour: 100', 'calls_per_hour: 100000'], ['hours: 2, warmup_hours: 1', 'hours: 87660, warmup_hours: 0']));
    const started = Date.now();
    const r = await cli('run', file, '--out', out, '--replications', '2', '--quiet');
    expectBadInput(r, /costly\.yaml: would simulate about 17,\d{3},\d{3},\d{3} calls \(2 replications of about 8,\d{3},\d{3},\d{3}\), some [\d.,]+ hours of one core/, /--shard i\/n/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(existsSync(out)).toBe(false);
  });

  it('the cost estimate is the base rate over the whole clock (warm-up included), plus incidents', async () => {
    const { expectedCallsPerReplication } = await import('../src/scenario/expectedCalls.js');
    const { loadScenario } = await import('../src/scenario/load.js');
    const file = write('est.yaml', edit(['handlers:', 'major_incidents: [{ contact: "999", at_hours: 1, extra_calls: 50, over_minutes: 30 }]\nhandlers:']));
    // (100 + 20 calls an hour) x (2 + 1 hours) + 50
    expect(expectedCallsPerReplication(loadScenario(file).scenario)).toBeCloseTo(410, 9);
  });

  it('merge refuses a shard file claiming 3e9 shards, without allocating them', async () => {
    const dir = temp.make();
    const shard = path.join(dir, 's');
    const r0 = await cli('run', fixture('small.yaml'), '--out', shard, '--shard', '0/1', '--workers', '1', '--quiet', '--replications', '1', '--set', 'horizon.hours=1');
    expect(r0.code, r0.err).toBe(0);
    const s = JSON.parse(readFileSync(path.join(shard, 'shard.json'), 'utf8'));
    writeFileSync(path.join(shard, 'shard.json'), JSON.stringify({ ...s, shard: { index: 0, count: 3e9 } }));
    // its manifest would refuse the edited file first: without it (a shard of an earlier version) merge's own check must
    expectBadInput(await cli('merge', shard, '--out', path.join(dir, 'merged')), /shard\.json: changed since metcc-sim wrote it/);
    rmSync(path.join(shard, 'metcc-manifest.json'));
    expectBadInput(await cli('merge', shard, '--out', path.join(dir, 'merged')), /shard\.json: not a metcc-sim shard file/);
    expect(existsSync(path.join(dir, 'merged'))).toBe(false);
  });

  it('calls_per_hour: -0 is read as 0 (no arrivals), not a schedule at minus infinity', async () => {
    const out = path.join(temp.make(), 'out');
    const file = write('minus-zero.yaml', edit(['calls_per_hour: 20', 'calls_per_hour: -0']));
    const r = await cli('run', file, '--out', out, '--workers', '1', '--quiet');
    expect(r.code, r.err).toBe(0);
    const row = readCsv(path.join(out, 'summary.csv')).rows.find((x) => x.contact === '101')!;
    expect(row.offered).toBe('0');
    const v = await cli('validate', file, '--print');
    expect(v.out).toMatch(/calls_per_hour: 0\n/);
    expect(v.out).not.toMatch(/: -0\b/);
  });
});

describe('input that would be silently ignored is refused', () => {
  const incident = (at: string) => edit(['handlers:', `major_incidents: [{ contact: "999", ${at}, extra_calls: 10, over_minutes: 60 }]\nhandlers:`]);
  const cases: [string, string, RegExp][] = [
    ['an incident at T25:00', incident('at: "2022-06-01T25:00"'), /major_incidents\.0\.at: '2022-06-01T25:00' is not a real local date-time/],
    ['an incident on 2022-02-30', incident('at: "2022-02-30T10:00"'), /major_incidents\.0\.at: '2022-02-30T10:00' is not a real local date-time/],
    ['an incident after the horizon (at_hours)', incident('at_hours: 5'), /major_incidents\.0\.at_hours: the incident lies outside the simulated time/],
    ['an incident after the horizon (at)', incident('at: "2022-06-02T10:00"'), /major_incidents\.0\.at: the incident lies outside the simulated time/],
    ['an incident long before the warm-up', incident('at: "2021-06-01T10:00"'), /major_incidents\.0\.at: the incident lies outside the simulated time/],
    ['special day "02-30"', edit(['calls_per_hour: 100 }', 'calls_per_hour: 100, special_days: { "02-30": 2 } }']), /contacts\.999\.arrivals\.special_days\.02-30: not a day of the calendar/],
    ['special day "13-01"', edit(['calls_per_hour: 100 }', 'calls_per_hour: 100, special_days: { "13-01": 2 } }']), /contacts\.999\.arrivals\.special_days\.13-01: not a day of the calendar/],
    ['special day "2022-02-29"', edit(['calls_per_hour: 100 }', 'calls_per_hour: 100, special_days: { "2022-02-29": 2 } }']), /contacts\.999\.arrivals\.special_days\.2022-02-29: not a day of the calendar/],
  ];
  for (const [name, text, pattern] of cases) {
    it(`${name}`, async () => {
      expectBadInput(await cli('validate', write('ignored.yaml', text)), new RegExp(`ignored\\.yaml: ${pattern.source}`));
    });
  }

  it('still takes an incident inside the horizon and the special day 02-29', async () => {
    const text = edit(['calls_per_hour: 100 }', 'calls_per_hour: 100, special_days: { "02-29": 2 } }'], ['handlers:', 'major_incidents: [{ contact: "999", at: "2022-06-01T01:30", extra_calls: 10, over_minutes: 60 }]\nhandlers:']);
    const r = await cli('validate', write('fine.yaml', text));
    expect(r.code, r.err).toBe(0);
  });
});

describe('JSON scenarios', () => {
  const json = JSON.stringify({ name: 'j', horizon: { hours: 1 }, contacts: { a: { priority: 1, arrivals: { calls_per_hour: 5 }, handling: { fixed: { seconds: 5 } }, target: { answer_within_seconds: 5 } } }, handlers: { all: { answers: ['a'], staff: 1 } } }, null, 2);

  it('a key given twice is refused with its line (JSON.parse would keep the last)', async () => {
    const text = json.replace('"staff": 1', '"staff": 1,\n        "staff": 0');
    const line = text.slice(0, text.indexOf('"staff": 0')).split('\n').length;
    expectBadInput(await cli('validate', write('dup.json', text)), new RegExp(`dup\\.json: handlers\\.all\\.staff: line ${line}, column 9: key given twice`));
  });

  it('a syntax error names its line and column', async () => {
    const text = json.replace('"calls_per_hour": 5', '"calls_per_hour": ,');
    const line = text.slice(0, text.indexOf('"calls_per_hour"')).split('\n').length;
    expectBadInput(await cli('validate', write('syntax.json', text)), new RegExp(`syntax\\.json: JSON syntax error: line ${line}, column 27: value expected`));
  });

  it('a byte-order mark before the JSON is not part of it', async () => {
    const r = await cli('validate', write('bom.json', '\uFEFF' + json));
    expect(r.code, r.err).toBe(0);
  });
});

describe('every report CSV has its header row, rows or not', () => {
  it('staffing.csv when nobody answered, intervals.csv and peel.csv with a horizon of zero intervals', async () => {
    const dir = temp.make();
    const quiet = write('quiet.yaml', edit(['calls_per_hour: 100', 'calls_per_hour: 0'], ['calls_per_hour: 20', 'calls_per_hour: 0']));
    const r = await cli('run', quiet, '--out', path.join(dir, 'quiet'), '--workers', '1', '--quiet');
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(path.join(dir, 'quiet', 'staffing.csv'), 'utf8')).toMatch(/^scenario,group,shift,/);
    const tiny = write('tiny.yaml', edit(['hours: 2, warmup_hours: 1', 'hours: 1e-12, warmup_hours: 0']));
    const t = await cli('run', tiny, '--out', path.join(dir, 'tiny'), '--workers', '1', '--quiet');
    expect(t.code, t.err).toBe(0);
    for (const f of ['intervals.csv', 'peel.csv', 'staffing.csv', 'summary.csv']) {
      expect(readFileSync(path.join(dir, 'tiny', f), 'utf8'), f).toMatch(/^scenario,[a-z0-9_,]+\n/);
    }
  });
});
