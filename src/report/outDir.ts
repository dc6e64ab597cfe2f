import { existsSync, mkdirSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Longest folder name and path most file systems take (ext4, tmpfs; Linux's PATH_MAX). */
const MAX_NAME_BYTES = 255;
const MAX_PATH_BYTES = 4000;

/** Why the system refused to make a folder in `at`, in words. */
function refusal(err: NodeJS.ErrnoException, at: string): string {
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return `no permission to make a folder in ${at}`;
    case 'EROFS':
      return `${at} is on a read-only file system`;
    case 'ENOENT':
      return `the system refuses to make a folder in ${at}`;
    default:
      return `cannot make a folder in ${at} (${err.code ?? err.message})`;
  }
}

/**
 * Why reports cannot go into `dir` (a file stands at it or at one of its parents, the
 * system refuses to make a folder there, or, for merge, it is, lies inside or holds one of
 * the shard folders `inputs` it reads; or `dir` is empty or too long), or null. Checked before anything runs, so bad input
 * never leaves a half-made folder behind and never fails after a long simulation.
 *
 * The check makes and removes one empty folder where the first missing one would go (inside
 * `dir` if it exists): only trying tells whether a folder can be made, since permissions do
 * not say it (root may write anywhere, yet /proc takes no folders), and Node's recursive mkdir
 * loops for ever on /proc/x, so it must never be reached there.
 */
export function outDirProblem(dir: string, inputs: readonly string[] = []): string | null {
  if (dir.trim() === '') return `--out: expected a folder for the reports, got an empty value (it would mean the current folder)`;
  const target = path.resolve(dir);
  const long = target.split(path.sep).find((segment) => Buffer.byteLength(segment) > MAX_NAME_BYTES);
  if (long !== undefined || Buffer.byteLength(target) > MAX_PATH_BYTES) {
    return `--out ${dir.length > 60 ? dir.slice(0, 60) + '...' : dir}: too long; expected folder names of at most ${MAX_NAME_BYTES} bytes and a path of at most ${MAX_PATH_BYTES}`;
  }
  // merge reads `inputs` (shard folders): its reports never go into, inside or around one of them
  for (const input of inputs) {
    const from = path.resolve(input);
    const within = (a: string, b: string) => a === b || a.startsWith(b.endsWith(path.sep) ? b : b + path.sep);
    if (within(target, from) || within(from, target)) {
      return `--out ${dir}: ${target === from ? 'is' : within(target, from) ? 'lies inside' : 'holds'} the shard folder ${input} that merge reads; expected a folder apart from the shards (merge never writes into its inputs)`;
    }
  }
  let at = target;
  while (!existsSync(at)) {
    const parent = path.dirname(at);
    if (parent === at) break;
    at = parent;
  }
  if (!statSync(at).isDirectory()) {
    return at === target
      ? `--out ${dir}: expected a folder for the reports, but that is a file`
      : `--out ${dir}: ${at} is a file, so no folder can be made inside it`;
  }
  const missing = path.relative(at, target).split(path.sep)[0];
  const probe = missing ? path.join(at, missing) : path.join(at, `.metcc-probe-${process.pid}`);
  try {
    mkdirSync(probe);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return null; // made meanwhile by someone else
    return `--out ${dir}: ${refusal(err as NodeJS.ErrnoException, at)}; expected a folder the reports can be written to`;
  }
  rmdirSync(probe);
  return null;
}
