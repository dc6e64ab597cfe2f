/**
 * Number formatting for the CSV reports: `.` decimals, at most `decimals` places, trailing
 * zeros dropped, empty for a value that does not exist (NaN, null). Deterministic, so the
 * same figures always give the same bytes.
 *
 * @example fmt(63.91234) // '63.9123'; fmt(NaN) // ''; fmt(12) // '12'
 */
export function fmt(value: number | null | undefined, decimals = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const s = value.toFixed(decimals);
  if (decimals === 0) return s === '-0' ? '0' : s;
  // drop trailing zeros and a bare point (toFixed always writes the point here)
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (s.charCodeAt(end - 1) === 46 /* . */) end--;
  const trimmed = end === s.length ? s : s.slice(0, end);
  return trimmed === '-0' ? '0' : trimmed;
}
