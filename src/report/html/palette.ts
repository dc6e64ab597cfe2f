/**
 * Colours of report.html's charts: they must survive colour blindness and greyscale printing.
 *
 * - Series (contact types, scenarios): the Okabe-Ito palette, safe for the common colour
 *   blindnesses, always paired with a dash pattern (SERIES_DASHES), so lines stay apart in grey.
 * - Ordered categories (answer-time bands, training levels): one sequence from dark to light
 *   (blue to pale orange), whose lightness alone orders them.
 */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#000000'] as const;
export const SERIES_DASHES: number[][] = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3], [10, 2]];

/** Dark to light, for ordered categories (first = darkest). */
export const ORDERED_COLOURS = ['#08306B', '#2171B5', '#74ADD1', '#FDAE61', '#FEE8C8'] as const;

/** A grey for context marks (handlers staffed) and target lines. */
export const CONTEXT_GREY = '#BDBDBD';
export const TARGET_COLOUR = '#000000';

/** Relative luminance (WCAG) of a #RRGGBB colour, 0 (black) to 1 (white). */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** The first n ordered colours spread over the sequence (so 3 bands use dark, middle and light). */
export function orderedColours(n: number): string[] {
  if (n <= 1) return [ORDERED_COLOURS[0]];
  return Array.from({ length: n }, (_, i) => ORDERED_COLOURS[Math.round((i * (ORDERED_COLOURS.length - 1)) / (n - 1))]);
}
