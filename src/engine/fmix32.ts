/**
 * MurmurHash3's 32-bit finaliser: a bijection on uint32 with full avalanche, used to derive
 * replication seeds and the keys of keyed random draws.
 *
 * @example fmix32(0) // 0; fmix32(1) // 1364076727
 */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * fmix32 as a signed 32-bit integer (the same bits: `fmix32i(h) >>> 0 === fmix32(h)`), for the
 * hot paths: a signed int32 is a small integer to V8, so a call that is not inlined returns it
 * without boxing it in a heap number (an unsigned value of 2^31 or more is boxed).
 */
export function fmix32i(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
