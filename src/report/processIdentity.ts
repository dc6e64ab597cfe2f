import { readFileSync } from 'node:fs';

/**
 * Which process wrote a temporary file, told apart from a later process that got the same id.
 *
 * A process id alone is not enough: ids are reused, and in a container every run may get the
 * same small id, so "is process 42 alive?" says nothing about whether the run 42 that left a
 * staging folder is. On Linux a process is identified by its id and its start time (clock
 * ticks since boot, field 22 of /proc/<pid>/stat): a killed run's (pid, start) never comes
 * back. Elsewhere (no /proc) only the id is known, and a reused id keeps a leftover until
 * that process ends.
 *
 * Node has no advisory file locks (flock), which would tell this across pid namespaces too; two
 * runs writing into one folder from different containers or machines at once are not
 * supported (the README says so).
 */
export interface ProcessIdentity {
  pid: number;
  /** Start time in clock ticks since boot; 0 where /proc is not there. */
  startTicks: number;
}

/** Clock ticks per second of /proc's times (USER_HZ: 100 on every Linux ABI). */
const USER_HZ = 100;

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

const HAS_PROC = statFields(process.pid) !== undefined;

/** This process. */
export const thisProcess: ProcessIdentity = { pid: process.pid, startTicks: HAS_PROC ? Number(statFields(process.pid)![19]) : 0 };

/** True when the process that wrote something as `who` has ended (its id free, reused by another process, or a zombie). */
export function processGone(who: ProcessIdentity): boolean {
  if (HAS_PROC) {
    const fields = statFields(who.pid);
    if (fields === undefined || fields[0] === 'Z') return true;
    return who.startTicks !== 0 && Number(fields[19]) !== who.startTicks;
  }
  try {
    process.kill(who.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'EPERM';
  }
}

/**
 * When process `pid` started (ms since the epoch), or undefined where /proc cannot tell: an
 * older-format leftover named only by pid whose folder is older than that process cannot be
 * that process's (its id was reused).
 */
export function processStartMs(pid: number): number | undefined {
  const fields = statFields(pid);
  if (fields === undefined) return undefined;
  try {
    const btime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    return btime ? Number(btime[1]) * 1000 + (Number(fields[19]) / USER_HZ) * 1000 : undefined;
  } catch {
    return undefined;
  }
}
