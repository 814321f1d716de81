import type { HistogramSummary } from '../common/histogram.js';
import type { BaselineMark } from './baseline.js';
import type { Coverage } from './coverage.js';
import type { Exchange } from './exchange.js';
import type { Finding } from './finding.js';
import type { Level } from './suite.js';
import type { SourceSpan } from './span.js';
import type { SkipCode, SkipReason } from './plan.js';

/**
 * How a case or step ended.
 * - `passed`: every expectation held.
 * - `failed`: the target broke the contract (there are findings).
 * - `error`: the run could not test it (connection refused, timeout, unparseable answer…).
 * - `skipped`: not run, with a reason (not selected for writes, unsupported optional route…).
 */
export type Status = 'passed' | 'failed' | 'error' | 'skipped';

/** Order used when merging: a worse status wins. */
export const STATUS_RANK: Record<Status, number> = { skipped: 0, passed: 1, failed: 2, error: 3 };

/** Why the run could not test something; `code` is stable, `message` is for people. */
export interface RunError {
  code: 'connect' | 'timeout' | 'protocol' | 'throttled' | 'variable' | 'auth' | 'internal' | 'aborted' | 'duration';
  message: string;
  /**
   * For a request that got no answer: true when it went out (it may have taken effect, a create
   * may have made its job), false when it never left; absent when not known or nothing was sent.
   */
  sent?: boolean;
}

/** The outcome of one step, including the attempts an `eventually` step made. */
export interface StepResult {
  name: string;
  /** The fixture the case used that contributed this step (`newJob`); absent for the case's own steps. */
  fixture?: string;
  /** `main` steps prove the claim; `cleanup` steps tidy up and never fail a case by themselves. */
  phase: 'main' | 'cleanup';
  status: Status;
  findings: Finding[];
  error?: RunError;
  skipReason?: string;
  /** The last exchange (the one judged); absent when nothing was sent. */
  exchange?: Exchange;
  /** How many requests were sent, counting eventual-consistency polls and retries. */
  attempts: number;
  /** Requests retried because the target throttled (429/503) or a transient failure. */
  retries: number;
  /** Why each retry happened, e.g. "429 Too Many Requests, Retry-After: 5"; absent when none. */
  retryReasons?: string[];
  durationMs: number;
  span: SourceSpan;
}

/** The outcome of one case. */
export interface CaseResult {
  /** Stable id, as in the suite. */
  id: string;
  suite: string;
  title: string;
  level: Level;
  tags: string[];
  doc: string;
  file: string;
  span: SourceSpan;
  status: Status;
  steps: StepResult[];
  /** Why the case was skipped, or the error that stopped it. */
  skipReason?: string;
  /** The stable code of the skip (see {@link SkipReason}), so reports can count skips by reason. */
  skipCode?: SkipCode;
  error?: RunError;
  /** Set when `--baseline` names this case: a known deviation accepted, fixed, or expired. */
  baseline?: BaselineMark;
  startedAt: string;
  durationMs: number;
}

/** Facts about the run, for report headers. Never holds a secret. */
export interface RunInfo {
  tool: { name: string; version: string };
  /** The target base URL, or `embedded emulator (http://127.0.0.1:PORT/v1.0)`. */
  target: string;
  startedAt: string;
  /** Case instances the run will run: selected cases times `--repeat`; with `--duration`, the cases of one round. */
  total: number;
  /**
   * Set by a `--duration` run: rounds start until this many milliseconds have passed, so how
   * many cases will run is not known, and `total` counts one round.
   */
  durationMs?: number;
  /** Set with `durationMs` when `--repeat` caps the rounds too: the run stops at whichever ends first. */
  rounds?: number;
  /**
   * What each result stands for: a suite's case (the default), or one exchange `gsc proxy`
   * judged as it passed through, whose number is not known until the proxy stops.
   */
  subject?: 'case' | 'exchange';
  /** `--level`: failures at this level or stricter fail the run. */
  failLevel: Level;
  /** Set when the run is one shard of a split (`--shard i/n`). */
  shard?: ShardInfo;
  /** How much of the contract in `specs/` the selected cases check. */
  coverage?: Coverage;
}

/**
 * Which share of a split run this is, and what the shards of one run have in common, so
 * `gsc merge-reports` can refuse shards that do not belong together.
 */
export interface ShardInfo {
  /** This shard, 1-based. */
  index: number;
  /** How many shards the run was split into. */
  count: number;
  /** Cases in the whole selection, across every shard. */
  selected: number;
  /** sha256 of the whole selection: case ids in plan order, with the plan's skips. */
  selection: string;
  /** sha256 of the suite files' contents (names and folders aside). */
  suites: string;
  /** The target base URL, or `embedded emulator` (whose port differs from shard to shard). */
  target: string;
  /**
   * How the cases were dealt: `count` (round-robin) or `timings sha256:…` (by the durations
   * `--shard-timings` gave, digested). Absent in files of older versions.
   */
  split?: string;
  /** `--repeat N` (1 when not given). Absent in files of older versions. */
  repeat?: number;
  /** `--duration` in milliseconds, when given. */
  durationMs?: number;
  /** The whole selection's case ids, in plan order: what the shards together must run. Absent in files of older versions. */
  selectedIds?: string[];
  /** The CI run the shard belongs to, when the environment says (`GITHUB_RUN_ID`; re-runs of its jobs share it). */
  ciRun?: string;
  /** Which attempt of that CI run (`GITHUB_RUN_ATTEMPT`): "Re-run failed jobs" runs some shards again as attempt 2. */
  ciAttempt?: number;
}

/** Counts by status. */
export type Counts = Record<Status, number>;

/**
 * What a run proved.
 * - `conformant`: every selected case ran, and none at the failing level failed.
 * - `non-conformant`: a case at the failing level (or stricter) failed.
 * - `incomplete`: nothing at the failing level failed, but the run stopped early or cases ended in
 *   error, so conformance was not shown.
 */
export type Verdict = 'conformant' | 'non-conformant' | 'incomplete';

/** The end of a run. */
export interface RunSummary {
  counts: Counts;
  durationMs: number;
  /** How long the run held its requests because the target throttled (Retry-After or backoff), in ms. */
  waitedMs?: number;
  verdict: Verdict;
  /** `verdict === 'conformant'`, for readers that want a boolean: never true for a run that did not test everything. */
  conformant: boolean;
  /** Set when the run stopped early (target unreachable, interrupted). */
  aborted?: RunError;
  /** Request latency per operation; absent when no request was timed. */
  latency?: LatencyReport;
  /** Skipped cases by the code of their reason (`needs-allow-writes`: 35), so a verdict says on how much it stands. */
  skips?: Record<string, number>;
  /** MUST cases skipped in a run that requires all (`--require-all`): any makes the verdict incomplete. */
  requiredSkipped?: number;
}

/**
 * Latency of the requests of one operation (`POST /servicePrincipals/{servicePrincipal-id}/synchronization/jobs`),
 * in milliseconds, each attempt counted (polls and retries too). Percentiles come from a
 * logarithmic histogram and are within 1% of the exact value.
 */
export interface OperationLatency extends HistogramSummary {
  /** The histogram's non-empty buckets, `[index, count]`: bucket i holds values from 1.02^i to 1.02^(i+1) µs. Kept so shards merge exactly. */
  buckets: Array<[number, number]>;
}

/** Request latency of a run: every request together, and by operation. */
export interface LatencyReport {
  /** Every request the run sent, cases' and its own (the ledger's listings). */
  all: OperationLatency;
  /** By operation: the method and the path as the suite writes it, variables in braces. */
  operations: Record<string, OperationLatency>;
}

/**
 * What reporters receive, as it happens. Every hook is optional; a reporter that needs the
 * whole run keeps what it needs (the JSON reporter), one that streams writes as it goes.
 */
export interface Reporter {
  /** Stable name, as given to `--reporter`. */
  readonly name: string;
  onRunStart?(info: RunInfo): void | Promise<void>;
  onCaseStart?(c: { id: string; title: string }): void | Promise<void>;
  onCaseEnd?(result: CaseResult): void | Promise<void>;
  onRunEnd?(summary: RunSummary): void | Promise<void>;
}
