import { KeyedRandom } from '../../engine/KeyedRandom.js';

/**
 * Origin: an arrival stream's name and key. A caller is named by the stream they first came
 * from and their number in it, so the same caller has the same draws in every scenario.
 *
 * @example new Origin('999') // the 999 contact type's own arrivals
 */
export class Origin {
  readonly key: number;
  /** Callers that came from this stream so far (the next caller's number). */
  callers = 0;

  constructor(readonly name: string) {
    this.key = KeyedRandom.key(`origin:${name}`);
  }
}
