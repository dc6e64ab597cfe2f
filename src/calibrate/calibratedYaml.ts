import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, stringify, type Document } from 'yaml';
import type { Override, Scenario } from '../scenario/load.js';

/**
 * The text of calibrated.yaml: the scenario file as written (its comments and source tags
 * kept), with the `--set` overrides and the fitted knob values written in at their key paths,
 * and its `extends` re-pointed from `folder` (where the file goes) to the same parent. A file
 * a user can run as it is.
 *
 * @param header comment lines put at the top (what was fitted, against what)
 */
export function calibratedText(file: string, overrides: readonly Override[], folder: string, header: string): string {
  const doc = parseDocument(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { uniqueKeys: true });
  for (const o of overrides) setIn(doc, o.keyPath.split('.'), o.value);
  const parent = doc.get('extends');
  if (typeof parent === 'string' && !path.isAbsolute(parent)) {
    const target = path.resolve(path.dirname(file), parent);
    doc.set('extends', path.relative(path.resolve(folder), target).split(path.sep).join('/'));
  }
  doc.commentBefore = [header, doc.commentBefore].filter(Boolean).join('\n');
  return doc.toString({ lineWidth: 0 });
}

/** The whole resolved scenario as YAML (when the file cannot be edited in place to give it). */
export function resolvedText(scenario: Scenario, header: string): string {
  return `${header.split('\n').map((l) => `#${l}`).join('\n')}\n${stringify(scenario, { lineWidth: 0 })}`;
}

/**
 * Set a value at a key path of a YAML document, finding map keys by their text (an unquoted
 * `999:` key is a number in YAML, `"999":` a string: both are contact 999) and list elements
 * by index, making the maps that are missing.
 */
function setIn(doc: Document, parts: string[], value: unknown): void {
  let node: unknown = doc.contents;
  if (!isMap(node)) throw new Error('calibrated.yaml: the scenario is not a mapping');
  for (let i = 0; i < parts.length; i++) {
    const last = i === parts.length - 1;
    const part = parts[i];
    if (isSeq(node)) {
      const index = Number(part);
      if (last) node.set(index, doc.createNode(value));
      else {
        if (!node.get(index, true)) node.set(index, doc.createNode({}));
        node = node.get(index, true);
      }
      continue;
    }
    if (!isMap(node)) throw new Error(`calibrated.yaml: ${parts.slice(0, i).join('.')} is not a section`);
    const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === part);
    if (last) {
      if (value === null) node.delete(pair ? pair.key : part); // KEY=null removes the key, as --set does
      else if (pair && isScalar(pair.value) && (value === null || typeof value !== 'object')) pair.value.value = value; // keeps its comment
      else if (pair) pair.value = doc.createNode(value);
      else node.set(part, doc.createNode(value));
      return;
    }
    if (!pair) {
      node.set(part, doc.createNode({}));
      node = node.get(part, true);
    } else node = pair.value;
  }
}
