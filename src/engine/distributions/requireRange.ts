/** Parameter checks shared by the distribution constructors (RangeError naming the parameter). */

export function requireFiniteNonNegative(what: string, x: number): void {
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
    throw new RangeError(`${what} must be a finite number >= 0, got ${String(x)}`);
  }
}

export function requireFinitePositive(what: string, x: number): void {
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) {
    throw new RangeError(`${what} must be a finite number > 0, got ${String(x)}`);
  }
}
