import { describe, expect, it } from 'vitest';
import {
  erlangA,
  erlangB,
  erlangC,
  fewestHandlers,
  intervalFigures,
  offeredLoadErlangs,
  priorityMeanWaits,
  type IntervalInput,
} from '../src/metrics/erlang.js';

// ---------------------------------------------------------------------------------------------
// Helpers: tolerant comparison and independent reference computations (deliberately written
// differently from src/metrics/erlang.ts so that agreement means something).
// ---------------------------------------------------------------------------------------------

function expectClose(actual: number, expected: number, relTol: number, absTol = 0): void {
  const tol = Math.max(absTol, relTol * Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tol)) {
    throw new Error(`expected ${actual} to be within ${tol} of ${expected} (diff ${actual - expected})`);
  }
}

/** n / d for BigInts, correctly rounded to a double (n, d > 0). */
function bigRatio(n: bigint, d: bigint): number {
  const bits = (x: bigint) => x.toString(2).length;
  const e = bits(n) - bits(d) - 64;
  const q = e >= 0 ? n / (d << BigInt(e)) : (n << BigInt(-e)) / d;
  return Number(q) * 2 ** e;
}

/** Exact Erlang B for rational load p/q from its definition (a^c/c!) / sum_{k<=c} a^k/k!. */
function exactErlangB(c: number, p: bigint, q: bigint): number {
  // multiply through by q^c c!: term_k = p^k q^(c-k) c!/k!
  let den = 0n;
  let num = 0n;
  for (let k = 0; k <= c; k++) {
    let fall = 1n; // c!/k!
    for (let j = k + 1; j <= c; j++) fall *= BigInt(j);
    const term = p ** BigInt(k) * q ** BigInt(c - k) * fall;
    den += term;
    if (k === c) num = term;
  }
  return bigRatio(num, den);
}

/** Exact Erlang C for rational load p/q < c from the M/M/c stationary distribution. */
function exactErlangC(c: number, p: bigint, q: bigint): number {
  const C = BigInt(c);
  let below = 0n; // sum_{k<c} p^k q^(c-k) c!/k!
  for (let k = 0; k < c; k++) {
    let fall = 1n;
    for (let j = k + 1; j <= c; j++) fall *= BigInt(j);
    below += p ** BigInt(k) * q ** BigInt(c - k) * fall;
  }
  // waiting mass: (a^c/c!) * c/(c-a), scaled: p^c * c q / (c q - p)
  const waitNum = p ** C * C * q;
  const waitDen = C * q - p;
  return bigRatio(waitNum, below * waitDen + waitNum);
}

/** Plain (linear-space) truncated birth-death stationary distribution of M/M/c+M. Rates per second. */
function birthDeath(c: number, lambda: number, mu: number, theta: number): number[] {
  const pi = [1];
  for (let n = 1; n < 100_000; n++) {
    const death = mu * Math.min(n, c) + theta * Math.max(n - c, 0);
    pi.push((pi[n - 1]! * lambda) / death);
    if (n > c + 10 && pi[n]! < 1e-30 * pi[c]!) break;
  }
  const total = pi.reduce((s, x) => s + x, 0);
  return pi.map((x) => x / total);
}

/**
 * Independent Erlang A measures from the birth-death chain:
 *  - P(abandon) by rate conservation (theta * Lq / lambda), mean wait of all by Little (Lq / lambda);
 *  - P(answered by t) by uniformisation of the tagged call's (calls-ahead) Markov chain;
 *  - E[wait; answered] by first-step analysis on that chain.
 */
function erlangAByMarkovChain(c: number, lambda: number, mu: number, theta: number, t: number) {
  const pi = birthDeath(c, lambda, mu, theta);
  let pWait = 0;
  let lq = 0;
  let busy = 0;
  for (let n = 0; n < pi.length; n++) {
    if (n >= c) pWait += pi[n]!;
    lq += Math.max(n - c, 0) * pi[n]!;
    busy += Math.min(n, c) * pi[n]!;
  }
  const J = pi.length - 1 - c; // max calls ahead
  const rate = (j: number) => c * mu + j * theta; // rate at which "calls ahead" drops (j ahead)
  // Uniformisation: v[j] = P(tagged call still queued with j ahead), served = P(answered so far).
  const big = rate(J) + theta;
  let v = Array.from({ length: J + 1 }, (_, j) => pi[c + j]!);
  let served = 0;
  const lt = big * t;
  let poisson = Math.exp(-lt);
  let cumPoisson = poisson;
  let answeredByT = poisson * served;
  for (let n = 1; cumPoisson < 1 - 1e-16 && n < 100_000; n++) {
    const next = new Array<number>(J + 1).fill(0);
    for (let j = 0; j <= J; j++) {
      next[j]! += v[j]! * (1 - (rate(j) + theta) / big);
      if (j > 0) next[j - 1]! += (v[j]! * rate(j)) / big;
    }
    served += (v[0]! * c * mu) / big;
    v = next;
    poisson *= lt / n;
    cumPoisson += poisson;
    answeredByT += poisson * served;
  }
  // First-step analysis: q_j = P(answered | j ahead), m_j = E[wait * 1{answered} | j ahead].
  let waitAnswered = 0;
  let qPrev = 1; // "served" after leaving j = 0
  let mPrev = 0;
  for (let j = 0; j <= J; j++) {
    const out = rate(j) + theta;
    const move = rate(j) / out;
    const q = move * qPrev;
    const m = q / out + move * mPrev;
    waitAnswered += pi[c + j]! * m;
    qPrev = q;
    mPrev = m;
  }
  const pAbandon = (theta * lq) / lambda;
  return {
    pWait,
    pAbandon,
    meanWaitAll: lq / lambda,
    answeredWithin: 1 - pWait + answeredByT,
    meanAnswer: waitAnswered / (1 - pAbandon),
    occupancy: busy / c,
    meanQueueLength: lq,
  };
}

/** Composite 5-point Gauss-Legendre quadrature of f on [a, b]. */
function integrate(f: (x: number) => number, a: number, b: number, panels = 400): number {
  const x = [0, -0.5384693101056831, 0.5384693101056831, -0.906179845938664, 0.906179845938664];
  const w = [0.5688888888888889, 0.47862867049936647, 0.47862867049936647, 0.23692688505618908, 0.23692688505618908];
  const h = (b - a) / panels;
  let s = 0;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * h;
    for (let i = 0; i < 5; i++) s += w[i]! * f(mid + (x[i]! * h) / 2);
  }
  return (s * h) / 2;
}

/**
 * Erlang A from the published density of the "offered wait" V (time until a handler would take the
 * call if it never abandoned) of the M/M/c+M queue, given V > 0 (Mandelbaum & Zeltyn, "The
 * M/M/n+G queue: summary of performance measures", 2005; also Riordan 1962):
 *   f_V(s | V>0) proportional to exp(-c mu s - (lambda/theta) e^{-theta s}).
 * The call is answered iff V < its own patience tau ~ Exp(theta), so with P(W>0) from the chain:
 *   P(W > t, answered) = P(W>0) * E[e^{-theta V} 1{V>t} | V>0], E[W; answered] = P(W>0) E[V e^{-theta V} | V>0],
 *   P(abandon) = P(W>0) * (1 - E[e^{-theta V} | V>0]).
 */
function erlangAByOfferedWait(c: number, lambda: number, mu: number, theta: number, t: number, pWait: number) {
  const cmu = c * mu;
  const peak = lambda > cmu ? Math.log(lambda / cmu) / theta : 0; // mode of the density
  const logH = (s: number) => -cmu * s + (lambda / theta) * -Math.expm1(-theta * s);
  const logPeak = logH(peak);
  const h = (s: number) => Math.exp(logH(s) - logPeak);
  // beyond peak + 1/theta + 80/(c mu) the density has dropped by more than e^-80
  const end = peak + 1 / theta + 80 / cmu;
  const piece = (g: (s: number) => number, a: number, b: number) => (b > a ? integrate(g, a, b, 2000) : 0);
  const from = (g: (s: number) => number, a: number) => piece(g, a, Math.max(a, peak)) + piece(g, Math.max(a, peak), end);
  const answered = (s: number) => h(s) * Math.exp(-theta * s); // density x P(patience > s)
  const norm = from(h, 0);
  const pAnsweredGivenWait = from(answered, 0) / norm;
  const pAbandon = pWait * (1 - pAnsweredGivenWait);
  const answeredAfterT = (pWait * from(answered, t)) / norm;
  const waitAnswered = (pWait * from((s) => s * answered(s), 0)) / norm;
  return {
    pAbandon,
    answeredWithin: 1 - pAbandon - answeredAfterT,
    meanAnswer: waitAnswered / (1 - pAbandon),
  };
}

const perSecond = (callsPerHour: number) => callsPerHour / 3600;

// ---------------------------------------------------------------------------------------------
// Erlang B
// ---------------------------------------------------------------------------------------------

describe('erlangB', () => {
  it('matches hand-computable values', () => {
    expect(erlangB(0, 3)).toBe(1);
    expect(erlangB(5, 0)).toBe(0);
    expectClose(erlangB(1, 1), 0.5, 1e-15);
    expectClose(erlangB(2, 1), 0.2, 1e-15);
    expectClose(erlangB(2, 2), 0.4, 1e-15);
  });

  it('agrees with exact rational arithmetic (BigInt) from the definition', () => {
    const cases: [number, bigint, bigint][] = [
      [1, 3n, 10n],
      [7, 5n, 1n],
      [10, 10n, 1n],
      [20, 37n, 2n],
      [50, 45n, 1n],
      [60, 6007n, 100n],
    ];
    for (const [c, p, q] of cases) {
      expectClose(erlangB(c, Number(p) / Number(q)), exactErlangB(c, p, q), 1e-13);
    }
  });

  it('reproduces a standard Erlang B table (load in Erlangs for 1%, 2%, 5% blocking)', () => {
    // Standard Erlang B traffic table, as printed to 2-3 decimals in e.g. the Erlang B tables in
    // Cooper, "Introduction to Queueing Theory", and in ITU-T / teletraffic engineering handbooks.
    const table: [number, number, number, number][] = [
      // N,   1%,    2%,    5%
      [2, 0.153, 0.223, 0.381],
      [5, 1.36, 1.66, 2.22],
      [10, 4.46, 5.08, 6.22],
      [20, 12.03, 13.18, 15.25],
      [50, 37.9, 40.26, 44.53],
      [100, 84.06, 87.97, 95.24],
    ];
    const loadFor = (n: number, blocking: number) => {
      let lo = 0;
      let hi = 2 * n + 10;
      for (let i = 0; i < 200; i++) {
        const mid = (lo + hi) / 2;
        if (erlangB(n, mid) < blocking) lo = mid;
        else hi = mid;
      }
      return lo;
    };
    for (const [n, p1, p2, p5] of table) {
      const halfUlp = n === 2 ? 0.0005 : 0.005; // table rounding
      expectClose(loadFor(n, 0.01), p1, 0, halfUlp + 1e-9);
      expectClose(loadFor(n, 0.02), p2, 0, halfUlp + 1e-9);
      expectClose(loadFor(n, 0.05), p5, 0, halfUlp + 1e-9);
    }
  });

  it('is stable for very many servers (no overflow/underflow to NaN)', () => {
    // independent: log-space sum of a^k/k! for k <= c
    const logSpaceB = (c: number, a: number) => {
      const logs: number[] = [];
      let l = 0;
      for (let k = 0; k <= c; k++) {
        if (k > 0) l += Math.log(a / k);
        logs.push(l);
      }
      const m = Math.max(...logs);
      const s = logs.reduce((acc, x) => acc + Math.exp(x - m), 0);
      return Math.exp(logs[c]! - m) / s;
    };
    for (const [c, a] of [
      [1000, 1000],
      [1000, 950],
      [2000, 2100],
      [500, 300],
    ] as const) {
      expectClose(erlangB(c, a), logSpaceB(c, a), 1e-11);
    }
    expect(erlangB(1000, 1)).toBe(0); // true value ~1e-2568 underflows cleanly
    expect(() => erlangB(2.5, 1)).toThrow(RangeError);
    expect(() => erlangB(2, -1)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Erlang C
// ---------------------------------------------------------------------------------------------

describe('erlangC', () => {
  it('agrees with exact rational arithmetic from the M/M/c stationary distribution', () => {
    const cases: [number, bigint, bigint][] = [
      [1, 7n, 10n],
      [2, 1n, 1n],
      [11, 10n, 1n],
      [14, 10n, 1n],
      [55, 48n, 1n],
      [30, 2999n, 100n],
    ];
    for (const [c, p, q] of cases) {
      expectClose(erlangC(c, Number(p) / Number(q)), exactErlangC(c, p, q), 1e-13);
    }
  });

  it('M/M/1: P(wait) = utilisation; saturates at 1 when load >= servers', () => {
    expectClose(erlangC(1, 0.7), 0.7, 1e-15);
    expect(erlangC(3, 3)).toBe(1);
    expect(erlangC(3, 4.5)).toBe(1);
    expect(erlangC(3, 0)).toBe(0);
  });

  it('Hillier & Lieberman "County Hospital" emergency room (M/M/1 and M/M/2)', () => {
    // Hillier & Lieberman, Introduction to Operations Research, queueing chapter, County Hospital
    // example: lambda = 2 patients/hour, mu = 3/hour (20 minutes). Published steady-state results:
    //   s=1: P{Wq>0} = 0.667, Wq = 2/3 h, P{Wq > 1/2 h} = 0.404, P{Wq > 1 h} = 0.245
    //   s=2: P{Wq>0} = 0.167, Wq = 1/24 h (0.042 h)
    // The s=2 tails are checked against the exact M/M/c expression P{Wq>t} = (1/6) e^{-4t} (t in h).
    const base = { callsPerHour: 2, meanHandlingSeconds: 1200 };
    const s1 = intervalFigures({ ...base, handlers: 1, targetSeconds: 1800 });
    expectClose(s1.probWait, 0.667, 0, 0.0005);
    expectClose(s1.probWait, 2 / 3, 1e-14);
    expectClose(s1.meanAnswerSeconds, 2400, 1e-12);
    expectClose(1 - s1.serviceLevelPct / 100, 0.404, 0, 0.0005);
    expectClose(1 - intervalFigures({ ...base, handlers: 1, targetSeconds: 3600 }).serviceLevelPct / 100, 0.245, 0, 0.0005);
    const s2 = intervalFigures({ ...base, handlers: 2, targetSeconds: 1800 });
    expectClose(s2.probWait, 0.167, 0, 0.0005);
    expectClose(s2.probWait, 1 / 6, 1e-14);
    expectClose(s2.meanAnswerSeconds, 150, 1e-12);
    expectClose(1 - s2.serviceLevelPct / 100, Math.exp(-2) / 6, 1e-12);
    expectClose(1 - intervalFigures({ ...base, handlers: 2, targetSeconds: 3600 }).serviceLevelPct / 100, Math.exp(-4) / 6, 1e-11);
    expectClose(s2.occupancyPct, 100 / 3, 1e-14);
  });

  it('call-centre worked example: 100 calls / 30 min, AHT 180 s, 80% in 20 s', () => {
    // Widely used Erlang C worked example (callcentrehelper.com, "Erlang C Formula - Made Simple
    // With an Easy Worked Example"): traffic 10 Erlangs; with 11 agents the probability a call waits
    // is 68.21%; 14 agents are needed for 80% answered in 20 s.
    const input = { callsPerHour: 200, meanHandlingSeconds: 180, targetSeconds: 20 };
    const f11 = intervalFigures({ ...input, handlers: 11 });
    expect(f11.offeredLoadErlangs).toBe(10);
    expectClose(f11.probWait, 0.6821, 0, 0.00005);
    expect(fewestHandlers(input, 80)).toBe(14);
    // and independently from the M/M/c formulas with the exact P(wait)
    for (const c of [11, 12, 13, 14, 15]) {
      const pw = exactErlangC(c, 10n, 1n);
      const drain = c / 180 - 200 / 3600;
      const f = intervalFigures({ ...input, handlers: c });
      expectClose(f.serviceLevelPct, 100 * (1 - pw * Math.exp(-drain * 20)), 1e-13);
      expectClose(f.meanAnswerSeconds, pw / drain, 1e-13);
      expect(f.meanWaitAllSeconds).toBe(f.meanAnswerSeconds);
      expect(f.answeredWithinTargetPct).toBe(f.serviceLevelPct);
      expect(f.abandonedPct).toBe(0);
      expectClose(f.occupancyPct, 1000 / c, 1e-14);
    }
  });

  it('reports instability when load >= handlers', () => {
    const f = intervalFigures({ callsPerHour: 120, meanHandlingSeconds: 300, handlers: 10, targetSeconds: 10 });
    expect(f.offeredLoadErlangs).toBe(10);
    expect(f).toMatchObject({
      model: 'erlang-c',
      stable: false,
      probWait: 1,
      serviceLevelPct: 0,
      meanAnswerSeconds: Infinity,
      meanWaitAllSeconds: Infinity,
      occupancyPct: 100,
      abandonedPct: 0,
    });
    const g = intervalFigures({ callsPerHour: 0, meanHandlingSeconds: 300, handlers: 1, targetSeconds: 10 });
    expect(g).toMatchObject({ stable: true, probWait: 0, serviceLevelPct: 100, meanAnswerSeconds: 0, occupancyPct: 0 });
  });

  it('treats Infinity patience as Erlang C', () => {
    const base = { callsPerHour: 200, meanHandlingSeconds: 180, handlers: 12, targetSeconds: 20 };
    expect(intervalFigures({ ...base, meanPatienceSeconds: Infinity })).toEqual(intervalFigures(base));
  });

  it('validates its input', () => {
    const ok: IntervalInput = { callsPerHour: 10, meanHandlingSeconds: 100, handlers: 1, targetSeconds: 10 };
    expect(() => intervalFigures({ ...ok, handlers: 0 })).toThrow(RangeError);
    expect(() => intervalFigures({ ...ok, handlers: 1.5 })).toThrow(RangeError);
    expect(() => intervalFigures({ ...ok, meanHandlingSeconds: 0 })).toThrow(RangeError);
    expect(() => intervalFigures({ ...ok, callsPerHour: -1 })).toThrow(RangeError);
    expect(() => intervalFigures({ ...ok, targetSeconds: Number.NaN })).toThrow(RangeError);
    expect(() => intervalFigures({ ...ok, meanPatienceSeconds: 0 })).toThrow(RangeError);
    expect(offeredLoadErlangs(720, 240)).toBe(48);
  });
});

// ---------------------------------------------------------------------------------------------
// Erlang A
// ---------------------------------------------------------------------------------------------

/** Parameter sets: calls/hour, AHT s, handlers, patience s, target s. */
const erlangACases: [number, number, number, number, number][] = [
  [270, 60, 5, 120, 20],
  [150, 120, 3, 30, 60],
  [100, 300, 12, 200, 15],
  [60, 240, 2, 600, 30],
  [400, 90, 8, 45, 5],
];

describe('erlangA (M/M/c+M)', () => {
  it('matches 40-digit evaluations of the published closed forms (incomplete gamma functions)', () => {
    // Reference values computed with mpmath (mp.dps = 40) from:
    //  P(W>0) = E_B * J / (1 + (J-1) E_B), J = A(c mu/theta, lambda/theta), A(x,y) = x e^y y^-x gamma(x,y)
    //    (Garnett, Mandelbaum & Reiman 2002, MSOM 4(3), Erlang-A probability of wait);
    //  P(Ab | W>0) = 1/(rho J) + 1 - 1/rho (Mandelbaum & Zeltyn 2005 summary of M/M/n+M measures);
    //  P(W>t, answered) = p_c (c mu/theta) e^{b} b^{-(A+1)} gamma(A+1, b e^{-theta t}), A=c mu/theta, b=lambda/theta;
    //  ASA = integral_0^inf P(W>t, answered) dt / P(answered), mean wait (all) = P(Ab)/theta.
    type Ref = {
      input: IntervalInput;
      probWait: number;
      probAbandon: number;
      sl: number;
      answeredWithin: number;
      asa: number;
      waitAll: number;
      occupancy: number;
    };
    const refs: Ref[] = [
      {
        input: { callsPerHour: 270, meanHandlingSeconds: 60, handlers: 5, meanPatienceSeconds: 120, targetSeconds: 20 },
        probWait: 0.52764241030169942,
        probAbandon: 0.10986858805835429,
        sl: 0.67966493601051913,
        answeredWithin: 0.76355572547200017,
        asa: 12.12179659386503,
        waitAll: 13.184230567002514,
        occupancy: 0.80111827074748114,
      },
      {
        input: { callsPerHour: 150, meanHandlingSeconds: 120, handlers: 3, meanPatienceSeconds: 30, targetSeconds: 60 },
        probWait: 0.71086404223255603,
        probAbandon: 0.47970775051967374,
        sl: 0.50707373804725016,
        answeredWithin: 0.97459406430466936,
        asa: 10.073319579194376,
        waitAll: 14.391232515590212,
        occupancy: 0.86715374913387709,
      },
      {
        input: { callsPerHour: 3000, meanHandlingSeconds: 300, handlers: 240, meanPatienceSeconds: 90, targetSeconds: 10 },
        probWait: 0.54817282580391361,
        probAbandon: 0.057651028365952281,
        sl: 0.7388789715890298,
        answeredWithin: 0.78408211164893852,
        asa: 5.0539322504434446,
        waitAll: 5.1885925529357053,
        occupancy: 0.98161351211879971,
      },
      {
        input: { callsPerHour: 12000, meanHandlingSeconds: 300, handlers: 1000, meanPatienceSeconds: 600, targetSeconds: 20 },
        probWait: 0.5892600873555515,
        probAbandon: 0.010450542896223951,
        sl: 0.91089916957356755,
        answeredWithin: 0.92051909385064693,
        asa: 6.2477591183168933,
        waitAll: 6.2703257377343709,
        occupancy: 0.98954945710377605,
      },
      {
        // nearly Erlang C: patience 1e7 s (c mu / theta ~ 7e5)
        input: { callsPerHour: 200, meanHandlingSeconds: 180, handlers: 12, meanPatienceSeconds: 1e7, targetSeconds: 20 },
        probWait: 0.44937709094600924,
        probAbandon: 4.0439935188228285e-6,
        sl: 0.6401708667762122,
        answeredWithin: 0.6401734556335177,
        asa: 40.439734819229697,
        waitAll: 40.439935188228285,
        occupancy: 0.83332996333873431,
      },
      {
        // heavily overloaded (load 1000 on 950 handlers), long patience
        input: { callsPerHour: 12000, meanHandlingSeconds: 300, handlers: 950, meanPatienceSeconds: 3600, targetSeconds: 20 },
        probWait: 0.99999998679140135,
        probAbandon: 0.050000000179781598,
        sl: 4.1907837279803458e-7,
        answeredWithin: 4.4113512934457112e-7,
        asa: 184.4979680677429,
        waitAll: 180.00000064721375,
        occupancy: 0.99999999981075621,
      },
    ];
    for (const r of refs) {
      const f = intervalFigures(r.input);
      expect(f.model).toBe('erlang-a');
      expect(f.stable).toBe(true);
      expectClose(f.probWait, r.probWait, 1e-12);
      expectClose(f.abandonedPct / 100, r.probAbandon, 1e-11);
      expectClose(f.serviceLevelPct / 100, r.sl, 1e-9, 1e-14);
      expectClose(f.answeredWithinTargetPct / 100, r.answeredWithin, 1e-9, 1e-14);
      expectClose(f.meanAnswerSeconds, r.asa, 1e-11);
      expectClose(f.meanWaitAllSeconds, r.waitAll, 1e-11);
      expectClose(f.occupancyPct / 100, r.occupancy, 1e-12);
      expectClose(f.offeredLoadErlangs, (r.input.callsPerHour * r.input.meanHandlingSeconds) / 3600, 1e-15);
    }
  });

  it('agrees with an independent Markov-chain solution (birth-death + uniformisation + first-step analysis)', () => {
    for (const [cph, aht, c, patience, t] of erlangACases) {
      const lambda = perSecond(cph);
      const ref = erlangAByMarkovChain(c, lambda, 1 / aht, 1 / patience, t);
      const m = erlangA({ callsPerHour: cph, meanHandlingSeconds: aht, handlers: c, meanPatienceSeconds: patience, targetSeconds: t });
      expectClose(m.probWait, ref.pWait, 1e-11);
      expectClose(m.probAbandon, ref.pAbandon, 1e-11);
      expectClose(m.meanWaitAllSeconds, ref.meanWaitAll, 1e-11);
      expectClose(m.meanQueueLength, ref.meanQueueLength, 1e-11);
      expectClose(m.probAnsweredWithinTarget, ref.answeredWithin, 1e-11);
      expectClose(m.meanAnswerSeconds, ref.meanAnswer, 1e-11);
      expectClose(m.meanBusyHandlers / c, ref.occupancy, 1e-11);
    }
  });

  it('agrees with quadrature over the published offered-wait density (Mandelbaum & Zeltyn)', () => {
    for (const [cph, aht, c, patience, t] of erlangACases) {
      const lambda = perSecond(cph);
      const m = erlangA({ callsPerHour: cph, meanHandlingSeconds: aht, handlers: c, meanPatienceSeconds: patience, targetSeconds: t });
      const ref = erlangAByOfferedWait(c, lambda, 1 / aht, 1 / patience, t, m.probWait);
      expectClose(m.probAbandon, ref.pAbandon, 1e-10);
      expectClose(m.probAnsweredWithinTarget, ref.answeredWithin, 1e-10);
      expectClose(m.meanAnswerSeconds, ref.meanAnswer, 1e-10);
    }
  });

  it('theta = mu is the M/M/infinity queue: P(wait) from a cumulative Poisson table', () => {
    // With patience mean = handling mean, every call in system leaves at rate mu, so the number in
    // system is Poisson(load) (Garnett et al. 2002). Published cumulative Poisson table values
    // (e.g. standard statistical tables): P(X<=9 | m=10) = 0.4579, P(X<=4 | m=5) = 0.4405,
    // P(X<=19 | m=20) = 0.4703, P(X<=2 | m=3) = 0.4232.
    const cases: [number, number, number][] = [
      [10, 10, 0.4579],
      [5, 5, 0.4405],
      [20, 20, 0.4703],
      [3, 3, 0.4232],
    ];
    for (const [load, c, cdf] of cases) {
      const aht = 180;
      const m = erlangA({ callsPerHour: (load * 3600) / aht, meanHandlingSeconds: aht, handlers: c, meanPatienceSeconds: aht, targetSeconds: 10 });
      expectClose(m.probWait, 1 - cdf, 0, 0.00005);
      // exact Poisson: P(N >= c) and P(abandon) = E[(N-c)+] / load
      let pmf = Math.exp(-load);
      let below = 0;
      let excess = 0;
      for (let n = 0; n < 400; n++) {
        if (n < c) below += pmf;
        else excess += (n - c) * pmf;
        pmf *= load / (n + 1);
      }
      expectClose(m.probWait, 1 - below, 1e-12);
      expectClose(m.probAbandon, excess / load, 1e-12);
    }
  });

  it('satisfies Little, rate-conservation and flow-balance identities over a wide grid', () => {
    for (const c of [1, 2, 7, 30, 150]) {
      for (const rho of [0.3, 0.9, 1, 1.2, 3]) {
        for (const patienceOverAht of [0.05, 0.5, 1, 4, 50]) {
          const aht = 240;
          const input = {
            callsPerHour: (rho * c * 3600) / aht,
            meanHandlingSeconds: aht,
            handlers: c,
            meanPatienceSeconds: patienceOverAht * aht,
            targetSeconds: 20,
          };
          const m = erlangA(input);
          const lambda = perSecond(input.callsPerHour);
          const theta = 1 / input.meanPatienceSeconds;
          // Little's law for the queue: Lq = lambda * E[time in queue]
          expectClose(m.meanQueueLength, lambda * m.meanWaitAllSeconds, 1e-10, 1e-300);
          // abandonment flow = theta * Lq
          expectClose(m.probAbandon, (theta * m.meanQueueLength) / lambda, 1e-10, 1e-300);
          // handled work: busy handlers = load * P(answered)
          expectClose(m.meanBusyHandlers, m.offeredLoadErlangs * m.probAnswered, 1e-10);
          // mean time in queue of all = answered part + abandoned part
          expectClose(
            m.meanWaitAllSeconds,
            m.probAnswered * m.meanAnswerSeconds + m.probAbandon * m.meanAbandonSeconds,
            1e-9,
            1e-300,
          );
          expect(m.probAbandon).toBeLessThanOrEqual(m.probWait);
          expect(m.probAnsweredWithinTarget).toBeLessThanOrEqual(m.probAnswered);
          expect(m.probAnsweredWithinTarget).toBeGreaterThanOrEqual(1 - m.probWait - 1e-15);
          const f = intervalFigures(input);
          expect(f.serviceLevelPct).toBeLessThanOrEqual(f.answeredWithinTargetPct + 1e-12);
          expect(f.occupancyPct).toBeLessThanOrEqual(100);
        }
      }
    }
  });

  it('target 0 gives P(answered without waiting); target Infinity gives P(answered)', () => {
    const base = { callsPerHour: 270, meanHandlingSeconds: 60, handlers: 5, meanPatienceSeconds: 120 };
    const zero = erlangA({ ...base, targetSeconds: 0 });
    expectClose(zero.probAnsweredWithinTarget, 1 - zero.probWait, 1e-13);
    const inf = erlangA({ ...base, targetSeconds: Infinity });
    expectClose(inf.probAnsweredWithinTarget, inf.probAnswered, 1e-15);
    // P(answered within t) increases with t
    let prev = 0;
    for (const t of [0, 1, 5, 20, 60, 300, 3600]) {
      const p = erlangA({ ...base, targetSeconds: t }).probAnsweredWithinTarget;
      expect(p).toBeGreaterThanOrEqual(prev);
      prev = p;
    }
  });

  it('tends to Erlang C as patience -> infinity (stable load), with first-order convergence', () => {
    const base = { callsPerHour: 200, meanHandlingSeconds: 180, handlers: 12, targetSeconds: 20 };
    const c = intervalFigures(base);
    const relErr = (patience: number) => {
      const a = intervalFigures({ ...base, meanPatienceSeconds: patience });
      return Math.max(
        Math.abs(a.probWait / c.probWait - 1),
        Math.abs(a.serviceLevelPct / c.serviceLevelPct - 1),
        Math.abs(a.answeredWithinTargetPct / c.answeredWithinTargetPct - 1),
        Math.abs(a.meanAnswerSeconds / c.meanAnswerSeconds - 1),
        Math.abs(a.meanWaitAllSeconds / c.meanWaitAllSeconds - 1),
        Math.abs(a.occupancyPct / c.occupancyPct - 1),
        a.abandonedPct / 100,
      );
    };
    const errs = [1e5, 1e7, 1e9, 1e11].map(relErr);
    // the Erlang A - Erlang C gap is O(theta): shrinks ~100x per 100x longer patience
    for (let i = 1; i < errs.length; i++) {
      const ratio = errs[i - 1]! / errs[i]!;
      expect(ratio).toBeGreaterThan(80);
      expect(ratio).toBeLessThan(120);
    }
    expect(errs[3]!).toBeLessThan(1e-7);
  });

  it('service level and abandonment improve with every extra handler', () => {
    const base = { callsPerHour: 1800, meanHandlingSeconds: 240, targetSeconds: 15, meanPatienceSeconds: 120 };
    let prev = erlangA({ ...base, handlers: 1 });
    for (let c = 2; c <= 200; c++) {
      const m = erlangA({ ...base, handlers: c });
      expect(m.probAnsweredWithinTarget).toBeGreaterThan(prev.probAnsweredWithinTarget - 1e-15);
      expect(m.probAbandon).toBeLessThan(prev.probAbandon + 1e-15);
      prev = m;
    }
  });

  it('handles 1000 handlers and ~1000 Erlangs quickly and without overflow', () => {
    const started = performance.now();
    for (const patience of [10, 60, 600, 3600]) {
      for (const c of [1, 200, 700, 990, 1000, 1010, 1200]) {
        const input = { callsPerHour: 12000, meanHandlingSeconds: 300, handlers: c, meanPatienceSeconds: patience, targetSeconds: 20 };
        const m = erlangA(input);
        const theta = 1 / patience;
        const lambda = perSecond(12000);
        for (const v of Object.values(m)) expect(Number.isFinite(v)).toBe(true);
        expectClose(m.probAbandon, (theta * m.meanQueueLength) / lambda, 1e-9, 1e-300);
        expectClose(m.meanBusyHandlers, 1000 * m.probAnswered, 1e-9);
        expect(m.probAnswered).toBeLessThanOrEqual(Math.min(1, c / 1000) + 1e-12);
      }
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

// ---------------------------------------------------------------------------------------------
// fewestHandlers
// ---------------------------------------------------------------------------------------------

describe('fewestHandlers', () => {
  it('returns the minimal handler count for Erlang C and Erlang A', () => {
    const inputs: Omit<IntervalInput, 'handlers'>[] = [
      { callsPerHour: 200, meanHandlingSeconds: 180, targetSeconds: 20 },
      { callsPerHour: 720, meanHandlingSeconds: 240, targetSeconds: 20 },
      { callsPerHour: 720, meanHandlingSeconds: 240, targetSeconds: 20, meanPatienceSeconds: 60 },
      { callsPerHour: 5, meanHandlingSeconds: 600, targetSeconds: 10, meanPatienceSeconds: 300 },
      { callsPerHour: 3000, meanHandlingSeconds: 300, targetSeconds: 10, meanPatienceSeconds: 90 },
    ];
    for (const input of inputs) {
      for (const target of [50, 80, 90, 95]) {
        const n = fewestHandlers(input, target);
        expect(intervalFigures({ ...input, handlers: n }).serviceLevelPct).toBeGreaterThanOrEqual(target);
        if (n > 1) {
          const below = intervalFigures({ ...input, handlers: n - 1 });
          expect(below.stable && below.serviceLevelPct >= target).toBe(false);
        }
      }
    }
    expect(fewestHandlers({ callsPerHour: 0, meanHandlingSeconds: 300, targetSeconds: 10 }, 99)).toBe(1);
    expect(fewestHandlers({ callsPerHour: 0, meanHandlingSeconds: 300, targetSeconds: 10, meanPatienceSeconds: 60 }, 99)).toBe(1);
  });

  it('Erlang C needs a stable group even for a 0% target', () => {
    expect(fewestHandlers({ callsPerHour: 120, meanHandlingSeconds: 300, targetSeconds: 10 }, 0)).toBe(11);
    expect(fewestHandlers({ callsPerHour: 120, meanHandlingSeconds: 300, targetSeconds: 10, meanPatienceSeconds: 30 }, 0)).toBe(1);
  });

  it('is fast for ~1000 Erlangs', () => {
    const started = performance.now();
    const nC = fewestHandlers({ callsPerHour: 12000, meanHandlingSeconds: 300, targetSeconds: 20 }, 90);
    const nA = fewestHandlers({ callsPerHour: 12000, meanHandlingSeconds: 300, targetSeconds: 20, meanPatienceSeconds: 600 }, 90);
    const nA2 = fewestHandlers({ callsPerHour: 12000, meanHandlingSeconds: 300, targetSeconds: 20, meanPatienceSeconds: 3600 }, 90);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(nC).toBeGreaterThan(1000);
    expect(intervalFigures({ callsPerHour: 12000, meanHandlingSeconds: 300, targetSeconds: 20, handlers: nC }).serviceLevelPct).toBeGreaterThanOrEqual(90);
    expect(intervalFigures({ callsPerHour: 12000, meanHandlingSeconds: 300, targetSeconds: 20, handlers: nC - 1 }).serviceLevelPct).toBeLessThan(90);
    for (const [n, patience] of [
      [nA, 600],
      [nA2, 3600],
    ] as const) {
      const at = (c: number) =>
        intervalFigures({ callsPerHour: 12000, meanHandlingSeconds: 300, targetSeconds: 20, handlers: c, meanPatienceSeconds: patience }).serviceLevelPct;
      expect(at(n)).toBeGreaterThanOrEqual(90);
      expect(at(n - 1)).toBeLessThan(90);
    }
  });

  it('throws when the target cannot be reached or is invalid', () => {
    const input = { callsPerHour: 200, meanHandlingSeconds: 180, targetSeconds: 20 };
    expect(() => fewestHandlers(input, 80, 12)).toThrow(RangeError);
    expect(() => fewestHandlers(input, 101)).toThrow(RangeError);
    expect(() => fewestHandlers(input, -1)).toThrow(RangeError);
    expect(() => fewestHandlers({ ...input, meanPatienceSeconds: 60 }, 99.9, 11)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Non-preemptive priorities (Cobham 1954)
// ---------------------------------------------------------------------------------------------

describe('priorityMeanWaits', () => {
  it('Hillier & Lieberman County Hospital with non-preemptive priorities', () => {
    // Hillier & Lieberman, Introduction to Operations Research, queueing chapter (priority-discipline
    // models), County Hospital: lambda = 2/h split 10% critical, 30% serious, 60% stable; mu = 3/h.
    // Published Wq = W - 1/mu (hours), non-preemptive:
    //   s=1: critical 0.238, serious 0.325, stable 0.909;  s=2: 0.029, 0.033, 0.048.
    const calls = [0.2, 0.6, 1.2];
    const s1 = priorityMeanWaits({ callsPerHour: calls, meanHandlingSeconds: 1200, handlers: 1 }).meanWaitSeconds;
    const s2 = priorityMeanWaits({ callsPerHour: calls, meanHandlingSeconds: 1200, handlers: 2 }).meanWaitSeconds;
    [0.238, 0.325, 0.909].forEach((h, i) => expectClose(s1[i]! / 3600, h, 0, 0.0005));
    [0.029, 0.033, 0.048].forEach((h, i) => expectClose(s2[i]! / 3600, h, 0, 0.0005));
  });

  it('M/M/1 reduces to Cobham single-server formula W_k = (rho/mu)/((1-s_{k-1})(1-s_k))', () => {
    // Cobham (1954); Kleinrock, Queueing Systems Vol. 2, non-preemptive priority M/G/1 with
    // W0 = sum lambda_i E[S_i^2]/2 = rho/mu for exponential service.
    const calls = [10, 20, 5];
    const aht = 60;
    const mu = 1 / aht;
    const rates = calls.map(perSecond);
    const rho = rates.reduce((s, x) => s + x, 0) / mu;
    const w0 = rho / mu;
    const { meanWaitSeconds } = priorityMeanWaits({ callsPerHour: calls, meanHandlingSeconds: aht, handlers: 1 });
    let sigma = 0;
    rates.forEach((r, i) => {
      const before = sigma;
      sigma += r / mu;
      expectClose(meanWaitSeconds[i]!, w0 / ((1 - before) * (1 - sigma)), 1e-13);
    });
  });

  it('one class is Erlang C; the call-weighted mean is the FCFS Erlang C wait (work conservation)', () => {
    const aht = 240;
    const single = priorityMeanWaits({ callsPerHour: [660], meanHandlingSeconds: aht, handlers: 48 });
    const fcfs = intervalFigures({ callsPerHour: 660, meanHandlingSeconds: aht, handlers: 48, targetSeconds: 0 }).meanAnswerSeconds;
    expectClose(single.meanWaitSeconds[0]!, fcfs, 1e-13);
    expectClose(single.overallMeanWaitSeconds, fcfs, 1e-13);
    const multi = priorityMeanWaits({ callsPerHour: [60, 200, 400], meanHandlingSeconds: aht, handlers: 48 });
    expectClose(multi.overallMeanWaitSeconds, fcfs, 1e-12);
    const w = multi.meanWaitSeconds;
    expect(w[0]!).toBeLessThan(w[1]!);
    expect(w[1]!).toBeLessThan(w[2]!);
  });

  it('gives Infinity to classes whose cumulative load reaches the handlers', () => {
    const r = priorityMeanWaits({ callsPerHour: [30, 40, 50], meanHandlingSeconds: 360, handlers: 6 });
    // loads 3, 4, 5 Erlangs: cumulative 3 < 6, 7 >= 6
    expect(Number.isFinite(r.meanWaitSeconds[0]!)).toBe(true);
    expect(r.meanWaitSeconds[1]).toBe(Infinity);
    expect(r.meanWaitSeconds[2]).toBe(Infinity);
    expect(r.overallMeanWaitSeconds).toBe(Infinity);
    // top class: all handlers always busy, W = (1/(c mu)) / (1 - sigma_1)
    expectClose(r.meanWaitSeconds[0]!, 360 / 6 / (1 - 0.5), 1e-13);
    expect(() => priorityMeanWaits({ callsPerHour: [], meanHandlingSeconds: 1, handlers: 1 })).toThrow(RangeError);
  });
});
