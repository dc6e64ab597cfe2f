/**
 * Seeded random number streams.
 *
 * Every replication of a run gets its own 32-bit seed (replicationSeed), and
 * within a replication every *purpose* ('arrivals:999', 'handling:101',
 * 'patience:999', 'triage', ...) gets its own independent alea generator,
 * seeded from the string `${replicationSeed}/${purpose}`. A purpose's numbers
 * therefore depend only on (baseSeed, replication, purpose): adding a new
 * purpose, or drawing more or fewer numbers from another one, never changes
 * them (common random numbers across scenario variants).
 */
import seedrandom from 'seedrandom';
import { fmix32 } from './fmix32.js';

/** A uniform random number generator on [0, 1). */
export type Rng = () => number;

const TWO_32 = 4294967296;

/**
 * The 32-bit unsigned seed of replication k, derived deterministically from
 * (baseSeed, replication).
 *
 * baseSeed may be any safe integer (negative or above 2^32 included; both
 * 32-bit halves are mixed in). replication must be an integer in [0, 2^32).
 * For a fixed baseSeed the map replication -> seed is injective (xor with a
 * constant, then a bijective mixer), so different replications always get
 * different seeds, and neighbouring k give unrelated-looking seeds.
 */
export function replicationSeed(baseSeed: number, replication: number): number {
  if (!Number.isSafeInteger(baseSeed)) {
    throw new RangeError(`replicationSeed: baseSeed must be a safe integer, got ${baseSeed}`);
  }
  if (!Number.isInteger(replication) || replication < 0 || replication >= TWO_32) {
    throw new RangeError(
      `replicationSeed: replication must be an integer in [0, 2^32), got ${replication}`,
    );
  }
  const lo = baseSeed >>> 0; // baseSeed mod 2^32 (exact for safe integers)
  const hi = Math.floor(baseSeed / TWO_32) >>> 0;
  const base = fmix32((lo ^ fmix32((hi ^ 0x9e3779b9) >>> 0)) >>> 0);
  return fmix32((base ^ replication) >>> 0);
}

/**
 * Named random streams of one replication. stream(p) returns the same Rng
 * object every time it is called with the same purpose; callers in hot loops
 * should fetch their Rng once and keep it.
 *
 * The generator is seedrandom's alea (fast, ~2^116 period, passes BigCrush;
 * 32 bits of resolution per draw, so draws are multiples of 2^-32 in [0, 1)).
 */
export class RandomStreams {
  readonly seed: number;
  private readonly streams = new Map<string, Rng>();

  constructor(replicationSeed: number) {
    if (!Number.isInteger(replicationSeed) || replicationSeed < 0 || replicationSeed >= TWO_32) {
      throw new RangeError(
        `RandomStreams: seed must be an unsigned 32-bit integer, got ${replicationSeed}`,
      );
    }
    this.seed = replicationSeed;
  }

  stream(purpose: string): Rng {
    let rng = this.streams.get(purpose);
    if (rng === undefined) {
      rng = seedrandom.alea(`metcc/${this.seed}/${purpose}`);
      this.streams.set(purpose, rng);
    }
    return rng;
  }
}
