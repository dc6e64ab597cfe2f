#!/usr/bin/env node
/**
 * Instructions per JavaScript function, counted by Valgrind's callgrind, for a run of Node
 * under it: a profile that repeats run after run on a noisy machine, where timings do not.
 *
 * Callgrind counts every instruction but cannot name V8's compiled code; Node's
 * `--perf-basic-prof` writes where each compiled function lies (/tmp/perf-PID.map). This joins
 * the two. Given two runs of different lengths (say 300k and 900k calls), it prints the
 * difference per call, so start-up and compiling cancel out.
 *
 *   valgrind --tool=callgrind --dump-instr=yes --callgrind-out-file=/tmp/short.out \
 *     node --single-threaded --perf-basic-prof dist/bench/bench.js --case model:300000:50
 *   (the same for 900000 into /tmp/long.out)
 *   node scripts/jit-instructions.mjs /tmp/short.out /tmp/perf-PID1.map [/tmp/long.out /tmp/perf-PID2.map 600000]
 *
 * With one pair it prints each function's instructions; with two and a count, the long run's
 * minus the short one's, divided by the count. `--events D1mr,D1mw` counts those events instead
 * of instructions (summed), from a run with `--cache-sim=yes`: cache misses by function. Add
 * `--LL=1310720,20,64` to valgrind to simulate this machine's 1.25 MB L2 as the last level, so
 * DLmr,DLmw count L2 misses (its default last level is the 48 MB L3). Functions V8 inlined are
 * counted in the function they were inlined into. Why by hand: callgrind_annotate cannot read
 * V8's map, and no maintained package joins the two.
 */
import { readFileSync } from 'node:fs';

/** Instructions by function name: JIT code named from the perf map, native code by callgrind's own name. */
function instructionsByFunction(callgrindFile, perfMapFile, events) {
  const ranges = readFileSync(perfMapFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [start, size, ...name] = line.split(' ');
      return { start: parseInt(start, 16), end: parseInt(start, 16) + parseInt(size, 16), name: name.join(' ') };
    })
    .sort((a, b) => a.start - b.start);
  const find = (addr) => {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid].start <= addr) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && addr < ranges[hi].end ? ranges[hi].name : undefined;
  };
  const names = new Map(); // callgrind's compressed names: (id) name
  const byFunction = new Map();
  let fn = '';
  let addr = 0;
  let skipNext = false;
  let columns = [0]; // the counted events' places among the cost columns
  let sawEvents = false;
  let positions = 0; // the position columns before the costs ("instr line": 2)
  for (const line of readFileSync(callgrindFile, 'utf8').split('\n')) {
    if (line.startsWith('positions:')) {
      const names = line.slice(10).trim().split(' ');
      if (!names.includes('instr')) throw new InputError(`${callgrindFile} has no instruction addresses: run callgrind with --dump-instr=yes`);
      positions = names.length;
      continue;
    }
    if (line.startsWith('events:')) {
      sawEvents = true;
      if (positions === 0) throw new InputError(`${callgrindFile} has no instruction addresses: run callgrind with --dump-instr=yes`);
      const names = line.slice(7).trim().split(' ');
      columns = events.map((e) => {
        const i = names.indexOf(e);
        if (i < 0) throw new InputError(`${callgrindFile} has no event ${e} (it has ${names.join(', ')}; cache misses need valgrind's --cache-sim=yes)`);
        return i;
      });
      continue;
    }
    if (line.startsWith('fn=')) {
      const m = /^fn=\((\d+)\)(?: (.*))?$/.exec(line);
      if (m) {
        if (m[2] !== undefined) names.set(m[1], m[2]);
        fn = names.get(m[1]) ?? `(${m[1]})`;
      } else fn = line.slice(3);
      continue;
    }
    if (line.startsWith('cfn=')) {
      const m = /^cfn=\((\d+)\) (.*)$/.exec(line); // a called function's name may be given here first
      if (m) names.set(m[1], m[2]);
      continue;
    }
    if (line.startsWith('calls=')) {
      skipNext = true; // the next cost line is the call's inclusive cost, not this function's own
      continue;
    }
    const c = line[0];
    if (!(c === '+' || c === '-' || c === '*' || (c >= '0' && c <= '9'))) continue;
    const parts = line.split(' ');
    const p = parts[0];
    if (p.startsWith('0x')) addr = parseInt(p, 16);
    else if (p[0] === '+') addr += Number(p.slice(1));
    else if (p[0] === '-') addr -= Number(p.slice(1));
    else if (p !== '*') addr = Number(p);
    if (skipNext) {
      skipNext = false;
      continue;
    }
    if (parts.length <= positions) continue; // the positions ("instr line"), then the counts
    let ir = 0;
    for (const j of columns) ir += Number(parts[positions + j] ?? 0); // trailing zero counts may be left out
    const name = find(addr) ?? `native ${fn}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ir);
  }
  if (!sawEvents) throw new InputError(`${callgrindFile} is not a callgrind output file (no events: line)`);
  return byFunction;
}

class InputError extends Error {}

function main(argv) {
  let events = ['Ir'];
  const e = argv.indexOf('--events');
  if (e >= 0) {
    events = (argv[e + 1] ?? '').split(',').filter(Boolean);
    if (events.length === 0) throw new InputError('--events expects event names, such as D1mr,D1mw');
    argv = [...argv.slice(0, e), ...argv.slice(e + 2)];
  }
  if (argv.length !== 2 && argv.length !== 5) {
    console.error('usage: jit-instructions.mjs [--events Ir|D1mr,D1mw|DLmr,DLmw...] CALLGRIND_OUT PERF_MAP [LONG_CALLGRIND_OUT LONG_PERF_MAP COUNT]');
    process.exitCode = 1;
    return;
  }
  const short = instructionsByFunction(argv[0], argv[1], events);
  let rows;
  let unit;
  if (argv.length === 5) {
    const long = instructionsByFunction(argv[2], argv[3], events);
    const count = Number(argv[4]);
    if (!(count > 0)) {
      console.error(`jit-instructions: COUNT must be a number above 0, got ${argv[4]}`);
      process.exitCode = 1;
      return;
    }
    rows = [...new Set([...short.keys(), ...long.keys()])].map((k) => [k, ((long.get(k) ?? 0) - (short.get(k) ?? 0)) / count]);
    unit = 'per unit of the difference';
  } else {
    rows = [...short];
    unit = 'in all';
  }
  rows.sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((s, [, v]) => s + v, 0);
  // code callgrind can only name by its address is compiled code the map does not list: a map from another run
  const unnamed = rows.filter(([name]) => /^native 0x[0-9a-f]+$/.test(name)).reduce((s, [, v]) => s + v, 0);
  if (!(total > 0)) throw new InputError(`no ${events.join(' + ')} counted${argv.length === 5 ? ' in the difference of the two runs' : ''}`);
  if (unnamed > 0.05 * total) {
    console.error(`jit-instructions: ${((100 * unnamed) / total).toFixed(0)}% of the counts are in code no map names: is each map from its own run (perf-PID.map, PID the run's)?`);
  }
  console.log(`${events.join(' + ')} ${unit}: ${total.toFixed(events[0] === 'Ir' ? 0 : 2)}`);
  for (const [name, v] of rows.slice(0, 40)) console.log(`${v.toFixed(events[0] === 'Ir' ? 1 : 2).padStart(12)}  ${(100 * v / total).toFixed(1).padStart(5)}%  ${name.slice(0, 110)}`);
}

try {
  main(process.argv.slice(2));
} catch (err) {
  if (err instanceof InputError) console.error(`jit-instructions: ${err.message}`);
  else if (err?.code === 'ENOENT' || err?.code === 'EISDIR') console.error(`jit-instructions: cannot read ${err.path}`);
  else throw err;
  process.exitCode = 1;
}
