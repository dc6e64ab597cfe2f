import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Set to package.json's version by the bundler (scripts/bundle.mjs); absent in tsc's output and the tests. */
declare const __METCC_SIM_VERSION__: string | undefined;

let cached: string | undefined;

/** The program's version, from package.json (read at bundle time in the bundled CLI). */
export function programVersion(): string {
  if (cached === undefined) {
    if (typeof __METCC_SIM_VERSION__ === 'string') cached = __METCC_SIM_VERSION__;
    else {
      const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { version: string };
      cached = pkg.version;
    }
  }
  return cached;
}
