/**
 * One CSV field as UTF-8 bytes, quoted exactly as fast-csv's formatter quotes it (the bytes
 * calls.csv always had): NUL characters dropped; a field holding a double quote has each one
 * doubled and is wrapped in quotes; one holding a comma, `|`, CR or LF is wrapped in quotes
 * (fast-csv's escape pattern treats `|` as special too); anything else as it is.
 * The per-call writer caches these bytes for each name it meets (test/calls-writer.test.ts
 * checks them against fast-csv itself).
 *
 * @example csvFieldBytes('a,b').toString() // '"a,b"'; csvFieldBytes('9"9') // '"9""9"'
 */
export function csvFieldBytes(field: string): Buffer {
  const text = field.replace(/\0/g, '');
  if (text.includes('"')) return Buffer.from(`"${text.replace(/"/g, '""')}"`, 'utf8');
  if (/[,|\r\n]/.test(text)) return Buffer.from(`"${text}"`, 'utf8');
  return Buffer.from(text, 'utf8');
}
