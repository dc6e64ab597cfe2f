import type { InvestmentReport } from './InvestmentReport.js';

/** A lever as allocate sees it: what it is, where the file sets it, what it may range over and what it costs there. */
export interface Lever {
  name: string;
  kind: 'places' | 'set';
  /** The file's count (places) or level (set). */
  at: number;
  /** What allocate may vary it over (places: counts; set: levels); undefined: the file gives no range. */
  range?: { min: number; max: number; step?: number };
  /** Its cost at `at`, pounds a year (from the loaded scenario's costing). */
  costGbp: number;
  source: string;
  description?: string;
}

/**
 * The levers of a scenario loaded with its investment (`loadScenario(file).investment`), in
 * file order; each one's cost is at the level it was loaded at. None without `investment:`.
 */
export function leversOf(report: InvestmentReport | undefined): Lever[] {
  return Object.entries(report?.investment?.levers ?? {}).map(([name, l]) => {
    const cost = report!.costing?.levers.find((c) => c.lever === name);
    return {
      name,
      kind: l.places ? 'places' : 'set',
      at: cost?.at ?? (l.places ? l.places.count : (l.level ?? 1)),
      ...((l.places?.range ?? l.range) ? { range: { ...(l.places?.range ?? l.range)! } } : {}),
      costGbp: cost?.costGbp ?? 0,
      source: l.source,
      ...(l.description !== undefined ? { description: l.description } : {}),
    };
  });
}
