import { OPTIONS_OF } from './options.js';

/** Every option some command takes. */
const ALL_OPTIONS = [...new Set([...Object.values(OPTIONS_OF).flat(), 'help'])];

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** The option among `options` nearest to `name`, if within two edits. */
function nearest(name: string, options: readonly string[]): string | undefined {
  const best = options.map((k) => ({ k, d: editDistance(name, k) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= 2 ? best.k : undefined;
}

/** "run, compare and sweep" */
function listed(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The commands that take an option. */
const takers = (option: string) => Object.keys(OPTIONS_OF).filter((c) => OPTIONS_OF[c].includes(option));

/**
 * yargs' "Unknown argument: x" made to say what was expected: the option meant, or that the
 * option belongs to other commands (and which), or that none was meant.
 */
export function explainUnknown(msg: string, argv: readonly string[]): string {
  const m = /^Unknown arguments?: (.+)$/.exec(msg);
  if (!m) return msg;
  const names = m[1].split(', ');
  const kebab = (n: string) => n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  // the command is the first word that is not an option (yargs' rule); undefined if it is none of ours
  const first = argv.find((a) => !a.startsWith('-'));
  const command = first !== undefined && Object.hasOwn(OPTIONS_OF, first) ? first : undefined;
  const own = command ? [...OPTIONS_OF[command], 'help'] : ALL_OPTIONS;
  const takes = command ? `${command} takes ${own.map((o) => `--${o}`).join(', ')}` : '';
  return names
    // yargs names an unknown --foo-bar twice, also as fooBar
    .filter((name) => !(kebab(name) !== name && names.includes(kebab(name))))
    .map((name) => {
      const asOption = argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`) || a === `-${name}`);
      if (!asOption) return `unexpected argument '${name}'; expected only the options of this command (see --help)`;
      if (command && ALL_OPTIONS.includes(name)) {
        const by = takers(name);
        return `--${name} is not an option of ${command} (${listed(by)} ${by.length === 1 ? 'takes' : 'take'} it); ${takes}`;
      }
      const meant = nearest(name, own);
      if (meant) return `unknown option --${name}; did you mean --${meant}?`;
      const elsewhere = command ? nearest(name, ALL_OPTIONS) : undefined;
      if (elsewhere) return `unknown option --${name}; ${command} has no such option (--${elsewhere} is an option of ${listed(takers(elsewhere))}); ${takes}`;
      return `unknown option --${name}; expected one of the options in --help`;
    })
    .join('\n');
}
