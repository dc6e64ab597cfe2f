import { SimulationError } from '../model/SimulationError.js';
import { UnsafeNameError } from '../report/childFolder.js';
import { ScenarioError } from '../scenario/load.js';
import { MergeError } from '../study/MergeError.js';
import { UsageError } from './errors.js';
import type { Io } from './Io.js';

/**
 * Print what went wrong and return the exit code: 1 for bad input (a scenario, option or
 * shard problem, or a scenario that cannot be simulated), 2 for an internal failure (with its
 * stack under METCC_DEBUG).
 */
export function reportError(err: unknown, io: Io): number {
  if (err instanceof ScenarioError) {
    io.err(err.message);
    return 1;
  }
  if (err instanceof SimulationError) {
    io.err(`${err.file ? `${err.file}: ` : 'metcc-sim: '}the scenario cannot be simulated as written: ${err.message}`);
    return 1;
  }
  if (err instanceof MergeError || err instanceof UnsafeNameError) {
    io.err(`metcc-sim merge: ${err.message}`);
    return 1;
  }
  if (err instanceof UsageError) {
    io.err(`metcc-sim: ${err.message}\n(run 'metcc-sim --help' for the commands and options)`);
    return 1;
  }
  const e = err as Error;
  io.err(`metcc-sim: internal error: ${e?.message ?? String(err)}`);
  if (process.env.METCC_DEBUG) io.err(e?.stack ?? '');
  return 2;
}
