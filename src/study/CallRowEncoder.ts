import type { CallRecord } from '../model/records.js';
import { fmt } from '../report/format.js';
import { csvFieldBytes } from './csvFieldBytes.js';

const COMMA = 44;
const NEWLINE = 10;
const POINT = 46;
const ZERO = 48;
const HASH = 35;
const QUOTE = 34;
/** The most a row's nine numbers (at most 32 characters each, even as exponents) and its separators take. */
const NUMBERS_BYTES = 9 * 32 + 32;
/** At most this many distinct names are cached (names come from the scenario; this only bounds memory). */
const MAX_CACHED = 10_000;
/** Chunks kept for reuse (more than the output's queue holds are not needed). */
const MAX_SPARE = 8;

/**
 * calls.csv rows written as bytes straight into a reused chunk: the same bytes as `callRow`
 * through fast-csv (fields quoted as `csvFieldBytes` says, numbers as `fmt(x, 3)`), about five
 * times as fast, with no string per field. Why by hand: fast-csv makes a string per field and
 * per row; no maintained library writes CSV from numbers into a byte buffer.
 *
 * Full chunks go to `emit`, which owns them until it gives them back with `recycle` (once
 * written), so a long log reuses a few chunks instead of leaving the garbage collector a
 * megabyte per chunk. Where a chunk ends depends only on the bytes written, never on timing.
 *
 * @example
 *   const enc = new CallRowEncoder(shape.grades, shape.levels, (chunk) => out.write(chunk));
 *   enc.row(call); ...; enc.flush();
 */
export class CallRowEncoder {
  private buf: Buffer;
  private pos = 0;
  private readonly names = new Map<string, Buffer>();
  private readonly callers = new Map<string, { prefix: Buffer; quoted: boolean }>();
  private readonly grades: Buffer[];
  private readonly levels: Buffer[];
  /** Chunks given back, to be filled again; and the memory of every chunk this encoder made (only those are reused). */
  private readonly spare: Buffer[] = [];
  private readonly own = new WeakSet<ArrayBufferLike>();
  /** Rows written so far. */
  rows = 0;

  constructor(
    grades: readonly string[],
    levels: readonly string[],
    private readonly emit: (chunk: Buffer) => void,
    private readonly chunkBytes = 1 << 20,
  ) {
    if (chunkBytes < 2048) throw new Error(`CallRowEncoder: chunk of ${chunkBytes} bytes, expected at least 2048`);
    this.buf = this.newChunk();
    this.grades = grades.map(csvFieldBytes);
    this.levels = levels.map(csvFieldBytes);
  }

  /** Append one row (columns as CALLS_HEADERS). */
  row(c: CallRecord): void {
    const contact = this.name(c.contact);
    const outcome = this.name(c.outcome);
    const group = this.name(c.handlerGroup);
    const source = this.name(c.source);
    const shift = this.name(c.shift);
    const caller = this.caller(c.origin);
    const trueGrade = c.trueGrade >= 0 ? this.grades[c.trueGrade] : undefined;
    const assignedGrade = c.assignedGrade >= 0 ? this.grades[c.assignedGrade] : undefined;
    const level = c.handlerLevel >= 0 ? this.levels[c.handlerLevel] : undefined;
    // the most this row can take: its names, and NUMBERS_BYTES for the numbers and separators
    const most =
      NUMBERS_BYTES + contact.length + outcome.length + group.length + source.length + shift.length + caller.prefix.length +
      (trueGrade?.length ?? 0) + (assignedGrade?.length ?? 0) + (level?.length ?? 0);
    if (this.pos + most > this.buf.length) {
      this.flush();
      if (most > this.buf.length) return this.oversized(c, most);
    }
    const b = this.buf;
    this.uint(c.replication);
    b[this.pos++] = COMMA;
    this.uint(c.callId);
    b[this.pos++] = COMMA;
    this.put(contact);
    b[this.pos++] = COMMA;
    this.fixed3(c.arrivedAt);
    b[this.pos++] = COMMA;
    this.fixed3(c.answeredAt);
    b[this.pos++] = COMMA;
    this.fixed3(c.endedAt);
    b[this.pos++] = COMMA;
    this.put(outcome);
    b[this.pos++] = COMMA;
    this.fixed3(c.waitSeconds);
    b[this.pos++] = COMMA;
    this.put(group);
    b[this.pos++] = COMMA;
    b[this.pos++] = c.counted ? ZERO + 1 : ZERO;
    b[this.pos++] = COMMA;
    this.put(source);
    b[this.pos++] = COMMA;
    if (c.redialOf >= 0) this.uint(c.redialOf);
    b[this.pos++] = COMMA;
    if (trueGrade) this.put(trueGrade);
    b[this.pos++] = COMMA;
    if (assignedGrade) this.put(assignedGrade);
    b[this.pos++] = COMMA;
    if (level) this.put(level);
    b[this.pos++] = COMMA;
    this.put(shift);
    b[this.pos++] = COMMA;
    this.put(caller.prefix);
    this.uint(c.serial);
    if (caller.quoted) b[this.pos++] = QUOTE;
    b[this.pos++] = COMMA;
    this.uint(c.attempt);
    b[this.pos++] = NEWLINE;
    this.rows++;
  }

  /** A row longer than a chunk (names of megabytes): written into a chunk of its own size, sent alone. */
  private oversized(c: CallRecord, most: number): void {
    const chunk = this.buf;
    this.buf = Buffer.allocUnsafeSlow(most);
    this.row(c);
    const whole = this.buf.subarray(0, this.pos);
    this.buf = chunk;
    this.pos = 0;
    this.emit(whole);
  }

  /** Hand what is written so far to `emit` (nothing if empty) and start a new chunk. */
  flush(): void {
    if (this.pos === 0) return;
    const full = this.buf.subarray(0, this.pos);
    this.buf = this.spare.pop() ?? this.newChunk();
    this.pos = 0;
    this.emit(full);
  }

  /** A chunk `emit` was given is written and may be filled again. */
  recycle(chunk: Buffer): void {
    if (this.own.has(chunk.buffer) && this.spare.length < MAX_SPARE) this.spare.push(Buffer.from(chunk.buffer, 0, this.chunkBytes));
  }

  /** A chunk of its own memory (never a slice of Node's shared pool, so it can be reused). */
  private newChunk(): Buffer {
    const b = Buffer.allocUnsafeSlow(this.chunkBytes);
    this.own.add(b.buffer);
    return b;
  }

  private name(s: string): Buffer {
    let bytes = this.names.get(s);
    if (bytes === undefined) {
      bytes = csvFieldBytes(s);
      if (this.names.size < MAX_CACHED) this.names.set(s, bytes);
    }
    return bytes;
  }

  /** The caller field is `origin#serial`, quoted as a whole when the origin needs it: its bytes up to the serial. */
  private caller(origin: string): { prefix: Buffer; quoted: boolean } {
    let c = this.callers.get(origin);
    if (c === undefined) {
      const field = csvFieldBytes(origin + '#');
      const quoted = field[0] === QUOTE;
      c = { prefix: quoted ? field.subarray(0, field.length - 1) : field, quoted };
      if (this.callers.size < MAX_CACHED) this.callers.set(origin, c);
    }
    return c;
  }

  /** Copy bytes in (`row` has made room). */
  private put(bytes: Buffer): void {
    const n = bytes.length;
    const b = this.buf;
    let p = this.pos;
    if (n < 24) for (let i = 0; i < n; i++) b[p++] = bytes[i];
    else p += bytes.copy(b, p);
    this.pos = p;
  }

  /** A whole number >= 0 in decimal (anything else as String(n)). */
  private uint(n: number): void {
    if (!(n >= 0 && n <= 0xffffffff && Number.isInteger(n))) return this.text(String(n));
    const b = this.buf;
    if (n < 10) {
      b[this.pos++] = ZERO + n;
      return;
    }
    let digits = 1;
    for (let p = 10; p <= n; p *= 10) digits++;
    let at = this.pos + digits;
    this.pos = at;
    let v = n >>> 0;
    while (v >= 10) {
      const q = (v / 10) >>> 0;
      b[--at] = ZERO + (v - q * 10);
      v = q;
    }
    b[--at] = ZERO + v;
  }

  /**
   * `fmt(x, 3)` as bytes: rounded to 3 decimals as toFixed rounds (the exact binary value,
   * halves up), trailing zeros and a bare point dropped; empty for NaN. The fast path rounds
   * x * 1000; it is exact unless that product lies within 0.001 of a half (where its own
   * rounding error could matter), and those values, negatives and huge ones go through fmt.
   */
  private fixed3(x: number): void {
    if (x >= 0 && x < 1e9) {
      const scaled = x * 1000;
      const floor = Math.floor(scaled);
      const frac = scaled - floor;
      if (frac < 0.499 || frac > 0.501) {
        const n = frac > 0.5 ? floor + 1 : floor;
        const thousandths = n % 1000;
        this.uint((n - thousandths) / 1000);
        if (thousandths !== 0) {
          const b = this.buf;
          b[this.pos++] = POINT;
          const d1 = (thousandths / 100) | 0;
          const rest = thousandths - d1 * 100;
          const d2 = (rest / 10) | 0;
          const d3 = rest - d2 * 10;
          b[this.pos++] = ZERO + d1;
          if (d2 !== 0 || d3 !== 0) b[this.pos++] = ZERO + d2;
          if (d3 !== 0) b[this.pos++] = ZERO + d3;
        }
        return;
      }
    }
    this.text(fmt(x, 3));
  }

  /** ASCII text (a number's digits) within the reserved room. */
  private text(s: string): void {
    this.pos += this.buf.write(s, this.pos, 'latin1');
  }
}
