import type { Rng } from './rng.js';
import { threefry2x32 } from './threefry.js';
import { fmix32, fmix32i } from './fmix32.js';

const TWO_32 = 4294967296;
const GOLDEN = 0x9e3779b9;

/**
 * KeyedRandom: uniforms on [0, 1) that belong to one owner and one purpose. An owner is named
 * by three numbers: an origin (the arrival stream a caller came from, or the shift a position
 * belongs to), a serial within it (the caller's number in that stream, or the day) and an index
 * (the caller's attempt: 0 first call, 1 the first redial or switch..., or the person on the
 * shift). A purpose is a key such as `KeyedRandom.key('patience:999')`.
 *
 * Two levels, for speed: the owner's 64-bit key is one block of Threefry-2x32-20, a
 * counter-based generator (`threefry2x32`), keyed by (replication seed, origin) and counted by
 * (serial, index); each purpose's uniforms are then a SplitMix-style sequence of that key (the
 * j-th uniform is a double MurmurHash3 finalisation of the key words, the purpose and j). One
 * Threefry block per caller instead of one per purpose: a caller's draws come in a row, so the
 * owner's key is computed once for them all.
 *
 * The draws for (owner, purpose) depend on nothing else: not on how many calls came before,
 * nor on the order in which events happened, nor on which other purposes were drawn, nor on how
 * many uniforms another purpose took. So two scenarios that differ in one lever give every
 * caller and every position present in both the same draws: common random numbers by
 * construction.
 *
 * `at(...)` points the one reusable generator at an owner and purpose and returns it (no
 * allocation): use it at once, before the next `at`. Each successive call of the returned Rng
 * gives the next uniform of that owner and purpose (32 bits of resolution, as alea).
 *
 * @example
 *   const keyed = new KeyedRandom(replicationSeed(7, 0));
 *   const patience = KeyedRandom.key('patience:999');
 *   const rng = keyed.at(KeyedRandom.key('arrivals:999'), 1234, 0, patience);
 *   const u = rng(); // the same for caller 1234 of 999's arrivals in every scenario
 */
export class KeyedRandom {
  private readonly seedMix: number;
  // the owner whose key is in w0, w1 (NaN: none yet)
  private origin = NaN;
  private serial = NaN;
  private index = NaN;
  private w0 = 0;
  private w1 = 0;
  /** The purpose's key mixed with the owner's first word, and the next uniform's number. */
  private stream = 0;
  private j = 0;
  /** Signed words (the same bits as Threefry's unsigned ones): small integers, never boxed. */
  private readonly block = new Int32Array(2);
  /** The generator as an Rng: the next uniform of the owner and purpose set by `at`. */
  readonly next: Rng;

  constructor(replicationSeed: number) {
    this.seedMix = fmix32((replicationSeed ^ 0x5bd1e995) >>> 0);
    this.next = () => {
      // all arithmetic mod 2^32: signed words give the unsigned ones' bits. fmix32i twice,
      // written out: V8 did not inline the calls in the journey's larger functions (its
      // inlining budget spent, before `inliningBudget.ts` raised it; written out, it does not
      // depend on the budget), and a call cost more than the finaliser itself
      let h = (this.stream + Math.imul(++this.j, GOLDEN)) | 0;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      h ^= this.w1;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      return (h >>> 0) / TWO_32;
    };
  }

  /** A 32-bit key of a name (FNV-1a, then mixed): for origins and purposes. */
  static key(name: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
    return fmix32(h >>> 0);
  }

  /**
   * The draws of owner (origin, serial, index) for `purpose`, from the first. `serial` and
   * `index` are integers (negative or above 2^32 are folded into 32 bits).
   */
  at(origin: number, serial: number, index: number, purpose: number): Rng {
    if (origin !== this.origin || serial !== this.serial || index !== this.index) {
      this.origin = origin;
      this.serial = serial;
      this.index = index;
      threefry2x32(serial | 0, index | 0, fmix32i(this.seedMix ^ origin), GOLDEN, this.block);
      this.w0 = this.block[0];
      this.w1 = this.block[1];
    }
    // fmix32i(w0 ^ purpose), written out as in `next`
    let h = this.w0 ^ purpose;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    this.stream = h ^ (h >>> 16);
    this.j = 0;
    return this.next;
  }
}
