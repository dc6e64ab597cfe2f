import type { Scenario } from '../scenario/load.js';
import { LIMITS } from '../scenario/schema.js';
import { expectedCallsPerReplication } from '../scenario/expectedCalls.js';
import { UsageError } from './errors.js';
import type { Io } from './Io.js';

/** One scenario of a study (a run's, either of a compare's, each point of a sweep) and the replications it runs here. */
export interface CostPart {
  scenario: Scenario;
  /** Replications this process runs of it (a shard's share). */
  runs: number;
}

/** Past this many calls a study says up front what it will cost (a few minutes of one core). */
export const NOTE_CALLS = 200_000_000;
/** Calls one core simulates in a second, about (README's benchmark): for the estimate in words. */
const CALLS_PER_CORE_SECOND = 1e6;

const fmtCount = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toPrecision(2));

/** Core time in words: "3.2 hours", "12 minutes". */
function coreTime(calls: number): string {
  const seconds = calls / CALLS_PER_CORE_SECOND;
  return seconds >= 3600 ? `${fmtCount(seconds / 3600)} hours` : `${fmtCount(Math.max(1, seconds / 60))} minutes`;
}

/**
 * What a whole study will cost, checked before any work: all its scenarios' replications
 * together (a compare's two, a sweep's every point), not one scenario's. Above
 * LIMITS.calls_per_run it is refused (UsageError naming `what`, the file and the study); above
 * NOTE_CALLS it is said on stderr, with the core time, before it starts.
 *
 * @example
 *   checkStudyCost('scenarios/x.yaml: this sweep of 12 points', parts, io, 'points');
 */
export function checkStudyCost(what: string, parts: readonly CostPart[], io?: Io, partName: 'scenarios' | 'points' = 'scenarios'): number {
  const calls = parts.reduce((sum, p) => sum + expectedCallsPerReplication(p.scenario) * p.runs, 0);
  const runs = parts.reduce((sum, p) => sum + p.runs, 0);
  const of = `${runs} replication${runs === 1 ? '' : 's'}${parts.length > 1 ? ` over ${parts.length} ${partName}` : ''} of about ${fmtCount(calls / Math.max(runs, 1))}`;
  if (calls > LIMITS.calls_per_run) {
    throw new UsageError(
      `${what} would simulate about ${fmtCount(calls)} calls (${of}), some ${coreTime(calls)} of one core at about a million calls a second; ` +
        `expected at most ${fmtCount(LIMITS.calls_per_run)} in one process: use fewer replications${partName === 'points' ? ' or points' : ''} or a shorter horizon, or split it with --shard i/n and merge`,
    );
  }
  if (calls > NOTE_CALLS) io?.err(`note: ${what} will simulate about ${fmtCount(calls)} calls (${of}): some ${coreTime(calls)} of one core, shared by the workers`);
  return calls;
}
