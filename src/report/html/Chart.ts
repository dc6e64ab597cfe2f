import type { VegaLiteSpec } from './renderSvg.js';
import type { Rows } from './ReportSource.js';

/** One chart of report.html: declared as a Vega-Lite specification, drawn to SVG when written. */
export interface Chart {
  /** Anchor of its section (letters, digits, '-'). */
  id: string;
  title: string;
  /** One or two sentences: what the marks are and what to look for. */
  howToRead: string;
  spec: VegaLiteSpec;
}

/** What run.json says about a scenario that the charts need. */
export interface ScenarioFacts {
  contacts: Record<string, { target: { answer_within_seconds: number; calls_pct?: number }; channel?: string }>;
  training_levels?: Record<string, { handling_multiplier: number }>;
}

/** One scenario's reports, as the charts read them. */
export interface ScenarioReports {
  name: string;
  facts: ScenarioFacts;
  summary: Rows;
  intervals: Rows;
  peel: Rows;
  handlers: Rows;
  staffing: Rows;
  waits: Rows;
}

/** A report cell as a number (null when empty). */
export function num(cell: string | undefined): number | null {
  if (cell === undefined || cell === '') return null;
  const v = Number(cell);
  return Number.isFinite(v) ? v : null;
}

/** Width of a chart that spans the page, in pixels. */
export const FULL_WIDTH = 820;

/** Contact types in report order (as summary.csv lists them), over one or more scenarios. */
export function contactsOf(reports: readonly ScenarioReports[]): string[] {
  return [...new Set(reports.flatMap((r) => r.summary.map((s) => s.contact)))];
}

/** A series colour scale: the Okabe-Ito colours in domain order. */
export function seriesScale(domain: readonly string[], colours: readonly string[]): { domain: string[]; range: string[] } {
  return { domain: [...domain], range: domain.map((_, i) => colours[i % colours.length]) };
}
