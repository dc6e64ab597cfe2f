/**
 * The byte-level per-call writer (issue 12, item 3) writes exactly the bytes fast-csv wrote:
 * each field quoted as fast-csv quotes it, each number as fmt(x, 3) gives it, whatever the
 * chunk size. fast-csv itself is the oracle.
 */
import { writeToString } from 'fast-csv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../src/model/records.js';
import { fmt } from '../src/report/format.js';
import { callRow } from '../src/report/reports.js';
import { CallRowEncoder } from '../src/study/CallRowEncoder.js';
import { csvFieldBytes } from '../src/study/csvFieldBytes.js';

/** What fast-csv writes for these rows (as calls.csv's rows were written: each row ends with a newline). */
async function fastCsv(rows: string[][]): Promise<Buffer> {
  return rows.length === 0 ? Buffer.alloc(0) : Buffer.from(await writeToString(rows, { includeEndRowDelimiter: true }), 'utf8');
}

/** What the encoder writes for these calls, in chunks of `chunkBytes`. */
function encoded(calls: readonly CallRecord[], grades: readonly string[], levels: readonly string[], chunkBytes: number): { bytes: Buffer; chunks: number } {
  const chunks: Buffer[] = [];
  const enc = new CallRowEncoder(grades, levels, (c) => chunks.push(c), chunkBytes);
  for (const c of calls) enc.row(c);
  enc.flush();
  return { bytes: Buffer.concat(chunks), chunks: chunks.length };
}

const GRADES = ['I', 'S', 'E', 'R', 'none'];
const LEVELS = ['new', 'lvl,2', 'x"y'];

const call = (over: Partial<CallRecord> = {}): CallRecord => ({
  replication: 0, callId: 0, contact: '999', contactIndex: 0, arrivedAt: 1.5, answeredAt: 2, endedAt: 60.25, outcome: 'answered',
  waitSeconds: 0.5, handlerGroup: 'all', counted: true, source: 'new', redialOf: -1, origin: '999', serial: 0, attempt: 0,
  baseHandlingSeconds: 1, patienceSeconds: 1, btLegSeconds: 0, trueGrade: -1, assignedGrade: -1, handlerLevel: -1, shift: '',
  ...over,
});

// names with every character fast-csv treats specially, and some it does not
const nameArb = fc.string({ unit: fc.constantFrom('a', 'Z', '9', ' ', ',', '"', '|', '\n', '\r', '\0', '#', ';', 'é', '✓', "'", '\t'), maxLength: 8 });
// seconds: ordinary values, values on and near a half of a thousandth, whole numbers, huge, negative and missing ones
const secondsArb = fc.oneof(
  fc.double({ min: 0, max: 4e7, noNaN: true }),
  fc.integer({ min: 0, max: 4e10 }).map((n) => n / 2000),
  fc.integer({ min: 0, max: 1e6 }).map((n) => n / 1000),
  fc.integer({ min: 0, max: 1e6 }).chain((n) => fc.constantFrom(n + 0.0005, n + 0.0015, n + 0.9995, n * 0.001 + 1e-12, n * 0.001 - 1e-12)),
  fc.integer({ min: 0, max: 2 ** 20 }).map((n) => n / 1024),
  fc.constantFrom(NaN, -0, 0, Infinity, -Infinity, -1.0005, -2.5, 1e9, 1e9 - 0.0005, 999_999_999.9995, 1e21, 5e-324, 0.0005, 1.0625),
);
const callArb = fc.record({
  replication: fc.nat(1000),
  callId: fc.oneof(fc.nat(), fc.constant(2 ** 32 + 5)),
  contact: fc.oneof(nameArb, fc.constantFrom('', '999', '101')),
  contactIndex: fc.oneof(fc.integer({ min: -1, max: 5 }), fc.constantFrom(255, 256, 1e6, 0.5, NaN)),
  arrivedAt: secondsArb,
  answeredAt: secondsArb,
  endedAt: secondsArb,
  outcome: fc.constantFrom('answered', 'abandoned') as fc.Arbitrary<CallRecord['outcome']>,
  waitSeconds: secondsArb,
  handlerGroup: nameArb,
  counted: fc.boolean(),
  source: fc.constantFrom('new', 'redial', 'switched', 'call_back') as fc.Arbitrary<CallRecord['source']>,
  redialOf: fc.integer({ min: -1, max: 1e7 }),
  origin: nameArb,
  serial: fc.nat(),
  attempt: fc.nat(20),
  trueGrade: fc.integer({ min: -1, max: GRADES.length - 1 }),
  assignedGrade: fc.integer({ min: -1, max: GRADES.length - 1 }),
  handlerLevel: fc.integer({ min: -1, max: LEVELS.length - 1 }),
  shift: nameArb,
}).map((r) => call(r));

describe('csvFieldBytes quotes a field as fast-csv does', () => {
  it('for any text of special and ordinary characters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(nameArb, { minLength: 1, maxLength: 50 }), async (names) => {
        const ours = Buffer.concat(names.flatMap((n) => [csvFieldBytes(n), Buffer.from('\n')]));
        expect(ours.equals(await fastCsv(names.map((n) => [n])))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('in particular a | and a NUL (quirks of fast-csv kept so that the bytes stay the same)', () => {
    expect(csvFieldBytes('a|b').toString()).toBe('"a|b"');
    expect(csvFieldBytes('a\0b').toString()).toBe('ab');
    expect(csvFieldBytes('9"9,9').toString()).toBe('"9""9,9"');
  });
});

describe('CallRowEncoder writes the rows fast-csv wrote', () => {
  it('for any calls, with names needing quotes and numbers on rounding edges, in any chunk size', async () => {
    await fc.assert(
      // 15 to 60 rows of 60 to 200 bytes: most runs cross one or more chunk ends of 2,048 or 4,096 bytes
      fc.asyncProperty(fc.array(callArb, { minLength: 15, maxLength: 60, size: 'max' }), fc.constantFrom(2048, 4096), async (calls, chunkBytes) => {
        const expected = await fastCsv(calls.map((c) => callRow(c, GRADES, LEVELS)));
        expect(encoded(calls, GRADES, LEVELS, chunkBytes).bytes.toString()).toBe(expected.toString());
      }),
      { numRuns: 300 },
    );
  });

  it('across many chunk ends (10,000 varied rows in chunks of 2,048 bytes)', async () => {
    const calls = fc.sample(callArb, { numRuns: 10_000, seed: 42 });
    const { bytes, chunks } = encoded(calls, GRADES, LEVELS, 2048);
    expect(chunks).toBeGreaterThan(300);
    expect(bytes.equals(await fastCsv(calls.map((c) => callRow(c, GRADES, LEVELS))))).toBe(true);
  });

  it('numbers: fmt(x, 3) for every thousandth and half-thousandth up to 100 s, and around a year', () => {
    const xs: number[] = [];
    for (let i = 0; i < 200_000; i += 1) xs.push(i / 2000);
    for (let i = 0; i < 20_000; i++) xs.push(31_536_000 + i / 2000, 86_400 * 400 + i * 0.0001);
    const calls = xs.map((x) => call({ arrivedAt: x }));
    const lines = encoded(calls, GRADES, LEVELS, 1 << 20).bytes.toString('latin1').split('\n');
    const wrong = xs.filter((x, i) => lines[i].split(',')[3] !== fmt(x, 3));
    expect(wrong.slice(0, 5).map((x) => [x, fmt(x, 3)])).toEqual([]);
  });

  it('whole numbers: every length from 1 to 10 digits and each side of each power of ten, as String(n)', () => {
    const ns: number[] = [];
    for (let k = 0, ten = 1; k <= 10; k++, ten *= 10) ns.push(ten - 1, ten, ten + 1, ten + 9999, 2 * ten - 1, 5 * ten + 10_001);
    ns.push(2 ** 32 - 1, 2 ** 32, 4_000_010_000, 1_000_000_000 + 9999, 123_456_789, 1_000_100_000);
    const calls = ns.map((n, i) => call({ callId: n, serial: ns[ns.length - 1 - i], redialOf: n, replication: i }));
    const lines = encoded(calls, GRADES, LEVELS, 1 << 20).bytes.toString('latin1').split('\n');
    const wrong = ns.filter((n, i) => {
      const f = lines[i].split(',');
      return f[0] !== String(i) || f[1] !== String(n) || f[11] !== String(n) || f[16] !== `999#${ns[ns.length - 1 - i]}`;
    });
    expect(wrong).toEqual([]);
  });

  it('whole numbers: every entry of the four-digit tables, alone, as the low four digits and as the middle four of ten', () => {
    const ns: number[] = [];
    // 4,100,000,000 + 10,000 i + 5 stays below 2^32 (the tables' path) for every i
    for (let i = 0; i < 10_000; i++) ns.push(i, 10_000 + i, 700_000_000 + i * 10_000, 10_000 * i + 9999, 4_100_000_000 + i * 10_000 + 5);
    const calls = ns.map((n) => call({ callId: n }));
    const lines = encoded(calls, GRADES, LEVELS, 1 << 20).bytes.toString('latin1').split('\n');
    const wrong = ns.filter((n, i) => lines[i].split(',')[1] !== String(n));
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('the contact found by its index: the same index with other names, empty names, and indexes out of range', async () => {
    const calls = [
      call({ contactIndex: 3, contact: 'x' }),
      call({ contactIndex: 1, contact: '' }),
      call({ contactIndex: 3, contact: '' }),
      call({ contactIndex: 3, contact: 'x' }),
      call({ contactIndex: 0, contact: 'y,z' }),
      call({ contactIndex: -1, contact: 'x' }),
      call({ contactIndex: 300, contact: 'w' }),
      call({ contactIndex: 1, contact: '101' }),
      call({ contactIndex: 1, contact: '' }),
    ];
    expect(encoded(calls, GRADES, LEVELS, 2048).bytes.toString()).toBe((await fastCsv(calls.map((c) => callRow(c, GRADES, LEVELS)))).toString());
  });

  it('a name longer than a chunk still comes out whole and in place', async () => {
    const long = 'x,'.repeat(3000);
    const calls = [call({ handlerGroup: long }), call({ callId: 1, shift: long }), call({ callId: 2 })];
    const { bytes, chunks } = encoded(calls, GRADES, LEVELS, 2048);
    expect(chunks).toBeGreaterThan(1);
    expect(bytes.equals(await fastCsv(calls.map((c) => callRow(c, GRADES, LEVELS))))).toBe(true);
  });

  it('past the 10,000 names it keeps (it forgets them and starts again), with grades and levels kept', async () => {
    // 7,000 origins and 6,000 shifts, met again and again: the names are forgotten more than once, and met again after
    const calls = Array.from({ length: 30_000 }, (_, i) =>
      call({ callId: i, origin: `stream-${i % 7000}`, shift: `shift,${i % 6000}`, trueGrade: i % GRADES.length, handlerLevel: i % LEVELS.length }),
    );
    const { bytes } = encoded(calls, GRADES, LEVELS, 1 << 16);
    expect(bytes.equals(await fastCsv(calls.map((c) => callRow(c, GRADES, LEVELS))))).toBe(true);
  });

  it('where chunks end depends on the bytes only', () => {
    const calls = Array.from({ length: 5000 }, (_, i) => call({ callId: i, arrivedAt: i * 1.37 }));
    const sizes = (n: number) => {
      const out: number[] = [];
      const enc = new CallRowEncoder(GRADES, LEVELS, (c) => out.push(c.length), n);
      for (const c of calls) enc.row(c);
      enc.flush();
      return out;
    };
    expect(sizes(4096)).toEqual(sizes(4096));
    expect(sizes(4096).slice(0, -1).every((s) => s > 4096 - 512 && s <= 4096)).toBe(true);
  });
});
