import { setFlagsFromString } from 'node:v8';

/**
 * V8's inlining budget, raised for the simulation's loop: set once, when the module that runs a
 * simulation is loaded (`simulate.ts` imports this first), before any of the loop's functions is
 * hot enough for TurboFan to compile. The CLI's other commands (`--help`, `validate`) never load
 * it.
 *
 * TurboFan inlines a called function into its caller only while the bytecode it has already
 * inlined into that caller stays under a budget (`--max-inlined-bytecode-size-cumulative`, 920
 * bytes in Node 20's V8). The journey's verbs call one another, and the calendar calls them
 * through the event functions: with the default the budget ran out part-way, so the keyed
 * generator's finaliser, the heap's pop and the call's accessors were inlined in some callers and
 * called in others (which, changed from run to run). A call not inlined costs instructions of its
 * own, boxes a double it returns, and splits its branches' history from its caller's.
 *
 * Measured (README, Speed), 3,000 against the default: cachegrind, 600,000 minus 200,000 calls
 * of the heavy case, 4,690 instructions and 37.8 mispredicted branches a call against 5,038 and
 * 41.3 with 50 handlers, 4,503 and 28.4 against 5,029 and 36.1 with 5,000; paired CPU, the year
 * 0.937 of the time, 5,000 handlers over 4M calls 0.896. More inlining makes TurboFan's compiles
 * longer, which a short run does not earn back: 5,000 handlers over 1M calls took 1.131 of the
 * time. A budget of 6,000 with a larger limit on each callee (2,000 bytes against 460) counted
 * fewer instructions still, yet cost more time than this one; 20,000 and 5,000 inlined so much
 * that it gave back half the gain in instructions.
 *
 * The reports are the same bytes: inlining changes how the code runs, never what it computes.
 * V8 reads this flag whenever it compiles a function, so setting it while the process runs is
 * safe (Node's warning about `setFlagsFromString` is for flags that change the heap or the
 * runtime's state once started; this changes neither). It is process-wide: worker threads
 * share it.
 */
export const INLINING_FLAGS = '--max-inlined-bytecode-size-cumulative=3000';

setFlagsFromString(INLINING_FLAGS);
