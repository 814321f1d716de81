/**
 * The library's way in: `run(options)` does what `gsc run` does and returns what `results.json`
 * holds. The CLI is a shell around it.
 */
export { run, planOnly, type RunResult, type RunHooks } from './run.js';
export type { RunOptions, TargetOptions, SignInOptions, Duration, Labeler } from './options.js';
export { flagLabel, flagOf } from './options.js';
export { EXIT, GscUsageError } from './exit-codes.js';
export { mergeReports, MERGE_REPORTERS, type MergeReportsOptions } from './merge-reports.js';
export { GscSuiteError, type LoadedSuites } from './suites.js';
export { GscBaselineError } from './baseline.js';
