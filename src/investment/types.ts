/**
 * The plain data the investment code reads and returns. src/investment/ sits below
 * src/scenario/ (which loads a scenario and applies its investment), so it names the parts
 * of a scenario it reads structurally here instead of importing the scenario's types; the
 * zod schema (src/scenario/investmentSchema.ts) gives values of these shapes.
 */

/** A problem with the key path it is about (as src/scenario/Problem.ts). */
export interface KeyProblem {
  path: string;
  message: string;
}

/** planning.costs: the loaded cost of an FTE, every number with its source. */
export interface FteCosts {
  pay: { pounds_per_fte_year: number; source: string };
  allowances?: Record<string, { pct_of_pay: number; source: string } | { pounds_per_fte_year: number; source: string }>;
  on_costs?: { pct: number; source: string };
}

/** What the investment code reads of a resolved scenario (src/scenario/resolve.ts's Scenario is one). */
export interface ScenarioView {
  handlers: Record<
    string,
    {
      answers: string[];
      shifts?: Record<string, { start: string; end: string; staff: number; days: readonly string[] }>;
      shrinkage_pct?: number;
      attrition_pct_per_year?: number;
      vacancy_weeks?: number;
      intakes?: readonly unknown[];
    }
  >;
  training_levels: Record<string, unknown>;
  planning?: { contracted_hours_per_week?: number; costs?: FteCosts };
}

export interface LeverRange {
  min: number;
  max: number;
  step?: number;
}

/** `places:` extra rostered places in one handler group (investmentSchema.ts). */
export interface PlacesEffect {
  group: string;
  count: number;
  range?: LeverRange;
  shifts: 'by_places' | Record<string, number>;
  level?: string;
}

export type LeverCostSpec = { fte: number; basis: string } | { gbp: number; basis: string };

export interface LeverSpec {
  description?: string;
  source: string;
  places?: PlacesEffect;
  set?: Record<string, unknown>;
  level?: number;
  range?: LeverRange;
  cost?: LeverCostSpec;
}

export interface InvestmentSpec {
  budget_gbp: number;
  budget_source?: string;
  levers: Record<string, LeverSpec>;
}

export interface OtherChangeSpec {
  description?: string;
  source: string;
  places?: Omit<PlacesEffect, 'range'>;
  set?: Record<string, unknown>;
}

export type OtherChangesSpec = Record<string, OtherChangeSpec>;
