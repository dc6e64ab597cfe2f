import { describe, expect, it } from 'vitest';
import { RandomStreams, replicationSeed, type Rng } from '../src/engine/rng.js';

function take(rng: Rng, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(rng());
  return out;
}

describe('replicationSeed', () => {
  it('is deterministic and an unsigned 32-bit integer', () => {
    for (const [b, k] of [
      [0, 0],
      [42, 0],
      [42, 7],
      [-1, 3],
      [2 ** 40 + 5, 1],
      [Number.MAX_SAFE_INTEGER, 2 ** 32 - 1],
    ] as const) {
      const s = replicationSeed(b, k);
      expect(s).toBe(replicationSeed(b, k));
      expect(Number.isInteger(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThan(2 ** 32);
    }
  });

  it('pins the seeding scheme (changing it changes every published result)', () => {
    expect(replicationSeed(42, 0)).toBe(2115028203);
    expect(replicationSeed(42, 1)).toBe(2778553432);
    expect(replicationSeed(0, 0)).toBe(1680814304);
  });

  it('gives distinct, well-spread seeds to different replications and base seeds', () => {
    const n = 10_000;
    const seen = new Set<number>();
    let sum = 0;
    let flippedBits = 0;
    let prev = replicationSeed(12345, 0);
    for (let k = 0; k < n; k++) {
      const s = replicationSeed(12345, k);
      seen.add(s);
      sum += s / 2 ** 32;
      if (k > 0) {
        let x = (s ^ prev) >>> 0;
        while (x) {
          flippedBits += x & 1;
          x >>>= 1;
        }
      }
      prev = s;
    }
    expect(seen.size).toBe(n); // injective in k for a fixed base
    // seeds/2^32 ~ U(0,1): mean 0.5, sd of the mean sqrt(1/12/n) ~ 0.0029; 5 SE
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    // consecutive replications' seeds differ in ~16 of 32 bits (Binomial(32, 1/2)
    // per pair: sd of the average over n-1 pairs = sqrt(8/(n-1)) ~ 0.028)
    expect(Math.abs(flippedBits / (n - 1) - 16)).toBeLessThan(5 * Math.sqrt(8 / (n - 1)));
    // neighbouring base seeds do not share replication seeds
    const other = new Set<number>();
    for (let k = 0; k < n; k++) other.add(replicationSeed(12346, k));
    let shared = 0;
    for (const s of other) if (seen.has(s)) shared++;
    expect(shared).toBeLessThanOrEqual(1);
  });

  it('rejects invalid input', () => {
    expect(() => replicationSeed(1.5, 0)).toThrow(RangeError);
    expect(() => replicationSeed(NaN, 0)).toThrow(RangeError);
    expect(() => replicationSeed(2 ** 60, 0)).toThrow(RangeError);
    expect(() => replicationSeed(1, -1)).toThrow(RangeError);
    expect(() => replicationSeed(1, 0.5)).toThrow(RangeError);
    expect(() => replicationSeed(1, 2 ** 32)).toThrow(RangeError);
  });
});

describe('RandomStreams', () => {
  const seed = replicationSeed(42, 0);

  it('pins the stream construction (seedrandom alea on "metcc/<seed>/<purpose>")', () => {
    const r = new RandomStreams(seed).stream('arrivals:999');
    expect(take(r, 3)).toEqual([0.9733946798369288, 0.3815840701572597, 0.8933950844220817]);
  });

  it('returns the same Rng object for the same purpose', () => {
    const s = new RandomStreams(seed);
    const a = s.stream('arrivals:999');
    expect(s.stream('arrivals:999')).toBe(a);
    a();
    expect(s.stream('arrivals:999')).toBe(a);
    expect(s.stream('arrivals:101')).not.toBe(a);
  });

  it('same seed and purpose give the same sequence', () => {
    const a = take(new RandomStreams(seed).stream('handling:101'), 1000);
    const b = take(new RandomStreams(seed).stream('handling:101'), 1000);
    expect(a).toEqual(b);
  });

  it('different purposes and different replications give different sequences', () => {
    const seqs = [
      take(new RandomStreams(seed).stream('arrivals:999'), 100),
      take(new RandomStreams(seed).stream('arrivals:101'), 100),
      take(new RandomStreams(seed).stream('patience:999'), 100),
      take(new RandomStreams(seed).stream('triage'), 100),
      take(new RandomStreams(replicationSeed(42, 1)).stream('arrivals:999'), 100),
      take(new RandomStreams(replicationSeed(43, 0)).stream('arrivals:999'), 100),
    ];
    for (let i = 0; i < seqs.length; i++) {
      for (let j = i + 1; j < seqs.length; j++) {
        // no shared value at all (values are multiples of 2^-32, a chance
        // coincidence among 100x100 pairs has probability ~2e-6)
        const si = new Set(seqs[i]);
        expect(seqs[j]!.some((x) => si.has(x))).toBe(false);
      }
    }
  });

  it("a purpose's sequence does not depend on other streams being created or drawn from", () => {
    const alone = take(new RandomStreams(seed).stream('patience:999'), 500);

    const busy = new RandomStreams(seed);
    const arr = busy.stream('arrivals:999');
    take(arr, 1234);
    take(busy.stream('triage'), 7);
    const pat = busy.stream('patience:999');
    const interleaved: number[] = [];
    for (let i = 0; i < 500; i++) {
      interleaved.push(pat());
      arr();
      busy.stream(`extra:${i % 13}`)();
    }
    expect(interleaved).toEqual(alone);
  });

  it('draws lie in [0, 1) with uniform mean/variance, and streams are uncorrelated', () => {
    const n = 100_000;
    const s = new RandomStreams(seed);
    const a = s.stream('arrivals:999');
    const b = s.stream('arrivals:101');
    let sa = 0;
    let saa = 0;
    let sab = 0;
    let sb = 0;
    let lag = 0;
    let prev = 0.5;
    let outOfRange = 0;
    for (let i = 0; i < n; i++) {
      const x = a();
      const y = b();
      if (!(x >= 0 && x < 1)) outOfRange++;
      sa += x;
      saa += x * x;
      sb += y;
      sab += (x - 0.5) * (y - 0.5);
      lag += (x - 0.5) * (prev - 0.5);
      prev = x;
    }
    expect(outOfRange).toBe(0);
    // Mean of U(0,1): SE = sqrt(1/12/n). Variance: the sample second central
    // moment has SE sqrt((mu4 - sigma^4)/n) = sqrt((1/80 - 1/144)/n).
    const mean = sa / n;
    const variance = saa / n - mean * mean;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sb / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / n));
    // Cross- and lag-1 covariance of independent U(0,1): each product term has
    // variance (1/12)^2, so the average has SE (1/12)/sqrt(n).
    expect(Math.abs(sab / n)).toBeLessThan((5 / 12) / Math.sqrt(n));
    expect(Math.abs(lag / n)).toBeLessThan((5 / 12) / Math.sqrt(n));
  });

  it('rejects a seed that is not an unsigned 32-bit integer', () => {
    expect(() => new RandomStreams(-1)).toThrow(RangeError);
    expect(() => new RandomStreams(2 ** 32)).toThrow(RangeError);
    expect(() => new RandomStreams(0.5)).toThrow(RangeError);
  });
});
