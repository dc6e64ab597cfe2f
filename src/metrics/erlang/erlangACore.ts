/**
 * The stationary queue of Erlang A (M/M/c+M) and the waiting-time tail of answered calls.
 *
 * Erlang A derivation (lambda arrival rate, mu service rate, theta abandonment rate,
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
import { Kahan } from './Kahan.js';
import { LogSum } from './LogSum.js';

/** Stop a positive series once the bound on the rest is below this fraction of its largest term. */
const TAIL_EPSILON = 1e-17;

/** Safety cap on the number of queue states / series terms visited in one Erlang A evaluation. */
const MAX_ERLANG_A_TERMS = 10_000_000;

/** The Erlang A queue in its stationary state: rates per second, probabilities 0..1, times in seconds. */
export interface ErlangACore {
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

/**
 * True when, with `c` handlers below the load, the Erlang A queue would hold more than
 * MAX_ERLANG_A_TERMS calls on average (patience so long that almost nobody hangs up): too many
 * states to sum. Rates per second.
 */
export function tooManyWaiting(c: number, lambda: number, mu: number, theta: number): boolean {
  return (lambda - c * mu) / theta > MAX_ERLANG_A_TERMS;
}

/** Sums the stationary distribution of the Erlang A queue (c handlers; rates per second). */
export function erlangACore(c: number, lambda: number, mu: number, theta: number): ErlangACore {
  const cmu = c * mu;
  // With more load than handlers the queue settles only through callers hanging up, near
  // k = (lambda - c mu)/theta calls waiting (not an overload as in Erlang C: it is stable): refuse
  // up front rather than sum for ages when patience is astronomically long.
  if (tooManyWaiting(c, lambda, mu, theta)) {
    throw new RangeError(
      `Erlang A: with ${c} handlers for ${(lambda / mu).toFixed(2)} Erlangs and mean patience ${1 / theta} s, about ${Math.round((lambda - cmu) / theta)} calls ` +
        `would wait on average (the queue settles only as callers hang up): too many to sum; use a shorter meanPatienceSeconds or at least ${Math.ceil(lambda / mu)} handlers`,
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
          'Erlang A: queue distribution too wide to sum (patience extremely long for a load above the handlers)',
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
export function erlangAAnsweredTail(core: ErlangACore, tSeconds: number): number {
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
