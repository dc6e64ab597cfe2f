/**
 * threefry2x32: the Threefry-2x32 counter-based generator with 20 rounds (Salmon, Moraes, Dror
 * and Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC 2011; the Random123 library).
 * It maps a 64-bit counter and a 64-bit key (two 32-bit words each) to 64 random bits, with no
 * state: the draw for (key, counter) is the same whatever else was drawn before, which is what
 * keyed common random numbers need (a caller's or a position's draws depend on who it is, not
 * on the order of events). 20 rounds is Random123's default, with a safety margin over the 13
 * that pass BigCrush. Checked against Random123's known-answer vectors in test/keyed.test.ts.
 *
 * Hand-written because no maintained npm package offers a counter-based generator for plain
 * 32-bit JavaScript numbers (those found use BigInt, which costs about 20x per draw).
 *
 * The two output words are written to `out[0]` and `out[1]` (unsigned 32-bit values, or the
 * same bits signed in an Int32Array).
 *
 * @example
 *   const out = new Uint32Array(2);
 *   threefry2x32(0, 0, 0, 0, out); // out: [0x6b200159, 0x99ba4efe]
 */
export function threefry2x32(c0: number, c1: number, k0: number, k1: number, out: Uint32Array | Int32Array): void {
  const k2 = (0x1bd11bda ^ k0 ^ k1) | 0;
  let x0 = (c0 + k0) | 0;
  let x1 = (c1 + k1) | 0;
  // rounds 0-3 (rotations 13, 15, 26, 6)
  x0 = (x0 + x1) | 0; x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + k1) | 0; x1 = (x1 + k2 + 1) | 0;
  // rounds 4-7 (rotations 17, 29, 16, 24)
  x0 = (x0 + x1) | 0; x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
  x0 = (x0 + k2) | 0; x1 = (x1 + k0 + 2) | 0;
  // rounds 8-11
  x0 = (x0 + x1) | 0; x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + k0) | 0; x1 = (x1 + k1 + 3) | 0;
  // rounds 12-15
  x0 = (x0 + x1) | 0; x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
  x0 = (x0 + k1) | 0; x1 = (x1 + k2 + 4) | 0;
  // rounds 16-19
  x0 = (x0 + x1) | 0; x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + k2) | 0; x1 = (x1 + k0 + 5) | 0;
  out[0] = x0;
  out[1] = x1;
}
