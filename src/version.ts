import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The program's version, from package.json. */
export function programVersion(): string {
  if (cached === undefined) {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { version: string };
    cached = pkg.version;
  }
  return cached;
}
