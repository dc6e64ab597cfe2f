/** Bad input to `uncertainty` or `compare --band` (the CLI prints it and exits 1, nothing written). */
export class UncertaintyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UncertaintyError';
  }
}
