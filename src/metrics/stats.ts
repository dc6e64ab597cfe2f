/**
 * Statistics of replication output: the mean and 95% confidence interval of replication values
 * (meanCi95), and the Student-t and normal distributions it needs. One file per concept under
 * stats/; this file is their public index.
 */
export { meanCi95 } from './stats/meanCi95.js';
export { tCdf, tQuantile } from './stats/studentT.js';
export { normalCdf, normalQuantile } from './stats/normal.js';
