import { OPTIONS_OF } from './options.js';

/** Every option some command takes (for the did-you-mean of a mistyped option). */
const KNOWN_OPTIONS = [...new Set([...Object.values(OPTIONS_OF).flat(), 'help'])];

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** yargs' "Unknown argument: x" made to say what was expected (the option meant, or that none was). */
export function explainUnknown(msg: string, argv: readonly string[]): string {
  const m = /^Unknown arguments?: (.+)$/.exec(msg);
  if (!m) return msg;
  const names = m[1].split(', ');
  const kebab = (n: string) => n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return names
    // yargs names an unknown --foo-bar twice, also as fooBar
    .filter((name) => !(kebab(name) !== name && names.includes(kebab(name))))
    .map((name) => {
      const asOption = argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`) || a === `-${name}`);
      if (!asOption) return `unexpected argument '${name}'; expected only the options of this command (see --help)`;
      const best = KNOWN_OPTIONS.map((k) => ({ k, d: editDistance(name, k) })).sort((x, y) => x.d - y.d)[0];
      const hint = best && best.d <= 2 ? `did you mean --${best.k}?` : `expected one of the options in --help`;
      return `unknown option --${name}; ${hint}`;
    })
    .join('\n');
}
