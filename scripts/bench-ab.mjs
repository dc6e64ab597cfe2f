#!/usr/bin/env node
// A paired A/B of this build against another: the way every speed claim in the README's Speed
// section was measured. On a machine whose speed drifts by 20% from one minute to the next,
// figures taken one after the other mislead; here the two builds run the same case in
// alternation (which one goes first alternates too), each run in a child process of its own,
// and the ratio this / other is taken within each round. It prints every round's ratio and
// their median, and whether the two builds gave the same figures (a change meant to leave the
// reports byte-identical gives the same calls, service level and abandonment to the last digit).
//
// Usage: npm run bench:ab -- OTHER [--rounds N] [--cases heavy50,heavy5000,year] [--calls N]
//   OTHER: the root of another checkout with its dist/ built and its node_modules installed,
//   for example an older commit:
//     git worktree add /tmp/before HEAD~1 && (cd /tmp/before && npm ci)   # npm ci builds it
//     npm run bench:ab -- /tmp/before
//   Cases: heavy50 and heavy5000 are bench cases (a) and (d) (the Erlang-A heavy case with 50 or
//   5,000 handlers, --calls calls, 2M by default), year is case (b). CPU of the loop, per call.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const other = args.find((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1].startsWith('--')));
const rounds = Number(option('--rounds', '5'));
const calls = Number(option('--calls', '2000000'));
const cases = option('--cases', 'heavy50,heavy5000,year').split(',');

function fail(message) {
  console.error(`bench:ab: ${message}`);
  process.exit(1);
}
if (!other) fail('expected the root of another checkout to compare with (npm run bench:ab -- /path/to/other)');
const builds = [
  ['this', here],
  ['other', path.resolve(other)],
];
for (const [, root] of builds) {
  if (!existsSync(path.join(root, 'dist/bench/modelCases.js'))) fail(`${root}: no dist/bench/modelCases.js; build it first (npm ci, or npm run build)`);
}
if (!(Number.isInteger(rounds) && rounds >= 1)) fail(`--rounds: expected a whole number >= 1, got ${option('--rounds')}`);
if (!(Number.isInteger(calls) && calls >= 1000)) fail(`--calls: expected a whole number >= 1000, got ${option('--calls')}`);
const known = { heavy50: `modelHeavy(${calls}, 50)`, heavy5000: `modelHeavy(${calls}, 5000)`, year: 'year()' };
for (const c of cases) if (!(c in known)) fail(`--cases: unknown case ${c}; expected some of ${Object.keys(known).join(', ')}`);

/** One case by one build, in a child process: what modelCases measured. */
function runCase(root, name) {
  const url = pathToFileURL(path.join(root, 'dist/bench/modelCases.js')).href;
  const code = `const m = await import(${JSON.stringify(url)}); process.stdout.write(JSON.stringify(await m.${known[name]}));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) fail(`${name} in ${root} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// the benchmark's own median (this build's, built by `npm run bench:ab`)
const { median } = await import(pathToFileURL(path.join(here, 'dist/bench/rounds.js')).href);
const nsPerCall = (m) => (1e9 * m.loopCpuSeconds) / m.calls;
const same = (a, b) => a.calls === b.calls && a.withinTargetPct === b.withinTargetPct && a.abandonedPct === b.abandonedPct;

console.log(`paired A/B: this build (${here}) against ${builds[1][1]}; ${rounds} rounds, CPU of the loop per call, this / other within each round`);
for (const name of cases) {
  const ratios = [];
  let agree = true;
  const line = [];
  for (let k = 0; k < rounds; k++) {
    const order = k % 2 === 0 ? [0, 1] : [1, 0];
    const got = [];
    for (const b of order) got[b] = runCase(builds[b][1], name);
    agree &&= same(got[0], got[1]);
    const ratio = nsPerCall(got[0]) / nsPerCall(got[1]);
    ratios.push(ratio);
    line.push(`${nsPerCall(got[0]).toFixed(0)}/${nsPerCall(got[1]).toFixed(0)}`);
  }
  console.log(`  ${name.padEnd(10)} median ${median(ratios).toFixed(3)}   rounds (ns a call, this/other): ${line.join(' ')}   same figures: ${agree ? 'yes' : 'NO'}`);
}
