import type { CallRecord } from '../model/records.js';
import { fmt } from '../report/format.js';
import { csvFieldBytes } from './csvFieldBytes.js';

const COMMA = 44;
const NEWLINE = 10;
const ZERO = 48;
const QUOTE = 34;
/**
 * The most a row's nine numbers (at most 32 characters each, even as exponents, and the up to
 * three bytes a number's last write goes past its end) and its separators take.
 */
const NUMBERS_BYTES = 9 * 32 + 32;
/** At most this many distinct names are kept (names come from the scenario; this only bounds memory). */
const MAX_NAMES = 10_000;
/** Contacts found by index below this (a scenario has a handful; this only bounds the cache's size); others by name. */
const MAX_CONTACT_INDEX = 256;
/** Chunks kept for reuse (more than the output's queue holds are not needed). */
const MAX_SPARE = 8;

/**
 * calls.csv rows written as bytes straight into a reused chunk: the same bytes as `callRow`
 * through fast-csv (fields quoted as `csvFieldBytes` says, numbers as `fmt(x, 3)`), eight times
 * as fast or so, with no string per field. Why by hand: fast-csv makes a string per field and
 * per row; no maintained library writes CSV from numbers into a byte buffer.
 *
 * Where the time goes, and what this does about it (measured on the baseline's calls):
 * - a name is copied four bytes at a time (`NameWords`: each name's bytes, and its comma, as
 *   32-bit words), through a DataView over the chunk: a byte loop cost twice as much;
 * - digits are written four at a time from tables (`LEAD`, `FULL`), and a time's thousandths,
 *   point included, in one write (`FRACTION`): two digits a write, with a division by 100 and a
 *   remainder of doubles for each pair, took some 330 instructions a time, about a third of
 *   the row (cachegrind, `--case calls:encode:ROUNDS`: 4,250 instructions a row before this and
 *   the next point, 3,492 after);
 * - the contact is found by its index, the outcome and the source 'new' by comparison: a Map
 *   lookup of a name costs some 140 instructions;
 * - the times go to `writeFixed3` through a Float64Array: a double passed as an argument to a
 *   function that is not inlined is boxed, and four a row kept the garbage collector busy.
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
  private view: DataView;
  private pos = 0;
  private readonly names = new NameWords();
  /** Name (or origin) to its number in `names`: as a field and its comma; as a caller's prefix. */
  private readonly fields = new Map<string, number>();
  private readonly callers = new Map<string, number>();
  /** The grades' and levels' numbers in `names` (kept when the names are cleared). */
  private readonly grades: Int32Array;
  private readonly levels: Int32Array;
  /** The fields 'answered', 'abandoned' and 'new' (the outcomes and the commonest source: no lookup for them). */
  private readonly answered: number;
  private readonly abandoned: number;
  private readonly firstAttempt: number;
  /** By contact index, the contact name last met there and its field (a lookup by number, checked by name). */
  private readonly contactNames: string[] = [];
  private readonly contactFields: number[] = [];
  /** The row's four times, on their way to `writeFixed3`. */
  private readonly seconds = new Float64Array(4);
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
    this.view = viewOf(this.buf);
    this.grades = Int32Array.from(grades, (g) => this.names.add(withComma(g), false));
    this.levels = Int32Array.from(levels, (l) => this.names.add(withComma(l), false));
    this.answered = this.names.add(withComma('answered'), false);
    this.abandoned = this.names.add(withComma('abandoned'), false);
    this.firstAttempt = this.names.add(withComma('new'), false);
    this.names.keepSoFar();
  }

  /** Append one row (columns as CALLS_HEADERS). */
  row(c: CallRecord): void {
    // a row adds at most six names: room for them is made before it looks any up
    if (this.names.count > MAX_NAMES) this.clearNames();
    const contact = this.contactId(c.contactIndex, c.contact);
    const o = c.outcome;
    const outcome = o === 'answered' ? this.answered : o === 'abandoned' ? this.abandoned : this.fieldId(o);
    const group = this.fieldId(c.handlerGroup);
    const s = c.source;
    const source = s === 'new' ? this.firstAttempt : this.fieldId(s);
    const shift = this.fieldId(c.shift);
    const caller = this.callerId(c.origin);
    const names = this.names;
    const trueGrade = c.trueGrade >= 0 ? this.grades[c.trueGrade] : -1;
    const assignedGrade = c.assignedGrade >= 0 ? this.grades[c.assignedGrade] : -1;
    const level = c.handlerLevel >= 0 ? this.levels[c.handlerLevel] : -1;
    // the most this row can take: its names, and NUMBERS_BYTES for the numbers and separators
    const most =
      NUMBERS_BYTES + names.bytesOf(contact) + names.bytesOf(outcome) + names.bytesOf(group) + names.bytesOf(source) +
      names.bytesOf(shift) + names.bytesOf(caller) + (trueGrade >= 0 ? names.bytesOf(trueGrade) : 0) +
      (assignedGrade >= 0 ? names.bytesOf(assignedGrade) : 0) + (level >= 0 ? names.bytesOf(level) : 0);
    if (this.pos + most > this.buf.length) {
      this.flush();
      if (most > this.buf.length) return this.oversized(c, most);
    }
    // the write position lives in a local (one load and one store of this.pos a row)
    const b = this.buf;
    const v = this.view;
    // the row's times go through a Float64Array: passed as arguments, doubles would each be boxed
    const t = this.seconds;
    t[0] = c.arrivedAt;
    t[1] = c.answeredAt;
    t[2] = c.endedAt;
    t[3] = c.waitSeconds;
    let p = writeUint(v, this.pos, c.replication);
    b[p++] = COMMA;
    p = writeUint(v, p, c.callId);
    b[p++] = COMMA;
    p = names.write(v, p, contact);
    p = writeFixed3(v, p, t, 0);
    b[p++] = COMMA;
    p = writeFixed3(v, p, t, 1);
    b[p++] = COMMA;
    p = writeFixed3(v, p, t, 2);
    b[p++] = COMMA;
    p = names.write(v, p, outcome);
    p = writeFixed3(v, p, t, 3);
    b[p++] = COMMA;
    p = names.write(v, p, group);
    b[p++] = c.counted ? ZERO + 1 : ZERO;
    b[p++] = COMMA;
    p = names.write(v, p, source);
    if (c.redialOf >= 0) p = writeUint(v, p, c.redialOf);
    b[p++] = COMMA;
    if (trueGrade >= 0) p = names.write(v, p, trueGrade);
    else b[p++] = COMMA;
    if (assignedGrade >= 0) p = names.write(v, p, assignedGrade);
    else b[p++] = COMMA;
    if (level >= 0) p = names.write(v, p, level);
    else b[p++] = COMMA;
    p = names.write(v, p, shift);
    p = names.write(v, p, caller);
    p = writeUint(v, p, c.serial);
    if (names.quoted(caller)) b[p++] = QUOTE;
    b[p++] = COMMA;
    p = writeUint(v, p, c.attempt);
    b[p++] = NEWLINE;
    this.pos = p;
    this.rows++;
  }

  /** A row longer than a chunk (names of megabytes): written into a chunk of its own size, sent alone. */
  private oversized(c: CallRecord, most: number): void {
    const chunk = this.buf;
    this.setChunk(Buffer.allocUnsafeSlow(most));
    this.row(c);
    const whole = this.buf.subarray(0, this.pos);
    this.setChunk(chunk);
    this.pos = 0;
    this.emit(whole);
  }

  /** Hand what is written so far to `emit` (nothing if empty) and start a new chunk. */
  flush(): void {
    if (this.pos === 0) return;
    const full = this.buf.subarray(0, this.pos);
    this.setChunk(this.spare.pop() ?? this.newChunk());
    this.pos = 0;
    this.emit(full);
  }

  /** A chunk `emit` was given is written and may be filled again. */
  recycle(chunk: Buffer): void {
    if (this.own.has(chunk.buffer) && this.spare.length < MAX_SPARE) this.spare.push(Buffer.from(chunk.buffer, 0, this.chunkBytes));
  }

  private setChunk(b: Buffer): void {
    this.buf = b;
    this.view = viewOf(b);
  }

  /** A chunk of its own memory (never a slice of Node's shared pool, so it can be reused). */
  private newChunk(): Buffer {
    const b = Buffer.allocUnsafeSlow(this.chunkBytes);
    this.own.add(b.buffer);
    return b;
  }

  /** Forget every name but the grades, levels, outcomes and 'new' (past MAX_NAMES: this only bounds memory). */
  private clearNames(): void {
    this.names.clear();
    this.fields.clear();
    this.callers.clear();
    this.contactNames.length = 0;
    this.contactFields.length = 0;
  }

  /** The contact's field, found by its index where that index last had the same name (a Map lookup costs several times more). */
  private contactId(index: number, name: string): number {
    if (this.contactNames[index] === name && this.contactFields[index] >= 0) return this.contactFields[index];
    const id = this.fieldId(name);
    if (index >= 0 && index < MAX_CONTACT_INDEX && Number.isInteger(index)) {
      while (this.contactNames.length <= index) {
        this.contactNames.push('');
        this.contactFields.push(-1);
      }
      this.contactNames[index] = name;
      this.contactFields[index] = id;
    }
    return id;
  }

  /** A name as a field followed by its comma. */
  private fieldId(name: string): number {
    let id = this.fields.get(name);
    if (id === undefined) {
      id = this.names.add(withComma(name), false);
      this.fields.set(name, id);
    }
    return id;
  }

  /** The caller field is `origin#serial`, quoted as a whole when the origin needs it: its bytes up to the serial. */
  private callerId(origin: string): number {
    let id = this.callers.get(origin);
    if (id === undefined) {
      const field = csvFieldBytes(origin + '#');
      const quoted = field[0] === QUOTE;
      id = this.names.add(quoted ? field.subarray(0, field.length - 1) : field, quoted);
      this.callers.set(origin, id);
    }
    return id;
  }
}

/** A name's field bytes (as fast-csv quotes it) and the comma after it. */
function withComma(name: string): Buffer {
  const field = csvFieldBytes(name);
  const out = Buffer.allocUnsafe(field.length + 1);
  field.copy(out);
  out[field.length] = COMMA;
  return out;
}

function viewOf(b: Buffer): DataView {
  return new DataView(b.buffer, b.byteOffset, b.length);
}

/**
 * Names' bytes, numbered, each as whole little-endian 32-bit words (its last one padded with
 * zeros), so that a name is written four bytes at a time. Writing one writes up to three bytes
 * past its end: the row writes over them next (every name is followed by at least four more
 * of the row's bytes, and the row's room holds them).
 */
class NameWords {
  private words = new Int32Array(1024);
  private wordsUsed = 0;
  /** Per name: its first word, its length in bytes, and 1 if it is a quoted caller prefix. */
  private start = new Int32Array(64);
  private length = new Int32Array(64);
  private quote = new Uint8Array(64);
  count = 0;
  /** `clear` goes back to this many names. */
  private kept = 0;
  private keptWords = 0;

  /** Add a name's bytes; its number. */
  add(bytes: Uint8Array, quoted: boolean): number {
    const n = bytes.length;
    const wordCount = (n + 3) >>> 2;
    if (this.wordsUsed + wordCount > this.words.length) this.words = grown(this.words, this.wordsUsed + wordCount);
    if (this.count === this.start.length) {
      this.start = grown(this.start, this.count + 1);
      this.length = grown(this.length, this.count + 1);
      this.quote = grown(this.quote, this.count + 1);
    }
    const first = this.wordsUsed;
    for (let w = 0; w < wordCount; w++) {
      let word = 0;
      for (let k = 3; k >= 0; k--) word = (word << 8) | (4 * w + k < n ? bytes[4 * w + k] : 0);
      this.words[first + w] = word;
    }
    this.wordsUsed += wordCount;
    const id = this.count++;
    this.start[id] = first;
    this.length[id] = n;
    this.quote[id] = quoted ? 1 : 0;
    return id;
  }

  /** Keep the names so far when cleared. */
  keepSoFar(): void {
    this.kept = this.count;
    this.keptWords = this.wordsUsed;
  }

  /** Forget the names added since `keepSoFar`. */
  clear(): void {
    this.count = this.kept;
    this.wordsUsed = this.keptWords;
  }

  bytesOf(id: number): number {
    return this.length[id];
  }

  quoted(id: number): boolean {
    return this.quote[id] === 1;
  }

  /** Write name `id` at `p` (with up to three bytes past it: see above); the position after it. */
  write(v: DataView, p: number, id: number): number {
    const words = this.words;
    const n = this.length[id];
    let w = this.start[id];
    for (let at = 0; at < n; at += 4) v.setInt32(p + at, words[w++], true);
    return p + n;
  }
}

/** A copy of `a` with room for at least `atLeast` elements. */
function grown<T extends Int32Array | Uint8Array>(a: T, atLeast: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(2 * a.length, atLeast));
  b.set(a);
  return b;
}

/**
 * Digits four at a time, as little-endian 32-bit words of ASCII: LEAD[i] is i without leading
 * zeros (its LEAD_BYTES[i] digits first, zeros after), FULL[i] is i as four digits. FRACTION[t]
 * is `.` and the thousandths t (1 to 999) with trailing zeros dropped (FRACTION_BYTES[t] bytes,
 * zeros after): what fmt(x, 3) puts after the whole seconds. Writing one writes a whole word,
 * up to three bytes past the number's end: the row's later bytes write over them, and after its
 * last number, what its newline leaves lies past the row's end, outside what `flush` hands on,
 * until the next row writes over it (NUMBERS_BYTES leaves room for them).
 */
const LEAD = new Int32Array(10_000);
const LEAD_BYTES = new Uint8Array(10_000);
const FULL = new Int32Array(10_000);
const FRACTION = new Int32Array(1000);
const FRACTION_BYTES = new Uint8Array(1000);
for (let i = 0; i < 10_000; i++) {
  const lead = String(i);
  LEAD[i] = asciiWord(lead);
  LEAD_BYTES[i] = lead.length;
  FULL[i] = asciiWord(lead.padStart(4, '0'));
}
for (let t = 1; t < 1000; t++) {
  const fraction = `.${String(t).padStart(3, '0')}`.replace(/0+$/, '');
  FRACTION[t] = asciiWord(fraction);
  FRACTION_BYTES[t] = fraction.length;
}

/** Up to four ASCII characters as a little-endian 32-bit word (zeros after them). */
function asciiWord(text: string): number {
  let word = 0;
  for (let k = 3; k >= 0; k--) word = (word << 8) | (k < text.length ? text.charCodeAt(k) : 0);
  return word;
}

/**
 * A whole number >= 0 in decimal at `p` (anything else as String(n)), four digits a write (up
 * to three bytes past its end: see LEAD); the position after it.
 */
function writeUint(v: DataView, p: number, n: number): number {
  if (!(n >= 0 && n <= 0xffffffff && Number.isInteger(n))) return writeText(v, p, String(n));
  const x = n >>> 0;
  if (x < 10_000) {
    v.setInt32(p, LEAD[x], true);
    return p + LEAD_BYTES[x];
  }
  let high = (x / 10_000) >>> 0;
  const low = x - high * 10_000;
  if (high >= 10_000) {
    // ten digits at most: two, four and four
    const top = (high / 10_000) >>> 0;
    high -= top * 10_000;
    v.setInt32(p, LEAD[top], true);
    p += LEAD_BYTES[top];
    v.setInt32(p, FULL[high], true);
    p += 4;
  } else {
    v.setInt32(p, LEAD[high], true);
    p += LEAD_BYTES[high];
  }
  v.setInt32(p, FULL[low], true);
  return p + 4;
}

/**
 * `fmt(x, 3)` as bytes at `p`, x read from `from[i]`: rounded to 3 decimals as toFixed rounds
 * (the exact binary value, halves up), trailing zeros and a bare point dropped; empty for NaN.
 * The fast path splits x into its whole seconds and the rest (both exact) and rounds the rest
 * times 1000; that product's own rounding error is below 1e-12, so the result is exact unless
 * it lies within 0.001 of a half: those values, negatives and huge ones go through fmt.
 * Returns the position after it.
 */
function writeFixed3(v: DataView, p: number, from: Float64Array, i: number): number {
  const x = from[i];
  if (x >= 0 && x < 1e9) {
    let whole = Math.floor(x);
    const scaled = (x - whole) * 1000;
    const floor = Math.floor(scaled);
    const frac = scaled - floor;
    if (frac < 0.499 || frac > 0.501) {
      // the thousandths as a small integer (0 to 1000): integer arithmetic from here on
      let t = (frac > 0.5 ? floor + 1 : floor) | 0;
      if (t === 1000) {
        whole += 1;
        t = 0;
      }
      p = writeUint(v, p, whole);
      if (t !== 0) {
        v.setInt32(p, FRACTION[t], true);
        p += FRACTION_BYTES[t];
      }
      return p;
    }
  }
  if (x !== x) return p; // NaN: fmt gives ''
  return writeText(v, p, fmt(x, 3));
}

/** ASCII text (a number's digits) at `p`; the position after it. */
function writeText(v: DataView, p: number, s: string): number {
  for (let i = 0; i < s.length; i++) v.setUint8(p + i, s.charCodeAt(i));
  return p + s.length;
}
