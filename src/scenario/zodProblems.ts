import type { z } from 'zod';
import { DAYS, DISTRIBUTION_FAMILIES, GRADES, MONTHS } from './schema.js';
import { keysAt } from './jsonSchema.js';
import { unknownKeyMessage } from './didYouMean.js';
import type { Problem } from './Problem.js';

/** zod's issues as the scenario's problems, in planner words (moved from load.ts, unchanged). */

/** Sections whose keys come from a fixed list: an unknown key there names the list. */
const NAMED_KEYS: Record<string, readonly string[]> = {
  day_of_week: DAYS,
  hour_of_day_on: DAYS,
  month_of_year: MONTHS,
  grades: GRADES,
  handling_by_grade: GRADES,
};

export function zodProblems(error: z.ZodError): Problem[] {
  const out: Problem[] = [];
  for (const issue of error.issues) {
    const p = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const custom = issue.message.startsWith('unknown distribution family');
      const last = issue.path[issue.path.length - 1];
      const expected = typeof last === 'string' ? NAMED_KEYS[last] : undefined;
      for (const key of issue.keys) {
        const message = custom
          ? unknownKeyMessage(key, DISTRIBUTION_FAMILIES, 'unknown distribution family')
          : unknownKeyMessage(key, expected ?? keysAt(issue.path as (string | number)[]));
        out.push({ path: p ? `${p}.${key}` : key, message });
      }
    } else if (issue.code === 'invalid_type' && issue.input === undefined) {
      out.push({ path: p, message: 'required key is missing' });
    } else if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
      // zod's own wording ("Invalid input: expected object, received number"): say it in planner words
      out.push({ path: p, message: `expected ${expectedWords(issue.expected)}, got ${inputWords(issue.input)}` });
    } else if (issue.code === 'invalid_union') {
      out.push({ path: p, message: issue.message });
    } else {
      out.push({ path: p, message: issue.message });
    }
  }
  return out;
}

function expectedWords(expected: string): string {
  const words: Record<string, string> = {
    object: 'a section of keys (key: value)',
    array: 'a list',
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
  };
  return words[expected] ?? expected;
}

function inputWords(input: unknown): string {
  if (input === null) return 'an empty value';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'string') return `the text ${JSON.stringify(input.length > 40 ? input.slice(0, 40) + '...' : input)}`;
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  if (typeof input === 'object') return 'a section of keys';
  return typeof input;
}

