/**
 * TEST-ONLY. With METCC_TEST_FAULT=<stage> (or <stage>:<n>, the n-th time, from 1) in its
 * environment, the process SIGKILLs itself when it reaches that stage, so the fault tests
 * (test/faults-kill.test.ts) can kill a run, compare, sweep or merge at an exact moment:
 *   replication  a replication's result has reached the main thread (during simulation)
 *   stage        a file is about to be staged (during writing: the earlier ones are written)
 *   staged       every file is staged and the manifest written, just before the commit point
 *   commit       the commit journal is in place, before the first file is moved
 *   rename       a file has just been moved into place (others may still be staged)
 *   manifest     the manifest has been moved into place, before the journal is removed
 * Nothing sets it outside those tests; without it this does nothing.
 */
const FAULT = process.env.METCC_TEST_FAULT;
const counts = new Map<string, number>();

export function faultPoint(stage: string): void {
  if (FAULT === undefined) return;
  const [name, nth] = FAULT.split(':');
  if (name !== stage) return;
  const seen = (counts.get(stage) ?? 0) + 1;
  counts.set(stage, seen);
  if (seen === Number(nth ?? 1)) process.kill(process.pid, 'SIGKILL');
}
