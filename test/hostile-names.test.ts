/**
 * Hostile names (issue 13, findings 1 and 2): a scenario name never puts a folder outside the
 * one the program owns, and a name from a file or `--set` never reaches an object's prototype.
 * Each is bad input: exit 1, the file and the key path named, nothing written.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, fixture, snapshot, stackLines, TempDirs } from './fixtures/harness.js';
import { childFolder, UnsafeNameError } from '../src/report/childFolder.js';

const temp = new TempDirs();
afterAll(() => temp.cleanup());

const SMALL = readFileSync(fixture('small.yaml'), 'utf8').replace('horizon: { hours: 20, warmup_hours: 1 }', 'horizon: { hours: 1, warmup_hours: 0.1 }');

/** The small fixture (1 hour) with its name and any exact pieces of text replaced. */
function small(name: string, ...pairs: [string, string][]): string {
  let text = SMALL.replace('name: small', `name: "${name}"`);
  for (const [from, to] of pairs) {
    if (!text.includes(from)) throw new Error(`test bug: '${from}' not in small.yaml`);
    text = text.replace(from, to);
  }
  return text;
}

function expectBadInput(r: { code: number; err: string }, ...patterns: RegExp[]): void {
  expect(r.code, r.err).toBe(1);
  for (const p of patterns) expect(r.err).toMatch(p);
  expect(stackLines(r.err)).toEqual([]);
}

describe('a scenario name is one safe path segment', () => {
  for (const name of ['..', '.', '.hidden', '../up', 'a/b']) {
    it(`refuses the name '${name}'`, async () => {
      const dir = temp.make();
      writeFileSync(path.join(dir, 's.yaml'), small(name));
      const r = await cli('validate', path.join(dir, 's.yaml'));
      expectBadInput(r, /s\.yaml: name: /, /not starting with a dot/);
    });
  }

  it('still takes letters, digits and inner dots (metcc-2022.v2)', async () => {
    const dir = temp.make();
    writeFileSync(path.join(dir, 's.yaml'), small('metcc-2022.v2_a'));
    expect((await cli('validate', path.join(dir, 's.yaml'))).code).toBe(0);
  });

  it("compare: a variant named '..' writes nothing beside --out", async () => {
    const dir = temp.make();
    const parent = path.join(dir, 'parent');
    mkdirSync(parent);
    writeFileSync(path.join(parent, 'calls.csv'), 'the user\'s own file\n');
    writeFileSync(path.join(dir, 'base.yaml'), small('base'));
    writeFileSync(path.join(dir, 'up.yaml'), small('..'));
    const before = snapshot(parent);
    const r = await cli('compare', path.join(dir, 'base.yaml'), path.join(dir, 'up.yaml'), '--out', path.join(parent, 'out'), '--workers', '1', '--quiet', '--calls');
    expectBadInput(r, /up\.yaml: name: /);
    expect(snapshot(parent)).toEqual(before);
  });

  it("merge: a compare shard marker naming '..' cannot send the merged reports beside --out", async () => {
    const dir = temp.make();
    writeFileSync(path.join(dir, 'a.yaml'), small('a'));
    writeFileSync(path.join(dir, 'b.yaml'), small('b'));
    const shard = path.join(dir, 'shards', 's0');
    const made = await cli('compare', path.join(dir, 'a.yaml'), path.join(dir, 'b.yaml'), '--out', shard, '--shard', '0/1', '--workers', '1', '--quiet', '--replications', '1');
    expect(made.code, made.err).toBe(0);
    // a hostile marker: the baseline is '..', and the baseline's shard sits where '..' leads
    const marker = JSON.parse(readFileSync(path.join(shard, 'compare-shard.json'), 'utf8'));
    writeFileSync(path.join(shard, 'compare-shard.json'), JSON.stringify({ ...marker, baseline: '..' }));
    cpSync(path.join(shard, 'a'), path.join(dir, 'shards'), { recursive: true });
    const outParent = path.join(dir, 'merged');
    mkdirSync(outParent);
    // the shard's manifest refuses the edited marker first; without it (a shard of an earlier version) the name check must
    expectBadInput(await cli('merge', shard, '--out', path.join(outParent, 'out')), /compare-shard\.json: changed since metcc-sim wrote it/);
    rmSync(path.join(shard, 'metcc-manifest.json'));
    const r = await cli('merge', shard, '--out', path.join(outParent, 'out'));
    expectBadInput(r, /compare-shard\.json/, /'\.\.'/);
    expect(existsSync(path.join(outParent, 'out'))).toBe(false);
    expect(readdirSync(outParent)).toEqual([]);
  });

  it('childFolder keeps a child strictly inside its parent', () => {
    expect(childFolder('reports', 'x-1.v2', 'name')).toBe(path.join('reports', 'x-1.v2'));
    for (const bad of ['..', '.', '', '../x', 'a/..', '/etc', '.x', 'a\\b']) expect(() => childFolder('reports', bad, 'name')).toThrow(UnsafeNameError);
  });
});

describe('names that are JavaScript object properties never reach a prototype', () => {
  it('answers: [toString] is an unknown contact type, not an internal error', async () => {
    const dir = temp.make();
    writeFileSync(path.join(dir, 's.yaml'), small('s', ['answers: ["999", "101"]', 'answers: ["999", "101", toString]']));
    for (const cmd of ['validate', 'run']) {
      const r = await cli(cmd, path.join(dir, 's.yaml'), ...(cmd === 'run' ? ['--out', path.join(dir, 'out'), '--workers', '1', '--quiet'] : []));
      expectBadInput(r, /s\.yaml: handlers\.all\.answers\.2: unknown contact type 'toString'/);
    }
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  for (const key of ['__proto__', 'constructor', 'valueOf', 'hasOwnProperty']) {
    it(`a contact type named ${key} is refused by name (YAML and JSON)`, async () => {
      const dir = temp.make();
      const yaml = small('s', ['  "101":\n', `  "${key}":\n`], ['answers: ["999", "101"]', `answers: ["999", "${key}"]`]);
      writeFileSync(path.join(dir, 's.yaml'), yaml);
      expectBadInput(await cli('validate', path.join(dir, 's.yaml')), new RegExp(`s\\.yaml: contacts\\.${key}: '${key}' is a reserved name`));
      const json = JSON.stringify({ name: 's', horizon: { hours: 1 }, contacts: { [key]: { priority: 1, arrivals: { calls_per_hour: 5 }, handling: { fixed: { seconds: 5 } }, target: { answer_within_seconds: 5 } } }, handlers: { all: { answers: [key], staff: 1 } } });
      writeFileSync(path.join(dir, 's.json'), json);
      expectBadInput(await cli('validate', path.join(dir, 's.json')), new RegExp(`s\\.json: contacts\\.${key}: '${key}' is a reserved name`));
    });
  }

  it('__proto__ in an extends child injects nothing (seed, replications)', async () => {
    const dir = temp.make();
    writeFileSync(path.join(dir, 'parent.yaml'), small('parent'));
    writeFileSync(path.join(dir, 'child.yaml'), 'extends: parent.yaml\nname: child\n__proto__: { seed: 99, replications: 7 }\n');
    const r = await cli('validate', path.join(dir, 'child.yaml'));
    expectBadInput(r, /child\.yaml: __proto__: '__proto__' is a reserved name/);
    expect(r.out).not.toMatch(/seed: 99/);
  });

  it('--set __proto__.x=1 is refused and pollutes nothing', async () => {
    for (const key of ['__proto__.polluted', 'handlers.__proto__.polluted', 'constructor.prototype.polluted', 'handlers.all.shifts.toString']) {
      const r = await cli('validate', fixture('small.yaml'), '--set', `${key}=1`);
      expectBadInput(r, /small\.yaml: /, /reserved name/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('--set of a section into a list element that holds a value is bad input (handlers.all.answers.0.x=1)', async () => {
    const r = await cli('validate', fixture('small.yaml'), '--set', 'handlers.all.answers.0.x=1');
    expectBadInput(r, /small\.yaml: handlers\.all\.answers\.0: /, /holds a value/);
  });

  it('--set with a value holding a reserved key is refused', async () => {
    const r = await cli('validate', fixture('small.yaml'), '--set', 'handlers.all={__proto__: {staff: 9}, answers: ["999", "101"]}');
    expectBadInput(r, /handlers\.all\.__proto__: .*reserved name/);
  });
});

describe("names that would mix staffing.csv's cells", () => {
  it("a group or shift named with '|' is refused (group 'a|b' would read as group 'a', shift 'b')", async () => {
    const dir = temp.make();
    writeFileSync(path.join(dir, 's.yaml'), small('s', ['  all:\n', '  "a|b":\n']));
    expectBadInput(await cli('validate', path.join(dir, 's.yaml')), /s\.yaml: handlers\.a\|b: a name may not contain '\|'/);
  });
});
