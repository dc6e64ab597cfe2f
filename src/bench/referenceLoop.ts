import { KeyedRandom } from '../engine/KeyedRandom.js';
import { RandomStreams, replicationSeed } from '../engine/rng.js';

/**
 * The Erlang-A case (M/M/c+M) the benchmark's reference loop runs: one contact type answered
 * first come first served by one group of identical handlers, Poisson arrivals, exponential
 * handling and patience, from an empty and idle start.
 */
export interface ReferenceCase {
  /** The contact type's name: it keys the draws, as in the model ('999' in the benchmark). */
  name: string;
  callsPerHour: number;
  handlers: number;
  meanHandlingSeconds: number;
  meanPatienceSeconds: number;
  targetSeconds: number;
  /** Calls arrive over warm-up + counted hours; those arriving in the counted hours count. */
  warmupHours: number;
  hours: number;
}

/** The counted calls' totals (as the model's tally counts them) and the model events run. */
export interface ReferenceResult {
  offered: number;
  answered: number;
  abandoned: number;
  answeredWithinTarget: number;
  /** Sum of the answered calls' waits, seconds. */
  answerSecondsSum: number;
  /** Model events of every call, counted or not: as the model's EventCounts. */
  events: { arrivals: number; answers: number; serviceEnds: number; abandonments: number };
}

/** Event kinds on the heap, and their tie ranks (the model's: a release before anything else at the same instant). */
const RELEASE = 0;
const PATIENCE = 1;
const SEQ_SPAN = 1_099_511_627_776;
const TIE_RELEASE = 1 * SEQ_SPAN;
const TIE_DEFAULT = 2 * SEQ_SPAN;

/**
 * runReference: the benchmark's yardstick, a hand-written plain-JS event loop of the Erlang-A
 * case, written the way one would write it for speed and for this model alone: a binary heap
 * in typed arrays (time, tie and sequence key, event), the next arrival held outside the heap,
 * calls in typed arrays indexed by a pooled slot (freed when nothing refers to it any more),
 * the queue a ring of slots with lazy removal of callers who hung up, and a count of idle
 * handlers (they are identical). No Observables, no objects per call.
 *
 * It draws exactly what the model draws for the case, from the same generators: the gaps from
 * the contact type's `arrivals:<name>` stream, each caller's handling then patience keyed by
 * (origin, caller number, attempt 0, purpose) with KeyedRandom. So with no exact ties in time
 * it reproduces the model's counts, and where it does not the two agree statistically.
 *
 * @example runReference({ name: '999', callsPerHour: 3800, handlers: 50, meanHandlingSeconds: 45,
 *   meanPatienceSeconds: 60, targetSeconds: 10, warmupHours: 0, hours: 100 }, 1, 0).answered
 */
export function runReference(c: ReferenceCase, seed: number, replication: number): ReferenceResult {
  const repSeed = replicationSeed(seed, replication);
  const gaps = new RandomStreams(repSeed).stream(`arrivals:${c.name}`);
  const keyed = new KeyedRandom(repSeed);
  const origin = KeyedRandom.key(`origin:${c.name}`);
  const handlingKey = KeyedRandom.key(`handling:${c.name}`);
  const patienceKey = KeyedRandom.key(`patience:${c.name}`);
  const perSecond = c.callsPerHour / 3600;
  const warmupSeconds = c.warmupHours * 3600;
  const endSeconds = warmupSeconds + c.hours * 3600;
  const meanH = c.meanHandlingSeconds;
  const meanP = c.meanPatienceSeconds;
  const target = c.targetSeconds;

  // the heap
  let cap = 1024;
  let hTime = new Float64Array(cap);
  let hKey = new Float64Array(cap);
  let hEvent = new Int32Array(cap); // slot * 2 + kind
  let n = 0;
  let seq = 0;
  // the calls, by slot
  let callCap = 1024;
  let arrivedAt = new Float64Array(callCap);
  let handlingSeconds = new Float64Array(callCap);
  let refs = new Int32Array(callCap); // heap events and queue entries naming the slot
  let waiting = new Uint8Array(callCap);
  let free = new Int32Array(callCap);
  let freeCount = 0;
  for (let i = callCap - 1; i >= 0; i--) free[freeCount++] = i;
  // the queue: a ring of slots
  let ring = new Int32Array(1024);
  let qFirst = 0;
  let qLen = 0;
  let idle = c.handlers;

  let offered = 0, answered = 0, abandoned = 0, withinTarget = 0, answerSum = 0;
  let arrivals = 0, answers = 0, serviceEnds = 0, abandonments = 0;

  const push = (time: number, key: number, event: number): void => {
    if (n === cap) {
      cap *= 2;
      const t = new Float64Array(cap); t.set(hTime); hTime = t;
      const k = new Float64Array(cap); k.set(hKey); hKey = k;
      const e = new Int32Array(cap); e.set(hEvent); hEvent = e;
    }
    let i = n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = hTime[p];
      if (pt < time || (pt === time && hKey[p] < key)) break;
      hTime[i] = pt; hKey[i] = hKey[p]; hEvent[i] = hEvent[p];
      i = p;
    }
    hTime[i] = time; hKey[i] = key; hEvent[i] = event;
  };
  const popRoot = (): void => {
    const last = --n;
    if (last === 0) return;
    const t = hTime[last], k = hKey[last], e = hEvent[last];
    let i = 0;
    for (;;) {
      let ch = 2 * i + 1;
      if (ch >= last) break;
      const r = ch + 1;
      if (r < last && (hTime[r] < hTime[ch] || (hTime[r] === hTime[ch] && hKey[r] < hKey[ch]))) ch = r;
      const ct = hTime[ch];
      if (ct > t || (ct === t && hKey[ch] > k)) break;
      hTime[i] = ct; hKey[i] = hKey[ch]; hEvent[i] = hEvent[ch];
      i = ch;
    }
    hTime[i] = t; hKey[i] = k; hEvent[i] = e;
  };
  const allocSlot = (): number => {
    if (freeCount === 0) {
      const old = callCap;
      callCap *= 2;
      const a = new Float64Array(callCap); a.set(arrivedAt); arrivedAt = a;
      const h = new Float64Array(callCap); h.set(handlingSeconds); handlingSeconds = h;
      const r = new Int32Array(callCap); r.set(refs); refs = r;
      const w = new Uint8Array(callCap); w.set(waiting); waiting = w;
      free = new Int32Array(callCap);
      for (let i = callCap - 1; i >= old; i--) free[freeCount++] = i;
    }
    return free[--freeCount];
  };
  const unref = (slot: number): void => {
    if (--refs[slot] === 0) free[freeCount++] = slot;
  };
  const answer = (slot: number, now: number): void => {
    answers++;
    waiting[slot] = 0;
    const at = arrivedAt[slot];
    if (at >= warmupSeconds) {
      const w = now - at;
      answered++;
      answerSum += w;
      if (w <= target) withinTarget++;
    }
    idle--;
    refs[slot]++;
    push(now + handlingSeconds[slot], TIE_RELEASE + seq++, slot * 2 + RELEASE);
  };

  let serial = 0;
  let nextArrival = 0 + -Math.log(1 - gaps()) / perSecond;
  let now = 0;
  for (;;) {
    if (nextArrival < endSeconds && (n === 0 || nextArrival < hTime[0])) {
      // an arrival: the caller's draws, then answered at once or queued
      now = nextArrival;
      arrivals++;
      if (now >= warmupSeconds) offered++;
      const slot = allocSlot();
      arrivedAt[slot] = now;
      refs[slot] = 0;
      handlingSeconds[slot] = 0 - meanH * Math.log(1 - keyed.at(origin, serial, 0, handlingKey)());
      const patience = 0 - meanP * Math.log(1 - keyed.at(origin, serial, 0, patienceKey)());
      serial++;
      if (idle > 0) {
        answer(slot, now);
      } else {
        waiting[slot] = 1;
        if (qLen === ring.length) {
          const bigger = new Int32Array(ring.length * 2);
          for (let i = 0; i < qLen; i++) bigger[i] = ring[(qFirst + i) & (ring.length - 1)];
          ring = bigger;
          qFirst = 0;
        }
        ring[(qFirst + qLen++) & (ring.length - 1)] = slot;
        refs[slot] = 2;
        push(now + patience, TIE_DEFAULT + seq++, slot * 2 + PATIENCE);
      }
      nextArrival = now + -Math.log(1 - gaps()) / perSecond;
      continue;
    }
    if (n === 0) break;
    now = hTime[0];
    const event = hEvent[0];
    popRoot();
    const slot = event >> 1;
    if ((event & 1) === PATIENCE) {
      if (waiting[slot] === 1) {
        waiting[slot] = 0;
        abandonments++;
        if (arrivedAt[slot] >= warmupSeconds) abandoned++;
      }
      unref(slot);
      continue;
    }
    // a release: the handler takes the longest-waiting caller still waiting, or goes idle
    serviceEnds++;
    unref(slot);
    idle++;
    while (qLen > 0) {
      const head = ring[qFirst];
      qFirst = (qFirst + 1) & (ring.length - 1);
      qLen--;
      if (waiting[head] === 1) {
        refs[head]--; // its patience event still names it
        answer(head, now);
        break;
      }
      unref(head);
    }
  }
  return {
    offered,
    answered,
    abandoned,
    answeredWithinTarget: withinTarget,
    answerSecondsSum: answerSum,
    events: { arrivals, answers, serviceEnds, abandonments },
  };
}
