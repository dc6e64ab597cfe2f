import type { Position } from './pairPositions.js';

/**
 * RosterChange: what the roster does, as a stream (`Simulation.roster$`): a shift instance's
 * positions open (who is present, paired) or close, and standing staff move up a level.
 * Days are local days (0 = the first counted day; negative in the warm-up).
 */
export type RosterChange =
  | { readonly kind: 'shift-start'; readonly group: string; readonly shift: string; readonly day: number; readonly at: number; readonly positions: readonly Position[] }
  | { readonly kind: 'shift-end'; readonly group: string; readonly shift: string; readonly day: number; readonly at: number }
  | { readonly kind: 'level-up'; readonly group: string; readonly person: number; readonly level: string }
  /** A surge: the call for `extraStaff` extra handlers goes out (they open later: Surge.ts). */
  | { readonly kind: 'surge'; readonly group: string; readonly at: number; readonly extraStaff: number };
