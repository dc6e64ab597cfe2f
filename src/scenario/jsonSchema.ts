import { z } from 'zod';
import { scenarioSchema } from './schema.js';

/** A JSON Schema node (draft-07), as plain JSON. */
export type JsonSchema = { [key: string]: unknown };

let cached: JsonSchema | undefined;

/**
 * The scenario file's JSON Schema (draft-07), generated from the zod definitions in
 * schema.ts, so the editor's checks and the loader's can never disagree about keys.
 *
 * Two forms: a scenario that stands alone must have every required key; a scenario with
 * `extends` holds only the keys it changes (nothing is required below it, and any key may be
 * left empty, which removes the inherited value), with unknown keys still refused. Lists
 * replace the inherited list whole, so their items are checked in full. What JSON Schema
 * cannot say (shares that add up to 1, exactly one of calls_per_hour / calls_per_day /
 * calls_per_year, cross-references between contact types) is left to `metcc-sim validate`.
 *
 * @example
 *   const schema = scenarioJsonSchema();
 *   new Ajv().validate(schema, parsedYaml); // false for a misspelt key
 */
export function scenarioJsonSchema(): JsonSchema {
  if (cached) return cached;
  const full = z.toJSONSchema(scenarioSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete full.$schema;
  const extending = partial(full);
  extending.required = ['extends'];
  cached = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'metcc-sim scenario',
    description:
      'A metcc-sim scenario file (YAML or JSON). With `extends`, the file holds only what it changes from the scenario it names; ' +
      'a key left empty removes the inherited value. Generated from the program by `metcc-sim schema`.',
    definitions: { scenario: full, extending_scenario: extending },
    if: { type: 'object', required: ['extends'] },
    then: { $ref: '#/definitions/extending_scenario' },
    else: { $ref: '#/definitions/scenario' },
  };
  return cached;
}

const orEmpty = (node: unknown): JsonSchema => ({ anyOf: [partial(node), { type: 'null' }] });

/** The same schema with nothing required in any section and every key allowed to be empty (null). */
function partial(node: unknown): JsonSchema {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return node as JsonSchema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node as JsonSchema)) {
    if (key === 'required') continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as JsonSchema).map(([k, v]) => [k, orEmpty(v)]));
    } else if (key === 'additionalProperties' && typeof value === 'object') {
      out.additionalProperties = orEmpty(value);
    } else if (key === 'anyOf' || key === 'oneOf' || key === 'allOf') {
      out[key] = (value as unknown[]).map(partial);
    } else {
      out[key] = value; // items (a list replaces the inherited one whole), types, bounds, patterns
    }
  }
  return out;
}

/**
 * The keys a section of a scenario may hold, found by its key path (`contacts.999.handling`),
 * or [] where the section's keys are free names (contact types, groups) or the path is unknown.
 */
export function keysAt(path: readonly (string | number)[]): string[] {
  let node: JsonSchema | undefined = (scenarioJsonSchema().definitions as JsonSchema).scenario as JsonSchema;
  for (const part of path) {
    node = objectBranch(node);
    if (!node) return [];
    const props = node.properties as Record<string, JsonSchema> | undefined;
    if (typeof part === 'string' && props?.[part]) node = props[part];
    else if (typeof node.additionalProperties === 'object') node = node.additionalProperties as JsonSchema;
    else if (typeof node.items === 'object') node = node.items as JsonSchema;
    else return [];
  }
  node = objectBranch(node);
  return node?.properties ? Object.keys(node.properties as JsonSchema) : [];
}

/** The node itself, or the first branch of a union that is a section of keys. */
function objectBranch(node: JsonSchema | undefined): JsonSchema | undefined {
  if (!node) return undefined;
  if (node.properties || node.additionalProperties || node.items) return node;
  const branches = (node.anyOf ?? node.oneOf) as JsonSchema[] | undefined;
  return branches?.find((b) => b.properties || typeof b.additionalProperties === 'object');
}
