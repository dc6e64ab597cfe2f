/**
 * Time distributions (all times in seconds): one family per file under distributions/, and
 * distributionFrom, which builds one from its scenario-file form. This file is their index.
 */
export type { Distribution, DistributionFamily } from './distributions/Distribution.js';
export { standardNormal } from './distributions/standardNormal.js';
export { Exponential } from './distributions/Exponential.js';
export { Fixed } from './distributions/Fixed.js';
export { Lognormal } from './distributions/Lognormal.js';
export { Gamma } from './distributions/Gamma.js';
export { Uniform } from './distributions/Uniform.js';
export { Empirical } from './distributions/Empirical.js';
export { Scaled } from './distributions/Scaled.js';
export { distributionFrom, type DistributionSpec } from './distributions/distributionFrom.js';
