/**
 * graph-sync-conformance as a library: the pieces other projects' tests use. The CLI (`gsc`) is
 * built from the same parts.
 */
export type * from './model/index.js';
export { run, GscUsageError, GscSuiteError, GscBaselineError, EXIT, mergeReports } from './run/index.js';
export type { RunOptions, RunResult, TargetOptions, SignInOptions, Duration, MergeReportsOptions } from './run/index.js';
export { planRun, selectCases, gateWrites, SelectionError } from './plan/index.js';
export type { Plan, PlanOptions, Selection, TargetTraits } from './plan/index.js';
export type { ResultsFile } from './report/index.js';
export { loadSuites, loadOperations, formatDiagnostic } from './load/index.js';
export type { LoadOptions, LoadResult, Operation } from './load/index.js';
export { checkExchange, checks, createSchemaStore } from './assert/index.js';
export type { CheckContext, SchemaStore } from './assert/index.js';
export { createReporters, combineReporters, reporters } from './report/index.js';
export { main } from './cli/main.js';
export { startEmulator, listDeviations, defaultFixtures, loadFixtures } from './emulator/index.js';
export type { EmulatorOptions, EmulatorHandle, Fixtures, Deviation } from './emulator/index.js';
