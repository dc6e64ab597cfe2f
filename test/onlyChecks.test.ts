import { describe, expect, it } from 'vitest';
import { onlyChecks } from '../src/cli/onlyChecks.js';

describe('onlyChecks: the command lines that only validate', () => {
  it('is validate, whatever options come before or after it', () => {
    expect(onlyChecks(['validate', 'x.yaml'])).toBe(true);
    expect(onlyChecks(['validate', 'x.yaml', '--set', 'seed=3'])).toBe(true);
    expect(onlyChecks(['--no-color', 'validate', 'x.yaml'])).toBe(true);
  });
  it('is no other command, nor help or version alone', () => {
    for (const argv of [['run', 'validate'], ['compare', 'a.yaml', 'b.yaml'], ['schema'], ['--help'], ['--version'], []]) {
      expect(onlyChecks(argv), argv.join(' ')).toBe(false);
    }
  });
});
