/**
 * Named checks: an exchange and an (already variable-resolved) expectation in, findings out.
 * Pure, so the runner and a proxy validating live SDK traffic can share them.
 */
export type { CheckContext, CheckDefinition, Judgement, JudgementEvidence, NegatablePart, PredicateDefinition, SchemaStore, SchemaViolation } from './types.js';
export { checkExchange } from './check-exchange.js';
export { checks, predicates } from './registry.js';
export { bothWays } from './negation.js';
export { createSchemaStore } from './schema/store.js';
export { InvalidExpectationError, SchemaLoadError } from './errors.js';
export { parsePointer, resolvePointer, formatPointer, escapeToken, joinPointer, type Resolution } from './json/pointer.js';
export { firstDifference, jsonEqual, type Difference } from './json/equal.js';
export { jsonTypeOf, hasJsonType } from './json/type.js';
export { preview, DEFAULT_PREVIEW, type PreviewLimits } from './json/preview.js';
