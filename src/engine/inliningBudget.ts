import { setFlagsFromString } from 'node:v8';

/**
 * V8's inlining budget, raised for the simulation's loop: set once, when `simulate.ts` is loaded
 * (it imports this first), before any of the loop's functions is hot enough for TurboFan to
 * compile. Whatever loads `simulate.ts` sets it: the simulating commands, the worker, `merge`
 * and the bench's model cases, and a program that imports the library (README, "Use it from
 * TypeScript"); `--help` and `validate` do not (test/startup.test.ts). It is process-wide
 * (worker threads share it), and a value given on Node's command line is left as it is.
 *
 * TurboFan inlines a called function into its caller only while the bytecode it has already
 * inlined into that caller stays under a budget (`--max-inlined-bytecode-size-cumulative`, 920
 * bytes in Node 20's V8). The journey's verbs call one another, and the calendar calls them
 * through the event functions: with the default the budget ran out part-way, so the keyed
 * generator's finaliser, the heap's pop (the calendar was a heap then) and the call's accessors
 * were inlined in some callers and called in others (which, changed from run to run). A call not
 * inlined costs instructions of its own, boxes a double it returns, and splits its branches'
 * history from its caller's.
 *
 * Measured on Node 20.20 (README, Speed), 3,000 against the default: cachegrind, 600,000 minus
 * 200,000 calls of the heavy case, 4,690 instructions and 37.8 mispredicted branches a call
 * against 4,915-5,038 and 41.3 with 50 handlers, 4,503 and 28.4 against 5,029 and 36.1 with
 * 5,000; paired CPU, the year 0.937 of the time, 5,000 handlers over 4M calls 0.896. More
 * inlining makes TurboFan's compiles longer, which a short run does not earn back: 5,000
 * handlers over 1M calls took 1.131 of the time. A budget of 6,000 with a larger limit on each
 * callee (2,000 bytes against 460) counted fewer instructions still (4,378 with 50 handlers) and
 * made the year 0.911, but runs of 1M calls 1.09-1.17; 20,000 and 5,000 counted 4,744.
 *
 * The reports are the same bytes: inlining changes how the code runs, never what it computes.
 * V8 reads the flag each time it optimises a function, so setting it once the process runs
 * changes only the compiles that follow (Node 20 does not freeze V8's flags after start-up).
 */
const FLAG = '--max-inlined-bytecode-size-cumulative';
const INLINING_FLAG = `${FLAG}=3000`;

/** Whether Node's command line (`execArgv`) already sets the budget (V8 takes `_` for `-` too). */
export function inliningBudgetGiven(execArgv: readonly string[]): boolean {
  return execArgv.some((a) => a.replace(/_/g, '-').split('=')[0] === FLAG);
}

if (!inliningBudgetGiven(process.execArgv)) setFlagsFromString(INLINING_FLAG);
