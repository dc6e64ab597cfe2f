import type { Rng } from './rng.js';
import { threefry2x32 } from './threefry.js';
import { fmix32 } from './fmix32.js';

const TWO_32 = 4294967296;
const INDEX_0 = fmix32(0x9e3779b9);

/**
 * KeyedRandom: uniforms on [0, 1) that belong to one owner and one purpose, from a
 * counter-based generator (Threefry-2x32-20). An owner is named by three numbers: an origin
 * (the arrival stream a caller came from, or the shift a position belongs to), a serial within
 * it (the caller's number in that stream, or the day) and an index (the caller's attempt:
 * 0 first call, 1 the first redial or switch..., or the person on the shift). A purpose is a
 * key such as `KeyedRandom.key('patience:999')`.
 *
 * The draws for (owner, purpose) depend on nothing else: not on how many calls came before,
 * nor on the order in which events happened, nor on which other purposes were drawn. So two
 * scenarios that differ in one lever give every caller and every position present in both
 * the same draws: common random numbers by construction.
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
  /** The last origin and its key word (a caller's draws come in a row: one mix, not six). */
  private lastOrigin = -1;
  private lastK0 = 0;
  private k0 = 0;
  private k1 = 0;
  private c0 = 0;
  private c1 = 0;
  /** The second word of the last block, not yet used (-1: none). */
  private spare = -1;
  private readonly block = new Uint32Array(2);
  /** The generator as an Rng: the next uniform of the owner and purpose set by `at`. */
  readonly next: Rng;

  constructor(replicationSeed: number) {
    this.seedMix = fmix32((replicationSeed ^ 0x5bd1e995) >>> 0);
    this.next = () => {
      if (this.spare >= 0) {
        const u = this.spare / TWO_32;
        this.spare = -1;
        return u;
      }
      threefry2x32(this.c0, this.c1, this.k0, this.k1, this.block);
      this.c1 = (this.c1 + 1) | 0;
      this.spare = this.block[1];
      return this.block[0] / TWO_32;
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
    if (origin !== this.lastOrigin) {
      this.lastOrigin = origin;
      this.lastK0 = fmix32((this.seedMix ^ origin) >>> 0);
    }
    this.k0 = this.lastK0;
    this.k1 = fmix32((purpose ^ (index === 0 ? INDEX_0 : fmix32((index + 0x9e3779b9) >>> 0))) >>> 0);
    this.c0 = serial | 0;
    this.c1 = 0;
    this.spare = -1;
    return this.next;
  }
}
