import type { Problem } from './Problem.js';

/**
 * Keys that would reach an object's prototype or shadow its methods if data from a file
 * became object keys (`__proto__`, `constructor`, `toString`, ...). No key of the scenario
 * format is one of them, so a name like these is refused, never stored.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** The message for a reserved name used as a key. */
export const reservedMessage = (key: string) =>
  `'${key}' is a reserved name (a property every JavaScript object has); expected another name`;

/**
 * Check data read from a file (or `--set`) before anything merges or indexes it: every key
 * named like an object property is a problem (with its key path under `at`). Also reads
 * `-0` as `0` (a rate of -0 would otherwise schedule arrivals at minus infinity).
 * Walks with its own stack, so deep nesting cannot overflow the call stack.
 */
export function checkUntrusted(value: unknown, at = ''): { value: unknown; problems: Problem[] } {
  const problems: Problem[] = [];
  const root = { value };
  const stack: { holder: Record<string, unknown> | unknown[]; key: string | number; path: string }[] = [{ holder: root as Record<string, unknown>, key: 'value', path: at }];
  while (stack.length > 0) {
    const { holder, key, path } = stack.pop()!;
    const v = (holder as Record<string | number, unknown>)[key];
    if (Object.is(v, -0)) (holder as Record<string | number, unknown>)[key] = 0;
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ holder: v, key: i, path: join(path, String(i)) });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i];
      if (RESERVED_NAMES.has(k)) problems.push({ path: join(path, k), message: reservedMessage(k) });
      else stack.push({ holder: v as Record<string, unknown>, key: k, path: join(path, k) });
    }
  }
  return { value: root.value, problems };
}

const join = (at: string, key: string) => (at ? `${at}.${key}` : key);
