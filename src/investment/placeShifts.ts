import type { PlacesEffect, ScenarioView } from './types.js';
import { InvestmentError } from './InvestmentError.js';
import { spreadPlaces } from './spreadPlaces.js';

/** One shift's share of a places effect: the extra places and a place's paid hours a week. */
export interface PlacedShift {
  shift: string;
  places: number;
  /** Paid hours a week of one place on this shift: its days x its length (a shift is paid whole, as `staff` counts it). */
  paidHoursPerWeekPerPlace: number;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Paid hours a week of one place on a shift, by staff's rule (src/staffing/shiftTemplates.ts,
 * rosteredHoursPerWeek): the shift's days in the week x its length from start to end, breaks
 * and absence included (the people on a rostered place are paid for them).
 */
export function paidHoursPerWeekOfPlace(s: { start: string; end: string; days: readonly string[] }): number {
  const start = minutesOf(s.start);
  let end = minutesOf(s.end);
  if (end <= start) end += 1440;
  return (s.days.length * (end - start)) / 60;
}

/**
 * Where `count` extra places go in the base scenario's group: `by_places` spreads them in
 * proportion to the shifts' places (largest remainder); an explicit map gives them by shift
 * (at another count than the map's own sum, the map's numbers are the weights). Every shift
 * of the group is listed, in file order. `at` is the key path named in problems.
 */
export function placeShifts(effect: Omit<PlacesEffect, 'range'>, base: ScenarioView, count: number, at: string): PlacedShift[] {
  const group = Object.hasOwn(base.handlers, effect.group) ? base.handlers[effect.group] : undefined;
  if (!group) {
    throw new InvestmentError([{ path: `${at}.group`, message: `no handler group '${effect.group}'; expected one of ${Object.keys(base.handlers).join(', ')}` }]);
  }
  if (!group.shifts || Object.keys(group.shifts).length === 0) {
    throw new InvestmentError([{ path: `${at}.group`, message: `handler group '${effect.group}' has constant staff, no shifts; expected a rostered group (places are added to shifts)` }]);
  }
  const shifts = group.shifts;
  let weights: Map<string, number>;
  if (effect.shifts === 'by_places') {
    weights = new Map(Object.entries(shifts).map(([name, s]) => [name, s.staff]));
    if (count > 0 && ![...weights.values()].some((w) => w > 0)) {
      throw new InvestmentError([{ path: `${at}.shifts`, message: `handler group '${effect.group}' has no places on any shift to spread by; expected places by shift name` }]);
    }
  } else {
    const given = effect.shifts;
    const unknown = Object.keys(given).filter((n) => !Object.hasOwn(shifts, n));
    if (unknown.length) {
      throw new InvestmentError(unknown.map((n) => ({ path: `${at}.shifts.${n}`, message: `no shift '${n}' in handler group '${effect.group}'; expected one of ${Object.keys(shifts).join(', ')}` })));
    }
    const sum = Object.values(given).reduce((a, b) => a + b, 0);
    if (sum !== effect.count) {
      throw new InvestmentError([{ path: `${at}.shifts`, message: `places by shift add up to ${sum}; expected ${effect.count} (places.count)` }]);
    }
    weights = new Map(Object.keys(shifts).map((n) => [n, Object.hasOwn(given, n) ? given[n] : 0]));
  }
  const spread = count === effect.count && effect.shifts !== 'by_places' ? weights : spreadPlaces(count, weights);
  return Object.entries(shifts).map(([name, s]) => ({ shift: name, places: spread.get(name) ?? 0, paidHoursPerWeekPerPlace: paidHoursPerWeekOfPlace(s) }));
}
