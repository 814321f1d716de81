import { getMaxListeners, setMaxListeners } from 'node:events';
import { resolve } from 'node:path';
import { createSchemaStore } from '../assert/index.js';
import type { ExecContext } from '../execute/context.js';
import { HttpClient } from '../execute/http.js';
import { Ledger, pruneLedger } from '../execute/ledger/index.js';
import type { NetworkPath } from '../execute/network-path.js';
import { createGate } from '../execute/gate.js';
import { createLimiter } from '../execute/limits.js';
import { Redactor } from '../common/redact.js';
import { defaultRetryPolicy } from '../execute/retry.js';
import { sleep } from '../execute/sleep.js';
import { RequestMetrics } from '../execute/metrics.js';
import { ledgerTracker } from '../execute/tracker.js';
import { OpenCreates } from '../execute/open-creates.js';
import { UsageError } from './exit-codes.js';
import { flagLabel, type Duration, type Labeler, type RunOptions } from './options.js';
import { project } from './project.js';
import type { Target } from './target.js';
import { parseDuration, parsePositive, parsePositiveInt } from './values.js';

/** Listeners one case in flight may hold on the run's signal at once: its wait or request, its ledger listing, with room. */
const LISTENERS_PER_CASE = 4;

/** The ledger file of a report folder: every run appends to it, `gsc cleanup` reads it. */
export const LEDGER_FILE = 'ledger.jsonl';

/** An execution context and what must be closed after the run. */
export interface RunResources {
  ctx: ExecContext;
  redactor: Redactor;
  ledger?: Ledger;
  concurrency: number;
  close(): Promise<void>;
}

/** The run's limits, read and checked from the flags before anything starts. */
export interface RunLimits {
  concurrency: number;
  maxRps?: number;
  timeoutMs: number;
  /** Undefined when not given: the default depends on the target (5 s on this machine, 60 s elsewhere). */
  consistencyTimeoutMs?: number;
  /** Rounds of every case (`--repeat`); undefined when not given. */
  repeat?: number;
  /** Rounds until this many milliseconds have passed (`--duration`). */
  durationMs?: number;
  /** Budget for the whole run's waiting on throttling (--max-wait). */
  maxWaitMs: number;
  /** How long one job's cleanup keeps retrying (--cleanup-timeout). */
  cleanupTimeoutMs: number;
}

/** Reads concurrency, maxRps, timeout, consistencyTimeout, maxWait and cleanupTimeout; a bad value is a usage error. */
export function runLimits(o: RunOptions, label: Labeler = flagLabel): RunLimits {
  const timeoutMs = toMs(o.timeout ?? '30s', label('timeout'));
  if (timeoutMs <= 0) throw new UsageError(`${label('timeout')} must be above 0: it is how long one request may take`);
  return {
    concurrency: parsePositiveInt(String(o.concurrency ?? 1), label('concurrency')),
    ...(o.maxRps !== undefined ? { maxRps: parsePositive(String(o.maxRps), label('maxRps')) } : {}),
    timeoutMs,
    ...(o.consistencyTimeout !== undefined ? { consistencyTimeoutMs: toMs(o.consistencyTimeout, label('consistencyTimeout')) } : {}),
    ...(o.repeat !== undefined ? { repeat: parsePositiveInt(String(o.repeat), label('repeat')) } : {}),
    ...(o.duration !== undefined ? { durationMs: positiveDuration(o.duration, label('duration')) } : {}),
    maxWaitMs: toMs(o.maxWait ?? '10m', label('maxWait')),
    cleanupTimeoutMs: toMs(o.cleanupTimeout ?? '2m', label('cleanupTimeout')),
  };
}

function positiveDuration(value: Duration, label: string): number {
  const ms = toMs(value, label);
  if (ms <= 0) throw new UsageError(`${label} must be above 0: it is how long the cases repeat, e.g. 10m`);
  return ms;
}

/** The one place a duration option is read: a unit string as the CLI takes it, or milliseconds. */
export function toMs(value: Duration, label: string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new UsageError(`${label} ${value} is not a duration: give milliseconds (a number of at least 0) or write 500ms, 30s or 2m`);
    return Math.round(value);
  }
  return parseDuration(value, label);
}

/**
 * Builds what every step shares: one keep-alive HTTP pool, the schema store (compiled lazily,
 * once), the limits, the redactor that knows the run's secrets, and the ledger.
 */
export function createRunResources(
  limits: RunLimits, target: Target, runId: string, signal: AbortSignal, ledgerFile: string | undefined, notify?: (line: string) => void, network: NetworkPath = {},
): RunResources {
  const { concurrency, maxRps, timeoutMs } = limits;
  const consistencyTimeoutMs = limits.consistencyTimeoutMs ?? (target.local ? 5_000 : 60_000);
  // Every case in flight waits on the run's signal (a poll's sleep, the throttle gate, its request),
  // so it holds a few listeners per case at once: not a leak for Node to warn of at --concurrency 16.
  setMaxListeners(Math.max(getMaxListeners(signal), LISTENERS_PER_CASE * concurrency + 10), signal);

  const http = new HttpClient({ timeoutMs, network });
  const redactor = new Redactor();
  redactor.add(...target.secrets());
  // Steps of one case are sequential, so in-flight requests never exceed the case concurrency
  // by much; the extra room is for the ledger's listing before a create.
  const limiter = createLimiter({ concurrency: concurrency * 2, ...(maxRps ? { maxRps } : {}) });
  const base: Omit<ExecContext, 'tracker'> = {
    baseUrl: target.baseUrl,
    http,
    token: async () => {
      const t = await target.token();
      redactor.add(t, ...target.secrets());
      return t;
    },
    redactor,
    checks: { schemas: createSchemaStore([resolve(project().schemas, 'api')]) },
    retry: defaultRetryPolicy,
    limit: (fn) => limiter.run(fn),
    gate: createGate({ maxWaitMs: limits.maxWaitMs, ...(notify ? { notify: (line) => notify(redactor.text(line)) } : {}) }),
    cleanupTimeoutMs: limits.cleanupTimeoutMs,
    consistencyTimeoutMs,
    signal,
    sleep,
    metrics: new RequestMetrics(),
  };
  if (ledgerFile) {
    try {
      // Settled lines of earlier runs go, so a ledger kept in one report folder does not grow forever.
      pruneLedger(ledgerFile);
    } catch {
      // Nothing lost: the lines stay, and opening the ledger below reports a file it cannot use.
    }
  }
  const ledger = ledgerFile ? Ledger.open(ledgerFile, { runId, target: target.baseUrl, durability: 'group' }) : undefined;
  const ctx: ExecContext = ledger ? { ...base, tracker: ledgerTracker(ledger, base, target.servicePrincipalId), openCreates: new OpenCreates() } : base;
  return {
    ctx,
    redactor,
    concurrency,
    ...(ledger ? { ledger } : {}),
    close: async () => {
      ledger?.close();
      await http.close();
    },
  };
}
