/**
 * The JSON Schema editors use (`metcc-sim schema`, shipped as schema/scenario.schema.json):
 * generated from the zod definitions, it accepts every shipped scenario and fixture, both
 * the stand-alone and the `extends` form, and refuses a misspelt key; the CLI's own message
 * for a misspelt key says which key was meant.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, FIXTURES, ROOT, TempDirs } from './fixtures/harness.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

const SHIPPED = path.join(ROOT, 'schema', 'scenario.schema.json');
const yamlFiles = (dir: string) => readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f));
const SCENARIOS = [...yamlFiles(path.join(ROOT, 'scenarios')), ...yamlFiles(FIXTURES)];

async function printedSchema(): Promise<Record<string, unknown>> {
  const r = await cli('schema');
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out);
}

describe('metcc-sim schema', () => {
  it('prints the schema the package ships in schema/ (regenerate it with npm run schema)', async () => {
    expect(await printedSchema()).toEqual(JSON.parse(readFileSync(SHIPPED, 'utf8')));
  });

  it('validates every scenario in scenarios/ and test/fixtures/', async () => {
    const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(await printedSchema());
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(8);
    for (const file of SCENARIOS) {
      const ok = validate(parse(readFileSync(file, 'utf8')));
      expect(ok, `${path.relative(ROOT, file)}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
  });

  it('describes the extends form: a child holding a few keys is valid, though it would not stand alone', async () => {
    const schema = await printedSchema();
    const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
    const child = parse(readFileSync(path.join(FIXTURES, 'extends-child.yaml'), 'utf8'));
    expect(Object.keys(child).sort()).toEqual(['extends', 'handlers', 'name']);
    expect(ajv.validate(schema, child)).toBe(true);
    // the same keys without extends: horizon and contacts are missing, handlers.all.answers too
    const { extends: _parent, ...alone } = child;
    expect(ajv.validate(schema, alone)).toBe(false);
    expect(ajv.errors!.map((e) => e.message).join('; ')).toMatch(/required property 'horizon'/);
    // a key left empty removes the inherited value: valid in a child
    expect(ajv.validate(schema, { extends: 'x.yaml', contacts: { '999': { patience: null } } })).toBe(true);
  });

  it('refuses a misspelt key, in a stand-alone scenario and in a child', async () => {
    const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
    const validate = ajv.compile(await printedSchema());
    const good = parse(readFileSync(path.join(FIXTURES, 'small.yaml'), 'utf8'));
    expect(validate(good)).toBe(true);
    const typo = structuredClone(good);
    typo.contacts['999'].handling = { exponential: { mean_secnds: 45 } };
    expect(validate(typo)).toBe(false);
    expect(validate.errors!.some((e) => e.keyword === 'additionalProperties' && e.params.additionalProperty === 'mean_secnds')).toBe(true);
    expect(validate({ extends: 'x.yaml', handlers: { all: { staf: 4 } } })).toBe(false);
    expect(validate({ extends: 'x.yaml', horizon: { hours: 'many' } })).toBe(false);
  });

  it('is named by the shipped scenarios, for yaml-language-server, by a path that resolves', () => {
    for (const file of yamlFiles(path.join(ROOT, 'scenarios'))) {
      const first = readFileSync(file, 'utf8').split('\n')[0];
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(m, path.basename(file)).not.toBeNull();
      expect(path.resolve(path.dirname(file), m![1])).toBe(SHIPPED);
    }
  });
});

describe('a misspelt scenario key', () => {
  it("gets a did-you-mean in the CLI's message, with the file and key path", async () => {
    const dir = dirs.make('metcc-typo-');
    const text = readFileSync(path.join(FIXTURES, 'small.yaml'), 'utf8').replace('    handling:', '    handlng:').replace('replications:', 'replicatons:');
    const file = path.join(dir, 'typo.yaml');
    writeFileSync(file, text);
    const r = await cli('validate', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file}: contacts.999.handlng: unknown key; did you mean 'handling'?`);
    expect(r.err).toContain(`${file}: replicatons: unknown key; did you mean 'replications'?`);
  });

  it('lists the keys allowed there when none is close', async () => {
    const r = await cli('validate', path.join(FIXTURES, 'small.yaml'), '--set', 'horizon.fortnights=2');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/horizon\.fortnights: unknown key; expected one of hours, warmup_hours, days, warmup_days, start_date/);
  });
});
