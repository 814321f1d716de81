/**
 * The loading stage: suite files -> validated `Suite[]` plus diagnostics.
 *
 * files -> YAML with positions (yaml-file) -> format schema (format-schema, collapse,
 * schema-diagnostics) -> model (build) -> semantic checks (checks/) -> sorted diagnostics.
 */
export { loadSuites, type LoadOptions, type LoadResult } from './load-suites.js';
export { loadOperations, findOperation, pathMatches, closestOperations, type Operation, type OperationBody, type OperationResponse } from './operations.js';
export { formatDiagnostic } from './format-diagnostic.js';
export { YamlFile, type Path } from './yaml-file.js';
export { parseBaseline } from './baseline.js';
export { readContract, type Contract, type ContractOperation } from './contract.js';
export { computeCoverage, percentOf } from './coverage.js';
