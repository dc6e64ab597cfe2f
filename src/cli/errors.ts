/** Bad input from the user: exit code 1, the message, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
