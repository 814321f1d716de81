export type * from './span.js';
export type * from './diagnostic.js';
export type * from './suite.js';
export type * from './exchange.js';
export type * from './finding.js';
export type * from './result.js';
export type * from './plan.js';
export { LEVELS } from './suite.js';
export { STATUS_RANK } from './result.js';
