import { parse as parseLenient, printParseErrorCode, visit, type ParseError } from 'jsonc-parser';
import type { Problem } from './Problem.js';

/**
 * A JSON scenario's value, or its problems: a syntax error with its line and column (Node's
 * JSON.parse gives at most a character position), and every key given twice in one object
 * (JSON.parse silently keeps the last; YAML files refuse duplicates, so JSON does too).
 *
 * JSON.parse decides what is valid; jsonc-parser (strict: no comments, no trailing commas)
 * only locates the errors and walks the keys, since it reports offsets and JSON.parse does not.
 */
export function parseJson(text: string): { value: unknown; problems: Problem[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const errors: ParseError[] = [];
    parseLenient(text, errors, { disallowComments: true, allowTrailingComma: false });
    // (V8's message may quote the text around the error, newlines included: one line of it)
    const message = (err as Error).message.replace(/\s+/g, ' ');
    const where = errors.length > 0 ? `${lineColumn(text, errors[0].offset)}: ` : positionOf(text, message);
    const what = errors.length > 0 ? `${words(printParseErrorCode(errors[0].error))} (${message})` : message;
    return { value: undefined, problems: [{ path: '', message: `JSON syntax error: ${where}${what}` }] };
  }
  return { value, problems: duplicateKeys(text) };
}

/** Every key given twice within one object, at the second's line. */
function duplicateKeys(text: string): Problem[] {
  const problems: Problem[] = [];
  const open: Set<string>[] = [];
  visit(text, {
    onObjectBegin: () => void open.push(new Set()),
    onObjectEnd: () => void open.pop(),
    onObjectProperty: (key, offset, _length, _line, _col, pathSupplier) => {
      const seen = open[open.length - 1];
      if (seen.has(key)) {
        const at = [...pathSupplier(), key].map(String).join('.');
        problems.push({ path: at, message: `${lineColumn(text, offset)}: key given twice; expected each key once (JSON would keep only the last)` });
      }
      seen.add(key);
    },
  });
  return problems;
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/** `line L, column C: ` from a JSON.parse message that gives a character position ('' if none). */
function positionOf(text: string, message: string): string {
  const m = /at position (\d+)/.exec(message);
  return m ? `${lineColumn(text, Number(m[1]))}: ` : '';
}

/** 'PropertyNameExpected' -> 'property name expected'. */
const words = (code: string) => code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
