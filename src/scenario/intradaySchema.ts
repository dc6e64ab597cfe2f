import { z } from 'zod';

/**
 * Intraday management, per handler group: how a supervisor moves breaks while the queue is
 * long (`breaks`) and calls staff in when it stays long (`surge`). Both optional; without them
 * breaks start at their planned time and nobody is called in (the model before issue 10).
 *
 * @example
 *   handlers:
 *     emergency:
 *       breaks: { defer_while_queue_over: 5, latest_start_minutes_after_planned: 60 }
 *       surge: { when_queue_over: 20, after_minutes: 30, extra_staff: 40, ramp_minutes: 60, max_hours: 6 }
 */

const calls = () => z.number({ error: 'expected a number of calls' }).int({ error: 'must be a whole number' }).min(0, { error: 'must be >= 0' }).max(1_000_000, { error: 'must be at most 1,000,000 (a sane bound)' });
const minutes = () => z.number({ error: 'expected minutes' }).nonnegative({ error: 'must be >= 0' }).max(10_080, { error: 'must be at most 10,080 (a week)' });

/**
 * `breaks:` a break is due at its planned time; while more than `defer_while_queue_over` calls
 * wait for the group, the supervisor holds it: the handler goes the next time they are free
 * with the queue at or under the threshold, and at the latest `latest_start_minutes_after_planned`
 * after the planned time (after the call in hand), never so late that it would run past the shift's end.
 */
export const breakRuleSchema = z.strictObject({
  defer_while_queue_over: calls(),
  latest_start_minutes_after_planned: minutes(),
});

/**
 * `surge:` call-ins and overtime for major incidents. The supervisor looks at the queue each
 * minute; when more than `when_queue_over` calls wait for the group, the call goes out: after
 * `after_minutes` the first extra position opens, and `extra_staff` of them open evenly over
 * `ramp_minutes`; each works `max_hours` (the overtime cap), then leaves after the call in hand.
 * One surge at a time: the next can start once every extra handler of this one has left.
 */
export const surgeSchema = z.strictObject({
  when_queue_over: calls(),
  after_minutes: minutes(),
  extra_staff: z.number({ error: 'expected a number of handlers' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be >= 1' }).max(10_000, { error: 'must be at most 10,000 (a sane bound)' }),
  ramp_minutes: minutes().optional(),
  max_hours: z.number({ error: 'expected hours' }).positive({ error: 'must be > 0' }).max(24, { error: 'must be at most 24 (one overtime spell)' }),
  /** The training level of those called in (default: the group's fastest level in its training mix). */
  level: z.string({ error: 'expected a training level name' }).optional(),
});

export type BreakRuleInput = z.infer<typeof breakRuleSchema>;
export type SurgeInput = z.infer<typeof surgeSchema>;
