import path from 'node:path';
import { FOLDER_NAME } from '../scenario/schema.js';

/** A name from a file or the command line that would put a folder outside the one it belongs in. */
export class UnsafeNameError extends Error {
  override name = 'UnsafeNameError';
}

/**
 * `parent/name`, checked to lie strictly inside `parent` (the folder the program owns), or an
 * UnsafeNameError naming `what` (for example "the variant's scenario name").
 */
export function childFolder(parent: string, name: string, what: string): string {
  const child = path.join(parent, name);
  const rel = path.relative(path.resolve(parent), path.resolve(child));
  if (!FOLDER_NAME.test(name) || rel === '' || rel.startsWith('..') || path.isAbsolute(rel) || rel.includes(path.sep)) {
    throw new UnsafeNameError(
      `${what} '${name}' cannot name a folder inside ${parent}; expected letters, digits, . _ - only, not starting with a dot`,
    );
  }
  return child;
}
