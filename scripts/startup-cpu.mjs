#!/usr/bin/env node
// Start-up cost of the CLI as CPU time (user + system, all threads), not wall time: on a shared
// machine the CPU a process uses is the figure that holds. Each case runs ROUNDS times,
// interleaved with the others and with a bare `node -e 0`, and the median is printed.
// Usage: npm run bench:startup [-- ROUNDS]   (npm run build first, which the npm script does);
// BIN=path/to/bin.js measures another build of the CLI (an older checkout, say).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const rounds = Number(process.argv[2] ?? 9);
// Loaded with --import into each measured process: writes its CPU use at exit to fd 3.
const probe = `data:text/javascript,${encodeURIComponent(
  "import { writeSync } from 'node:fs'; process.on('exit', () => { const u = process.cpuUsage(); writeSync(3, JSON.stringify(u)); });",
)}`;
const bin = process.env.BIN ?? 'dist/cli/bin.js';
const cases = [
  ['bare node (node -e 0)', ['-e', '0']],
  ['metcc-sim --help', [bin, '--help']],
  ['metcc-sim --version', [bin, '--version']],
  ['metcc-sim validate <baseline>', [bin, 'validate', 'scenarios/metcc-2022-baseline.yaml']],
  ['metcc-sim run --help', [bin, 'run', '--help']],
];

function cpuMs(args) {
  const r = spawnSync(process.execPath, ['--import', probe, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const u = JSON.parse(r.output[3]);
  return (u.user + u.system) / 1000;
}

const samples = cases.map(() => []);
for (let k = 0; k < rounds; k++) cases.forEach(([, args], i) => samples[i].push(cpuMs(args)));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bare = median(samples[0]);
console.log(`start-up CPU (user+sys), median of ${rounds} interleaved runs, Node ${process.version}`);
cases.forEach(([name], i) => {
  const m = median(samples[i]);
  console.log(`${name.padEnd(32)} ${m.toFixed(0).padStart(5)} ms${i ? `  (bare node + ${(m - bare).toFixed(0)} ms)` : ''}`);
});
