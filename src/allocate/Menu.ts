import type { Override, Scenario } from '../scenario/load.js';

/** One lever of the menu: what allocate may vary, in its own units (places, or a level 0..1). */
export interface MenuLever {
  name: string;
  kind: 'places' | 'level';
  /** For places: the handler group they are added to. */
  group?: string;
  min: number;
  max: number;
  step: number;
  /** The units the scenario file states (its count, or its level). */
  stated: number;
  /** For places: how the file spreads its stated places (by_places, or places by shift name). */
  statedShifts?: 'by_places' | Readonly<Record<string, number>>;
  source: string;
  description?: string;
}

/** Places by shift name of one places lever, or the file's own spread. */
export type Spread = 'by_places' | Readonly<Record<string, number>>;

/** Units of every lever (menu order), and where each places lever's places go. */
export interface Allocation {
  units: readonly number[];
  /** Per lever: for places, the spread; undefined for a level lever. */
  spreads: readonly (Spread | undefined)[];
}

/** A lever's pounds (a year) at an allocation, and the total. */
export interface Costing {
  totalGbp: number;
  leverGbp: number[];
}

/**
 * The investment menu of a scenario file as allocate sees it: its levers with their ranges,
 * the budget, and how an allocation becomes a scenario, a price and the key paths that state it.
 */
export interface Menu {
  file: string;
  levers: readonly MenuLever[];
  budgetGbp: number;
  /** The scenario with the levers at this allocation (the budget check is allocate's own). */
  scenarioOf(a: Allocation): Scenario;
  /** The key paths and values (investment.levers...) that state this allocation in the file. */
  overridesOf(a: Allocation): Override[];
  costOf(a: Allocation): Costing;
}

/** A stable text key of an allocation (places spreads with their shifts in name order). */
export function allocationKey(a: Allocation): string {
  return JSON.stringify(a.units.map((u, i) => {
    const s = a.spreads[i];
    return s === undefined || typeof s === 'string' ? [u, s ?? null] : [u, Object.entries(s).filter(([, n]) => n > 0).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))];
  }));
}
