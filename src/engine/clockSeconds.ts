/**
 * Seconds after local midnight of a clock time "HH:MM" (00:00 to 24:00).
 *
 * @example clockSeconds('07:30') // 27000
 */
export function clockSeconds(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 3600 + m * 60;
}
