/**
 * Analytical queueing formulas for one planning interval.
 *
 * Models (all FCFS within one handler group, Poisson arrivals, exponential handling):
 *  - Erlang B  (M/M/c/c, blocked calls lost)
 *  - Erlang C  (M/M/c, infinite patience)
 *  - Erlang A  (M/M/c+M, exponential patience; Palm 1943, Garnett-Mandelbaum-Reiman 2002)
 *  - Cobham (1954) non-preemptive priority M/M/c with identical exponential handling.
 *
 * Units: times in seconds, arrival rates in calls per hour, loads in Erlangs.
 * Internally rates are converted to "per second".
 *
 * Erlang A derivation (used below; lambda arrival rate, mu service rate, theta abandonment rate,
 * c handlers, all per second). The number in system is a birth-death chain with birth lambda and
 * death mu*min(n,c) + theta*max(n-c,0); by PASTA an arrival sees state n with the stationary
 * probability p_n. An arrival that sees n = c+k (k >= 0 calls already queued) is the (k+1)-th in
 * queue. While it waits, the number ahead of it drops at rate r_i = c*mu + i*theta when i calls
 * are ahead (a service completion or an abandonment ahead); the tagged call itself abandons at
 * rate theta. With K = k+1 stages (i = k, ..., 0):
 *   P(answered | k)              = prod_{i=0..k} r_i/(r_i+theta)            = c*mu/(c*mu+K*theta)
 *   E[time in queue | k]         = K/(c*mu+K*theta)
 *   E[wait; answered | k]        = c*mu/(c*mu+K*theta) * sum_{m=1..K} 1/(c*mu+m*theta)
 * Summing the hypoexponential densities against p_{c+k} gives the density of the wait of calls
 * that wait and are answered: g(s) = p_c*c*mu*exp(-(c*mu+theta)*s + (lambda/theta)*(1-exp(-theta*s))),
 * whose tail integral is an incomplete gamma function; its power series is
 *   P(W > t, answered) = p_c*c*mu*exp(-(c*mu+theta)*t + (lambda/theta)*(1-e^{-theta t}))
 *                        * sum_{n>=0} (lambda e^{-theta t})^n / prod_{i=1..n+1}(c*mu+i*theta),
 * a sum of positive terms (no cancellation). All sums are evaluated in log space with running
 * maxima (no overflow for thousands of handlers or huge loads) and truncated only when the
 * remaining geometric tail is below ~1e-17 relative.
 */

const SECONDS_PER_HOUR = 3600;

/** Stop a positive series once the bound on the rest is below this fraction of its largest term. */
const TAIL_EPSILON = 1e-17;

/** Safety cap on the number of queue states / series terms visited in one Erlang A evaluation. */
const MAX_ERLANG_A_TERMS = 10_000_000;

function assertFiniteNonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number >= 0 (got ${value})`);
  }
}

function assertPositiveFinite(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a finite number > 0 (got ${value})`);
  }
}

function assertInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min} (got ${value})`);
  }
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * Offered load in Erlangs from calls per hour and mean handling time in seconds.
 * Example: offeredLoadErlangs(720, 240) === 48.
 */
export function offeredLoadErlangs(callsPerHour: number, meanHandlingSeconds: number): number {
  assertFiniteNonNegative('callsPerHour', callsPerHour);
  assertPositiveFinite('meanHandlingSeconds', meanHandlingSeconds);
  return (callsPerHour * meanHandlingSeconds) / SECONDS_PER_HOUR;
}

/**
 * Erlang B blocking probability (0..1) for `servers` (integer >= 0) and offered load in Erlangs.
 * Example: erlangB(2, 1) === 0.2; erlangB(10, 4.4612) ≈ 0.01.
 */
export function erlangB(servers: number, offeredLoadErlangs: number): number {
  assertInteger('servers', servers, 0);
  if (Number.isNaN(offeredLoadErlangs) || offeredLoadErlangs < 0) {
    throw new RangeError(`offeredLoadErlangs must be >= 0 (got ${offeredLoadErlangs})`);
  }
  if (servers === 0) return 1;
  if (offeredLoadErlangs === 0) return 0;
  if (offeredLoadErlangs === Infinity) return 1;
  // Numerically stable recursion B(k) = a B(k-1) / (k + a B(k-1)), B(0) = 1.
  const a = offeredLoadErlangs;
  let b = 1;
  for (let k = 1; k <= servers; k++) {
    const ab = a * b;
    b = ab / (k + ab);
  }
  return b;
}

/** Erlang C from the Erlang B value (internal helper; requires 0 <= a < c). */
function erlangCFromB(c: number, a: number, b: number): number {
  return Math.min(1, (c * b) / (c - a * (1 - b)));
}

/**
 * Erlang C probability (0..1) that an arriving call waits in M/M/c; 1 if load >= servers.
 * Example: erlangC(2, 1) === 1/3; erlangC(11, 10) ≈ 0.6821.
 */
export function erlangC(servers: number, offeredLoadErlangs: number): number {
  assertInteger('servers', servers, 0);
  if (Number.isNaN(offeredLoadErlangs) || offeredLoadErlangs < 0) {
    throw new RangeError(`offeredLoadErlangs must be >= 0 (got ${offeredLoadErlangs})`);
  }
  if (offeredLoadErlangs >= servers) return 1;
  if (offeredLoadErlangs === 0) return 0;
  return erlangCFromB(servers, offeredLoadErlangs, erlangB(servers, offeredLoadErlangs));
}

/** One planning interval: calls per hour, mean handling/target/patience in seconds. Example: { callsPerHour: 200, meanHandlingSeconds: 180, handlers: 14, targetSeconds: 20 }. */
export interface IntervalInput {
  callsPerHour: number;
  meanHandlingSeconds: number;
  handlers: number; // integer >= 1
  targetSeconds: number; // answer target, e.g. 10
  meanPatienceSeconds?: number; // present => Erlang A (M/M/c+M); absent or Infinity => Erlang C (M/M/c)
}

/** Planner figures for one interval: probabilities 0..1, percentages 0..100, times in seconds. Example: intervalFigures(input).serviceLevelPct. */
export interface IntervalFigures {
  model: 'erlang-c' | 'erlang-a';
  offeredLoadErlangs: number;
  probWait: number; // P(an arriving call has to wait), 0..1
  serviceLevelPct: number; // 100 * P(answered within target) over ALL offered calls (abandoned count as failures)
  answeredWithinTargetPct: number; // 100 * P(wait <= target | answered)
  meanAnswerSeconds: number; // mean wait of ANSWERED calls (ASA)
  meanWaitAllSeconds: number; // mean time in queue over all offered calls (answered and abandoned)
  abandonedPct: number; // 100 * P(abandon); 0 for Erlang C
  occupancyPct: number; // 100 * busy handlers / handlers
  stable: boolean; // false for Erlang C with load >= handlers (then waits are Infinity)
}

function validateCommon(input: Omit<IntervalInput, 'handlers'>): void {
  assertFiniteNonNegative('callsPerHour', input.callsPerHour);
  assertPositiveFinite('meanHandlingSeconds', input.meanHandlingSeconds);
  if (Number.isNaN(input.targetSeconds) || input.targetSeconds < 0) {
    throw new RangeError(`targetSeconds must be >= 0 (got ${input.targetSeconds})`);
  }
  const p = input.meanPatienceSeconds;
  if (p !== undefined && (Number.isNaN(p) || p <= 0)) {
    throw new RangeError(`meanPatienceSeconds must be > 0 or Infinity (got ${p})`);
  }
}

function isErlangA(input: Omit<IntervalInput, 'handlers'>): boolean {
  return input.meanPatienceSeconds !== undefined && Number.isFinite(input.meanPatienceSeconds);
}

/** Erlang C figures given c, load a and the Erlang B value for (c, a). */
function erlangCFigures(
  c: number,
  a: number,
  b: number,
  muPerSecond: number,
  lambdaPerSecond: number,
  targetSeconds: number,
): IntervalFigures {
  if (a >= c) {
    return {
      model: 'erlang-c',
      offeredLoadErlangs: a,
      probWait: 1,
      serviceLevelPct: 0,
      answeredWithinTargetPct: 0,
      meanAnswerSeconds: Infinity,
      meanWaitAllSeconds: Infinity,
      abandonedPct: 0,
      occupancyPct: 100,
      stable: false,
    };
  }
  const pw = a === 0 ? 0 : erlangCFromB(c, a, b);
  const drainPerSecond = c * muPerSecond - lambdaPerSecond; // > 0
  const tail = targetSeconds === Infinity ? 0 : pw * Math.exp(-drainPerSecond * targetSeconds);
  const sl = 100 * clamp01(1 - tail);
  const asa = pw / drainPerSecond;
  return {
    model: 'erlang-c',
    offeredLoadErlangs: a,
    probWait: pw,
    serviceLevelPct: sl,
    answeredWithinTargetPct: sl,
    meanAnswerSeconds: asa,
    meanWaitAllSeconds: asa,
    abandonedPct: 0,
    occupancyPct: (100 * a) / c,
    stable: true,
  };
}

/** Input of {@link erlangA}: IntervalInput with finite meanPatienceSeconds. Example: { callsPerHour: 270, meanHandlingSeconds: 60, handlers: 5, targetSeconds: 20, meanPatienceSeconds: 120 }. */
export interface ErlangAInput {
  callsPerHour: number;
  meanHandlingSeconds: number;
  handlers: number;
  targetSeconds: number;
  meanPatienceSeconds: number;
}

/** Exact Erlang A (M/M/c+M) measures: probabilities 0..1, times in seconds, lengths in calls. Example: erlangA(input).probAbandon. */
export interface ErlangAMeasures {
  offeredLoadErlangs: number;
  /** P(arriving call finds all handlers busy). */
  probWait: number;
  /** P(arriving call abandons). */
  probAbandon: number;
  /** P(arriving call is answered) = 1 - probAbandon. */
  probAnswered: number;
  /** P(answered and wait <= targetSeconds), over all offered calls. */
  probAnsweredWithinTarget: number;
  /** P(answered and wait > targetSeconds), over all offered calls. */
  probAnsweredAfterTarget: number;
  /** Mean wait of answered calls (ASA), seconds. */
  meanAnswerSeconds: number;
  /** Mean time in queue of abandoning calls, seconds (0 if probAbandon is 0). */
  meanAbandonSeconds: number;
  /** Mean time in queue over all offered calls, seconds. */
  meanWaitAllSeconds: number;
  /** Time-average number of calls queued. */
  meanQueueLength: number;
  /** Time-average number of busy handlers. */
  meanBusyHandlers: number;
}

/** Streaming sum of weights given in log space, with a running maximum (no overflow). */
class LogSum {
  max = -Infinity;
  readonly sums: number[];
  constructor(width: number) {
    this.sums = new Array<number>(width).fill(0);
  }
  /** Add exp(logWeight) * factors[i] to sums[i]; returns exp(logWeight - max) after the update. */
  add(logWeight: number, factors: readonly number[]): number {
    if (logWeight > this.max) {
      const scale = Math.exp(this.max - logWeight);
      for (let i = 0; i < this.sums.length; i++) this.sums[i]! *= scale;
      this.max = logWeight;
    }
    const e = Math.exp(logWeight - this.max);
    for (let i = 0; i < this.sums.length; i++) this.sums[i]! += e * factors[i]!;
    return e;
  }
  /** log(sums[i]) + max. */
  log(i: number): number {
    return Math.log(this.sums[i]!) + this.max;
  }
}

/** Kahan-compensated accumulator (log weights are sums of many logs). */
class Kahan {
  sum = 0;
  private comp = 0;
  add(x: number): number {
    const y = x - this.comp;
    const t = this.sum + y;
    this.comp = t - this.sum - y;
    this.sum = t;
    return t;
  }
}

interface ErlangACore {
  c: number;
  lambda: number;
  mu: number;
  theta: number;
  logProbAtC: number; // log p_c
  probNoWait: number;
  probWait: number;
  probAbandon: number;
  probAnsweredAfterWait: number; // P(wait > 0 and answered)
  waitAnsweredProduct: number; // E[W ; answered] (seconds)
  meanWaitAll: number;
  meanQueueLength: number;
  meanBusy: number;
}

function erlangACore(c: number, lambda: number, mu: number, theta: number): ErlangACore {
  const cmu = c * mu;
  // The queue distribution peaks near k = (lambda - c mu)/theta calls waiting: refuse up front
  // rather than loop for ages when patience is astronomically long in an overloaded interval.
  if ((lambda - cmu) / theta > MAX_ERLANG_A_TERMS) {
    throw new RangeError(
      `Erlang A: about ${Math.round((lambda - cmu) / theta)} calls would be queued on average; ` +
        'patience is too long for this overload (use a shorter meanPatienceSeconds or more handlers)',
    );
  }
  const logLambda = Math.log(lambda);
  const logA = Math.log(lambda / mu);

  // States n < c (no wait), log weight relative to state c: w_{n-1} = w_n + log(n/a).
  // sums: [probability, busy handlers]
  const low = new LogSum(2);
  {
    const w = new Kahan();
    for (let n = c; n >= 1; n--) {
      const lw = w.add(Math.log(n) - logA);
      const m = n - 1;
      const rel = low.add(lw, [1, m]);
      if (m < lambda / mu) {
        // Going further down, ratios (m/a) shrink: remaining tail <= rel * rho/(1-rho).
        const rho = (m * mu) / lambda;
        if (rel * (rho / (1 - rho)) < TAIL_EPSILON) break;
      }
    }
  }

  // States n = c + k, k >= 0 (arrival waits, K = k + 1 is its queue position).
  // sums: [prob, queue length k, P(ab|k), E[W|k], E[W;answered|k], P(answered|k)]
  const high = new LogSum(6);
  {
    const w = new Kahan();
    let harmonic = 0; // sum_{m=1..K} 1/(c mu + m theta)
    // weights f_k in the sums differ by at most a factor (c mu + theta)/theta across k
    const weightSpread = 1 + cmu / theta;
    for (let k = 0; ; k++) {
      const lw = k === 0 ? 0 : w.add(logLambda - Math.log(cmu + k * theta));
      const K = k + 1;
      const denom = cmu + K * theta;
      harmonic += 1 / denom;
      const rel = high.add(lw, [1, k, (K * theta) / denom, K / denom, (cmu * harmonic) / denom, cmu / denom]);
      const r = lambda / (cmu + (k + 1) * theta); // ratio p_{c+k+1}/p_{c+k}
      if (r < 1) {
        const oneMinus = 1 - r;
        const tail = ((rel * (k + 2) * r) / (oneMinus * oneMinus)) * weightSpread;
        if (tail < TAIL_EPSILON) break;
      }
      if (k > MAX_ERLANG_A_TERMS) {
        throw new RangeError(
          'Erlang A: queue distribution too wide to sum (patience extremely long for this overload)',
        );
      }
    }
  }

  const logLow = low.sums[0]! > 0 ? low.log(0) : -Infinity;
  const logHigh = high.log(0);
  const m = Math.max(logLow, logHigh);
  const logTotal = m + Math.log(Math.exp(logLow - m) + Math.exp(logHigh - m));
  const probNoWait = Math.exp(logLow - logTotal);
  const probWait = Math.exp(logHigh - logTotal);
  const hs = high.sums;
  const h0 = hs[0]!;
  const meanBusyLow = low.sums[0]! > 0 ? low.sums[1]! / low.sums[0]! : 0;
  return {
    c,
    lambda,
    mu,
    theta,
    logProbAtC: -logTotal,
    probNoWait,
    probWait,
    meanQueueLength: (probWait * hs[1]!) / h0,
    probAbandon: (probWait * hs[2]!) / h0,
    meanWaitAll: (probWait * hs[3]!) / h0,
    waitAnsweredProduct: (probWait * hs[4]!) / h0,
    probAnsweredAfterWait: (probWait * hs[5]!) / h0,
    meanBusy: probNoWait * meanBusyLow + probWait * c,
  };
}

/** P(W > t and answered) for Erlang A, via the positive power series of the incomplete gamma tail. */
function erlangAAnsweredTail(core: ErlangACore, tSeconds: number): number {
  if (tSeconds === Infinity) return 0;
  if (tSeconds === 0) return core.probAnsweredAfterWait;
  const { c, lambda, mu, theta } = core;
  const cmu = c * mu;
  // log of exp(-(c mu + theta) t + (lambda/theta)(1 - e^{-theta t}))
  const logDecay = -(cmu + theta) * tSeconds - (lambda * Math.expm1(-theta * tSeconds)) / theta;
  const logX = Math.log(lambda) - theta * tSeconds; // log(lambda e^{-theta t})
  const x = Math.exp(logX);
  const series = new LogSum(1);
  const w = new Kahan();
  w.add(-Math.log(cmu + theta));
  let lw = w.sum;
  for (let n = 0; ; n++) {
    if (n > 0) lw = w.add(logX - Math.log(cmu + (n + 1) * theta));
    const rel = series.add(lw, [1]);
    const r = x / (cmu + (n + 2) * theta);
    if (r < 1 && (rel * r) / (1 - r) < TAIL_EPSILON) break;
    if (n > MAX_ERLANG_A_TERMS) {
      throw new RangeError('Erlang A: waiting-time series too long (patience extremely long)');
    }
  }
  const logTail = core.logProbAtC + Math.log(cmu) + logDecay + series.log(0);
  return Math.min(core.probAnsweredAfterWait, Math.exp(logTail));
}

/**
 * Exact Erlang A (M/M/c+M) measures for one interval (FCFS, exponential patience).
 * Example: erlangA({ callsPerHour: 270, meanHandlingSeconds: 60, handlers: 5, targetSeconds: 20, meanPatienceSeconds: 120 }).probAbandon ≈ 0.1099.
 */
export function erlangA(input: ErlangAInput): ErlangAMeasures {
  validateCommon(input);
  assertInteger('handlers', input.handlers, 1);
  assertPositiveFinite('meanPatienceSeconds', input.meanPatienceSeconds);
  const c = input.handlers;
  const a = offeredLoadErlangs(input.callsPerHour, input.meanHandlingSeconds);
  if (input.callsPerHour === 0) {
    return {
      offeredLoadErlangs: 0,
      probWait: 0,
      probAbandon: 0,
      probAnswered: 1,
      probAnsweredWithinTarget: 1,
      probAnsweredAfterTarget: 0,
      meanAnswerSeconds: 0,
      meanAbandonSeconds: 0,
      meanWaitAllSeconds: 0,
      meanQueueLength: 0,
      meanBusyHandlers: 0,
    };
  }
  const lambda = input.callsPerHour / SECONDS_PER_HOUR;
  const mu = 1 / input.meanHandlingSeconds;
  const theta = 1 / input.meanPatienceSeconds;
  const core = erlangACore(c, lambda, mu, theta);
  const probAnswered = clamp01(core.probNoWait + core.probAnsweredAfterWait);
  const after = erlangAAnsweredTail(core, input.targetSeconds);
  const within = clamp01(core.probNoWait + Math.max(0, core.probAnsweredAfterWait - after));
  const abandonWaitProduct = Math.max(0, core.meanWaitAll - core.waitAnsweredProduct);
  return {
    offeredLoadErlangs: a,
    probWait: clamp01(core.probWait),
    probAbandon: clamp01(core.probAbandon),
    probAnswered,
    probAnsweredWithinTarget: within,
    probAnsweredAfterTarget: after,
    meanAnswerSeconds: probAnswered > 0 ? core.waitAnsweredProduct / probAnswered : 0,
    meanAbandonSeconds: core.probAbandon > 0 ? abandonWaitProduct / core.probAbandon : 0,
    meanWaitAllSeconds: core.meanWaitAll,
    meanQueueLength: core.meanQueueLength,
    meanBusyHandlers: Math.min(c, core.meanBusy),
  };
}

function erlangAFigures(input: ErlangAInput): IntervalFigures {
  const m = erlangA(input);
  return {
    model: 'erlang-a',
    offeredLoadErlangs: m.offeredLoadErlangs,
    probWait: m.probWait,
    serviceLevelPct: 100 * m.probAnsweredWithinTarget,
    answeredWithinTargetPct:
      m.probAnswered > 0 ? 100 * clamp01(m.probAnsweredWithinTarget / m.probAnswered) : 100,
    meanAnswerSeconds: m.meanAnswerSeconds,
    meanWaitAllSeconds: m.meanWaitAllSeconds,
    abandonedPct: 100 * m.probAbandon,
    occupancyPct: (100 * m.meanBusyHandlers) / input.handlers,
    stable: true,
  };
}

/**
 * Erlang C or Erlang A figures for one interval (Erlang A iff meanPatienceSeconds is finite).
 * Example: intervalFigures({ callsPerHour: 200, meanHandlingSeconds: 180, handlers: 14, targetSeconds: 20 }).serviceLevelPct ≈ 88.8.
 */
export function intervalFigures(input: IntervalInput): IntervalFigures {
  validateCommon(input);
  assertInteger('handlers', input.handlers, 1);
  if (isErlangA(input)) {
    return erlangAFigures({ ...input, meanPatienceSeconds: input.meanPatienceSeconds as number });
  }
  const a = offeredLoadErlangs(input.callsPerHour, input.meanHandlingSeconds);
  const c = input.handlers;
  const b = a < c ? erlangB(c, a) : 1;
  return erlangCFigures(
    c,
    a,
    b,
    1 / input.meanHandlingSeconds,
    input.callsPerHour / SECONDS_PER_HOUR,
    input.targetSeconds,
  );
}

/**
 * Fewest handlers (>= 1) whose serviceLevelPct reaches targetServiceLevelPct (0..100) and, for
 * Erlang C, is stable. Searches upward; throws RangeError past `maxHandlers`
 * (default 2 * ceil(load) + 1000).
 * Example: fewestHandlers({ callsPerHour: 200, meanHandlingSeconds: 180, targetSeconds: 20 }, 80) === 14.
 */
export function fewestHandlers(
  input: Omit<IntervalInput, 'handlers'>,
  targetServiceLevelPct: number,
  maxHandlers?: number,
): number {
  validateCommon(input);
  if (!Number.isFinite(targetServiceLevelPct) || targetServiceLevelPct < 0 || targetServiceLevelPct > 100) {
    throw new RangeError(`targetServiceLevelPct must be within 0..100 (got ${targetServiceLevelPct})`);
  }
  const a = offeredLoadErlangs(input.callsPerHour, input.meanHandlingSeconds);
  const cap = maxHandlers ?? 2 * Math.ceil(a) + 1000;
  assertInteger('maxHandlers', cap, 1);

  if (isErlangA(input)) {
    // P(answered within target) <= P(answered) = (mean busy) mu / lambda <= c / a, so no c below
    // a * target / 100 can qualify: start there.
    const start = Math.max(1, Math.floor((a * targetServiceLevelPct) / 100));
    const patience = input.meanPatienceSeconds as number;
    for (let c = start; c <= cap; c++) {
      const f = erlangAFigures({ ...input, handlers: c, meanPatienceSeconds: patience });
      if (f.serviceLevelPct >= targetServiceLevelPct) return c;
    }
  } else {
    const mu = 1 / input.meanHandlingSeconds;
    const lambda = input.callsPerHour / SECONDS_PER_HOUR;
    // Same Erlang B recursion as erlangB(), carried along c.
    let b = 1;
    for (let c = 1; c <= cap; c++) {
      if (a === 0) {
        b = 0;
      } else {
        const ab = a * b;
        b = ab / (c + ab);
      }
      if (a >= c) continue;
      const f = erlangCFigures(c, a, b, mu, lambda, input.targetSeconds);
      if (f.serviceLevelPct >= targetServiceLevelPct) return c;
    }
  }
  throw new RangeError(
    `no handler count up to ${cap} reaches a service level of ${targetServiceLevelPct}% ` +
      `(load ${a.toFixed(3)} Erlangs)`,
  );
}

/**
 * Cobham (1954) mean queue waits (seconds) per class for M/M/c with non-preemptive priorities and
 * identical exponential handling; classes[0] is the best. Waits are Infinity for classes whose
 * cumulative load reaches the handlers. overallMeanWaitSeconds is the call-weighted mean.
 * Example: priorityMeanWaits({ callsPerHour: [0.2, 0.6, 1.2], meanHandlingSeconds: 1200, handlers: 1 }).meanWaitSeconds[0] ≈ 857 (0.238 h).
 */
export function priorityMeanWaits(input: {
  callsPerHour: number[];
  meanHandlingSeconds: number;
  handlers: number;
}): { meanWaitSeconds: number[]; overallMeanWaitSeconds: number } {
  const { callsPerHour, meanHandlingSeconds, handlers } = input;
  if (!Array.isArray(callsPerHour) || callsPerHour.length === 0) {
    throw new RangeError('callsPerHour must be a non-empty array');
  }
  callsPerHour.forEach((x, i) => assertFiniteNonNegative(`callsPerHour[${i}]`, x));
  assertPositiveFinite('meanHandlingSeconds', meanHandlingSeconds);
  assertInteger('handlers', handlers, 1);
  const c = handlers;
  const mu = 1 / meanHandlingSeconds;
  const loads = callsPerHour.map((x) => offeredLoadErlangs(x, meanHandlingSeconds));
  const totalLoad = loads.reduce((s, x) => s + x, 0);
  // W0 = P(all busy) * mean time to the next completion when all busy = C(c, a) / (c mu).
  const w0 = erlangC(c, totalLoad) / (c * mu);
  const waits: number[] = [];
  let cum = 0;
  for (const load of loads) {
    const before = cum / c;
    cum += load;
    const after = cum / c;
    waits.push(after < 1 ? w0 / ((1 - before) * (1 - after)) : Infinity);
  }
  const totalRate = callsPerHour.reduce((s, x) => s + x, 0);
  let overall = 0;
  if (totalRate > 0) {
    for (let i = 0; i < waits.length; i++) {
      if (callsPerHour[i]! > 0) overall += (callsPerHour[i]! * waits[i]!) / totalRate;
    }
  }
  return { meanWaitSeconds: waits, overallMeanWaitSeconds: overall };
}
