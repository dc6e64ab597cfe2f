/** Names every JavaScript object has (as src/scenario/untrustedData.ts's RESERVED_NAMES): never set as keys. */
const RESERVED_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
const reservedMessage = (key: string) => `'${key}' is a reserved name (a property every JavaScript object has); expected another name`;

/**
 * Key paths into a parsed (raw or resolved) scenario, as `--set` names them: names joined by
 * dots, a list element by its 0-based index. Only own keys are read (names are data).
 */

/** The value at `keyPath`, or undefined where the path does not exist. */
export function getPath(root: unknown, keyPath: string): unknown {
  let node: unknown = root;
  for (const part of keyPath.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    if (Array.isArray(node)) {
      const i = Number(part);
      if (!Number.isInteger(i) || i < 0 || i >= node.length) return undefined;
      node = node[i];
    } else {
      if (!Object.hasOwn(node, part)) return undefined;
      node = (node as Record<string, unknown>)[part];
    }
  }
  return node;
}

/**
 * Set `value` at `keyPath` in `root` (changed in place), creating missing sections. Returns a
 * problem's message, or undefined when set.
 */
export function setPathIn(root: Record<string, unknown>, keyPath: string, value: unknown): string | undefined {
  const parts = keyPath.split('.');
  const reserved = parts.find((p) => RESERVED_NAMES.has(p));
  if (reserved !== undefined) return reservedMessage(reserved);
  let node: Record<string, unknown> | unknown[] = root;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const last = i === parts.length - 1;
    if (Array.isArray(node)) {
      const index = Number(part);
      if (!Number.isInteger(index) || index < 0 || index >= node.length) return `expected an index from 0 to ${node.length - 1} at ${parts.slice(0, i + 1).join('.')}`;
      if (last) {
        node[index] = value;
        return undefined;
      }
      const next: unknown = node[index];
      if (next === null || typeof next !== 'object') return `${parts.slice(0, i + 1).join('.')} holds a value, not a section or a list`;
      node = next as Record<string, unknown> | unknown[];
      continue;
    }
    if (last) {
      node[part] = value;
      return undefined;
    }
    const next = Object.hasOwn(node, part) ? node[part] : undefined;
    if (next === undefined || next === null) node[part] = {};
    else if (typeof next !== 'object') return `${parts.slice(0, i + 1).join('.')} holds a value, not a section or a list`;
    node = node[part] as Record<string, unknown> | unknown[];
  }
  return undefined;
}
