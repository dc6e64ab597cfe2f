import { meanHalfWidth } from './confidence.js';

/** Mean and half-width (95% unless asked otherwise) over the replications that have a value (NaN values skipped). */
export function pooled(values: readonly number[], confidence = 0.95): { mean: number; halfWidth: number | null } {
  return meanHalfWidth(values, confidence);
}
