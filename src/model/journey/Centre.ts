import type { Calendar, EventFn } from '../../engine/Calendar.js';
import type { KeyedRandom } from '../../engine/KeyedRandom.js';
import type { Call } from '../Call.js';
import type { ContactType } from '../ContactType.js';
import type { HandlerTable } from '../HandlerTable.js';
import type { CallSource } from '../records.js';

/** Model events by kind: what the benchmark counts. */
export interface EventCounts {
  arrivals: number;
  answers: number;
  serviceEnds: number;
  abandonments: number;
}

/** A repeat contact to make later: a redial or a switch of the caller of `call`. */
export interface Retry {
  readonly call: Call;
  readonly to: ContactType;
  readonly source: CallSource;
}

/**
 * Centre: the state of one replication that a call's journey reads and changes. Each verb
 * (`arrive`, `reachForce`, `dispatch`, `answer`, `release`, `renege`, `retry`, `overflow`) is
 * a small function of it. The verbs put their next steps on the calendar through `on`, the
 * event functions `ContactCentre` wires to them once, so no verb imports another verb that
 * imports it back, and nothing is allocated per event.
 *
 * The per-call steps are scheduled on the calendar directly, not through RxJS: an Observable
 * per timer costs about 1.7x in the hot loop (architecture.md); the streams are at the edges.
 */
export interface Centre {
  readonly calendar: Calendar;
  readonly keyed: KeyedRandom;
  /** The handlers' answering state, by handler number: the journey names a handler by its number. */
  readonly handlers: HandlerTable;
  readonly replication: number;
  readonly counts: EventCounts;
  /** Counted period: calls arriving in [warmupSeconds, endSeconds) count; arrivals stop at endSeconds. */
  readonly warmupSeconds: number;
  readonly endSeconds: number;
  /** Calls arrived and not yet ended (including those on the BT leg). */
  inSystem: number;
  /** Calls waiting in a queue for a handler now. */
  waiting: number;
  nextCallId: number;
  /**
   * Ended calls not yet handed on (`simulate` emits them in batches): the first `endedCount`
   * entries (`handOnLater` adds one). The array is never shortened, only written over
   * from the start, so it keeps its storage from one batch to the next (setting its length to 0
   * would drop it, and every batch would grow it again).
   */
  readonly ended: Call[];
  endedCount: number;
  /**
   * Reuse a call once nothing names it any more (`refs.ts`): set by a run whose consumers read
   * each record while it is handed on and keep none (the tally, the per-call log).
   */
  readonly recycle: boolean;
  /** Calls free for reuse (only when `recycle`). */
  readonly pool: Call[];
  readonly on: {
    readonly reachesForce: EventFn<Call>;
    readonly patienceEnds: EventFn<Call>;
    readonly overflowDue: EventFn<Call>;
    readonly handlingEnds: EventFn<Call>;
    readonly retry: EventFn<Retry>;
    /** Handler number `h` is free: takes the next call, leaves (break or shift end) or waits. */
    readonly handlerFree: (h: number) => void;
  };
}

/** The call has ended: it joins the batch the run hands on next (see `Centre.ended`). */
export function handOnLater(c: Centre, call: Call): void {
  c.ended[c.endedCount++] = call;
}
