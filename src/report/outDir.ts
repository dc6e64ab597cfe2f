import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Why reports cannot go into `dir` (a file stands at it or at one of its parents), or null.
 * Checked before anything runs, so bad input never leaves a half-made folder behind.
 */
export function outDirProblem(dir: string): string | null {
  let at = path.resolve(dir);
  for (;;) {
    if (existsSync(at)) {
      if (statSync(at).isDirectory()) return null;
      return at === path.resolve(dir)
        ? `--out ${dir}: expected a folder for the reports, but that is a file`
        : `--out ${dir}: ${at} is a file, so no folder can be made inside it`;
    }
    const parent = path.dirname(at);
    if (parent === at) return null;
    at = parent;
  }
}
