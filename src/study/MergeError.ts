/** Bad input to `merge` (missing, damaged or foreign shards): exit code 1. */
export class MergeError extends Error {
  override name = 'MergeError';
}
