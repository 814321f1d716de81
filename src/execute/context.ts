import type { CheckContext } from '../assert/index.js';
import type { ThrottleGate } from './gate.js';
import type { HttpClient } from './http.js';
import type { Redactor } from '../common/redact.js';
import type { RequestMetrics } from './metrics.js';
import type { OpenCreates } from './open-creates.js';
import type { RetryPolicy } from './retry.js';

/** Records what a run creates, so nothing is left behind (the ledger implements it). */
export interface CreationTracker {
  /** Before a create is sent: what the collection held, so a lost answer can be reconciled. */
  beforeCreate(collectionUrl: string, templateId: string | undefined): Promise<string | undefined>;
  /** Right after a create answered with an id. */
  created(intentId: string | undefined, resourceUrl: string, id: string): void;
  /** A create answered 4xx: refused, so nothing to clean. (A 5xx leaves the outcome unknown.) */
  rejected(intentId: string | undefined, status: number): void;
  /**
   * A create answered 5xx, or its answer was lost: the collection is listed (every page,
   * retried) until that proves what the create made; until then the create stays open.
   */
  unanswered?(intentId: string | undefined): Promise<void>;
  /**
   * A create answered below 500 with no job id to record (a 2xx without a usable id): nothing more
   * will be asked of it. Its intent stays open in the ledger, for `gsc cleanup` to find by listing.
   */
  settled?(intentId: string | undefined): void;
  /** After a DELETE answered: 2xx deleted it, 404 found it gone. */
  deleted(resourceUrl: string, status: number): void;
}

/** Everything a step needs from the run; built once per run by the CLI or a library user. */
export interface ExecContext {
  /** Target base URL with the version segment, e.g. `https://graph.microsoft.com/v1.0`. */
  baseUrl: string;
  http: HttpClient;
  /** The run's bearer token (cached and refreshed by the provider). */
  token: () => Promise<string>;
  redactor: Redactor;
  checks: CheckContext;
  retry: RetryPolicy;
  /** Caps every request: concurrency and rate, shared by the whole run. */
  limit: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Shared by every request of the run: one throttled answer holds them all (see {@link ThrottleGate}). */
  gate: ThrottleGate;
  /** How long one job's cleanup retries transient answers before leaving the job to `gsc cleanup`. */
  cleanupTimeoutMs: number;
  /** Upper bound for every `eventually` timeout. */
  consistencyTimeoutMs: number;
  /** Aborted on interrupt: requests in flight stop at once, steps stop early; cleanup still runs, under its own deadline. */
  signal: AbortSignal;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  tracker?: CreationTracker;
  /** What happened to creates that left no job id, for the run's end note; absent: not noted. */
  openCreates?: OpenCreates;
  /** Latency of every request sent, by operation; absent: nothing is timed. */
  metrics?: RequestMetrics;
}
