import type { Call } from './Call.js';

/**
 * CallQueue: first come, first served waiting line of one contact type, a growable ring
 * buffer. Calls that hung up stay in place and are dropped when they reach the head
 * (lazy removal), so abandoning costs nothing here.
 *
 * @example
 *   q.push(call); q.head(); // the longest-waiting call still waiting, or undefined
 */
export class CallQueue {
  private items: (Call | undefined)[] = new Array(64);
  private first = 0;
  private length = 0;
  /** Told of each call that leaves the queue (its entry no longer names it: `journey/refs.ts`). */
  onLeave: (call: Call) => void = () => {};

  push(call: Call): void {
    if (this.length === this.items.length) this.grow();
    this.items[(this.first + this.length) & (this.items.length - 1)] = call;
    this.length++;
  }

  /** The longest-waiting call that is still waiting, without removing it. */
  head(): Call | undefined {
    while (this.length > 0) {
      const call = this.items[this.first]!;
      if (call.waiting) return call;
      this.dropFirst();
    }
    return undefined;
  }

  /** Remove and return the head (call `head()` first). */
  shift(): Call {
    const call = this.items[this.first]!;
    this.dropFirst();
    return call;
  }

  private dropFirst(): void {
    const call = this.items[this.first]!;
    this.items[this.first] = undefined;
    this.first = (this.first + 1) & (this.items.length - 1);
    this.length--;
    this.onLeave(call);
  }

  private grow(): void {
    const bigger: (Call | undefined)[] = new Array(this.items.length * 2);
    for (let i = 0; i < this.length; i++) bigger[i] = this.items[(this.first + i) & (this.items.length - 1)];
    this.items = bigger;
    this.first = 0;
  }
}
