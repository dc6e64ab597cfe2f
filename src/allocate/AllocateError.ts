/** Bad allocate input (no levers, a budget below any step, a bad objective): the command line reports it as bad input, exit 1. */
export class AllocateError extends Error {
  override name = 'AllocateError';
}
