import seedrandom from 'seedrandom';

/**
 * A Latin hypercube of N points in [0, 1)^d: along every dimension, each of the N strata
 * [i/N, (i+1)/N) holds exactly one point, at a uniform position inside it; the strata are
 * paired across dimensions by independent random permutations (McKay, Beckman & Conover 1979).
 * Seeded (seedrandom's alea, as the simulation's streams): the same seed gives the same points on any machine. Written by
 * hand: it is a dozen lines, and the libraries that have it bring a numeric stack with them.
 */
export function latinHypercube(points: number, dimensions: number, seed: number): number[][] {
  const rng = seedrandom.alea(`metcc-sim-lhs/${seed}`);
  const columns = Array.from({ length: dimensions }, () => {
    const strata = Array.from({ length: points }, (_, i) => i);
    for (let i = points - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [strata[i], strata[j]] = [strata[j], strata[i]];
    }
    return strata.map((s) => (s + rng()) / points);
  });
  return Array.from({ length: points }, (_, i) => columns.map((c) => c[i]));
}
