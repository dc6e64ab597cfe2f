import type { Scenario } from '../scenario/load.js';

/**
 * StaffTarget: what `staff` sizes a contact type's handlers for. `within`: at least `pct`% of
 * answered calls answered within `withinSeconds` (the Home Office measure); `abandoned`: at most
 * `pct`% of offered calls abandoned.
 *
 * @example parseTarget('999=90@10s') // { contact: '999', kind: 'within', pct: 90, withinSeconds: 10 }
 */
export interface StaffTarget {
  contact: string;
  kind: 'within' | 'abandoned';
  pct: number;
  /** For `within`: the answer time, seconds. */
  withinSeconds: number;
}

/** Bad staffing targets or options: exit code 1, a message naming what was expected. */
export class StaffingError extends Error {
  override name = 'StaffingError';
}

const pctOk = (x: number) => Number.isFinite(x) && x >= 0 && x <= 100;

/** `--target 999=90@10s`: pct of answered calls within the seconds. */
export function parseTarget(text: string): StaffTarget {
  const m = /^\s*([^=]+)=([\d.]+)@([\d.]+)s?\s*$/.exec(text);
  if (!m || !pctOk(Number(m[2])) || !Number.isFinite(Number(m[3]))) {
    throw new StaffingError(`--target ${text}: expected CONTACT=PCT@SECONDSs, for example 999=90@10s (90% of answered calls within 10 s)`);
  }
  return { contact: m[1].trim(), kind: 'within', pct: Number(m[2]), withinSeconds: Number(m[3]) };
}

/** `--max-abandoned 101=10`: at most pct of offered calls abandoned. */
export function parseMaxAbandoned(text: string): StaffTarget {
  const m = /^\s*([^=]+)=([\d.]+)\s*$/.exec(text);
  if (!m || !pctOk(Number(m[2]))) throw new StaffingError(`--max-abandoned ${text}: expected CONTACT=PCT, for example 101=10`);
  return { contact: m[1].trim(), kind: 'abandoned', pct: Number(m[2]), withinSeconds: 0 };
}

/**
 * The targets to staff for: those given on the command line, else the scenario's
 * (`target.calls_pct`, `target.max_abandoned_pct`). A command-line target for
 * a contact replaces the scenario's targets of the same kind for it.
 */
export function staffTargets(scenario: Scenario, given: readonly StaffTarget[]): StaffTarget[] {
  const contacts = Object.keys(scenario.contacts);
  for (const t of given) {
    if (!contacts.includes(t.contact)) {
      throw new StaffingError(`target for '${t.contact}': unknown contact type; expected one of ${contacts.map((c) => `'${c}'`).join(', ')}`);
    }
  }
  const out: StaffTarget[] = [];
  for (const [name, c] of Object.entries(scenario.contacts)) {
    const mine = given.filter((t) => t.contact === name);
    const within = mine.filter((t) => t.kind === 'within');
    const abandoned = mine.filter((t) => t.kind === 'abandoned');
    if (within.length > 1 || abandoned.length > 1) throw new StaffingError(`'${name}': expected at most one --target and one --max-abandoned per contact type`);
    if (within.length) out.push(within[0]);
    else if (c.target.calls_pct !== undefined) {
      out.push({ contact: name, kind: 'within', pct: c.target.calls_pct, withinSeconds: c.target.answer_within_seconds });
    }
    if (abandoned.length) out.push(abandoned[0]);
    else if (c.target.max_abandoned_pct !== undefined) out.push({ contact: name, kind: 'abandoned', pct: c.target.max_abandoned_pct, withinSeconds: 0 });
  }
  if (out.length === 0) {
    throw new StaffingError(
      'no target to staff for: give --target CONTACT=PCT@SECONDSs (for example 999=90@10s) or --max-abandoned CONTACT=PCT, or set contacts.<name>.target.calls_pct in the scenario',
    );
  }
  return out;
}

/** A target in words: "999: 90% of answered calls within 10 s". */
export function describeTarget(t: StaffTarget): string {
  return t.kind === 'within' ? `${t.contact}: ${t.pct}% of answered calls within ${t.withinSeconds} s` : `${t.contact}: at most ${t.pct}% abandoned`;
}
