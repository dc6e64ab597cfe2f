/**
 * Analytical queueing formulas for one planning interval.
 *
 * Models (all FCFS within one handler group, Poisson arrivals, exponential handling):
 *  - Erlang B  (M/M/c/c, blocked calls lost)
 *  - Erlang C  (M/M/c, infinite patience)
 *  - Erlang A  (M/M/c+M, exponential patience; Palm 1943, Garnett-Mandelbaum-Reiman 2002)
 *  - Cobham (1954) non-preemptive priority M/M/c with identical exponential handling.
 *
 * Units: times in seconds, arrival rates in calls per hour, loads in Erlangs.
 * Internally rates are converted to "per second".
 *
 * One formula per file under erlang/; this file is their index.
 */
export { offeredLoadErlangs } from './erlang/offeredLoadErlangs.js';
export { erlangB } from './erlang/erlangB.js';
export { erlangC } from './erlang/erlangC.js';
export { erlangA, type ErlangAInput, type ErlangAMeasures } from './erlang/erlangA.js';
export type { IntervalInput } from './erlang/IntervalInput.js';
export { intervalFigures, type IntervalFigures } from './erlang/intervalFigures.js';
export { fewestHandlers } from './erlang/fewestHandlers.js';
export { priorityMeanWaits } from './erlang/priorityMeanWaits.js';
