/**
 * The counter-based generator behind keyed common random numbers: Threefry-2x32-20 against
 * Random123's known-answer vectors, and KeyedRandom's promise that an owner's draws for a
 * purpose depend on nothing else.
 */
import { describe, expect, it } from 'vitest';
import { KeyedRandom } from '../src/engine/KeyedRandom.js';
import { threefry2x32 } from '../src/engine/threefry.js';

describe('threefry2x32 (20 rounds)', () => {
  // Random123 kat_vectors: threefry2x32 20 <ctr0 ctr1> <key0 key1> -> <out0 out1>
  const vectors: [number[], number[]][] = [
    [[0, 0, 0, 0], [0x6b200159, 0x99ba4efe]],
    [[0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0x1cb996fc, 0xbb002be7]],
    [[0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xc4923a9c, 0x483df7a0]],
  ];
  it.each(vectors)('matches the known answer for %j', (input, expected) => {
    const out = new Uint32Array(2);
    threefry2x32(input[0], input[1], input[2], input[3], out);
    expect(Array.from(out)).toEqual(expected);
  });
});

describe('KeyedRandom', () => {
  const P = KeyedRandom.key('patience:999');
  const Q = KeyedRandom.key('handling:999');
  const O = KeyedRandom.key('origin:999');

  it('gives an owner and purpose the same draws whatever was drawn before, and in whatever order', () => {
    const a = new KeyedRandom(7);
    const first = [a.at(O, 12, 0, P)(), a.at(O, 12, 0, P)()];
    const b = new KeyedRandom(7);
    for (let i = 0; i < 1000; i++) b.at(O, i, 0, Q)(); // other owners, another purpose
    const rng = b.at(O, 12, 0, P);
    expect([rng(), b.at(O, 12, 0, P)()]).toEqual([first[0], first[0]]);
    expect(first[1]).toBe(first[0]);
  });

  it('gives different owners, attempts, purposes, origins and seeds different draws', () => {
    const k = new KeyedRandom(7);
    const u = (origin: number, serial: number, index: number, purpose: number) => k.at(origin, serial, index, purpose)();
    const base = u(O, 12, 0, P);
    const others = [u(O, 13, 0, P), u(O, 12, 1, P), u(O, 12, 0, Q), u(KeyedRandom.key('origin:101'), 12, 0, P), new KeyedRandom(8).at(O, 12, 0, P)()];
    for (const x of others) expect(x).not.toBe(base);
  });

  it('successive draws of one owner and purpose are a stream of uniforms', () => {
    const rng = new KeyedRandom(3).at(O, 0, 0, P);
    const n = 100_000;
    const bins = new Array<number>(10).fill(0);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const x = rng();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
      bins[Math.floor(x * 10)]++;
    }
    expect(outside).toBe(0);
    // mean within 4 sd (sd of a uniform mean: sqrt(1/12/n)); chi-square with 9 df below its 0.9999 quantile (33.7)
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    const chi2 = bins.reduce((a, b) => a + (b - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(33.7);
  });

  it('first draws across many owners are uniform too (what a caller per arrival uses)', () => {
    const k = new KeyedRandom(3);
    const n = 100_000;
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < n; i++) bins[Math.floor(k.at(O, i, 0, P)() * 10)]++;
    const chi2 = bins.reduce((a, b) => a + (b - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(33.7);
  });
});
