import { STATUS_CODES } from 'node:http';

/** How hard the run retries throttled and transient failures. */
export interface RetryPolicy {
  /** Retries after the first attempt; the request is sent at most `maxRetries + 1` times. @default 4 */
  maxRetries: number;
  /** Backoff ceiling of the first retry; it doubles on each further retry. @default 500 */
  baseDelayMs: number;
  /** Backoff never waits longer than this (Retry-After is bounded by `maxRetryAfterMs` instead). @default 30000 */
  maxDelayMs: number;
  /**
   * For {@link decideRetry}: a Retry-After asking for a longer wait ends the retries with a reason. The run's
   * sender waits out any Retry-After at the shared gate instead, bounded by the run's `--max-wait`. @default 120000
   */
  maxRetryAfterMs: number;
  /** Retries of a 409 or 403 on DELETE, start, pause or restart of a job while replication catches up. @default 5 */
  replicationRetries: number;
  /** Backoff ceiling of the first such retry; it doubles on each further retry, up to `maxDelayMs`. @default 1000 */
  replicationBaseDelayMs: number;
}

/** The policy used unless the run says otherwise. */
export const defaultRetryPolicy: RetryPolicy = Object.freeze({
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  replicationRetries: 5,
  replicationBaseDelayMs: 1000,
});

/**
 * What happened on one attempt: a response status with its headers (any case), or a transport
 * error code (undici's `UND_ERR_*`, or a system code such as `ECONNRESET`).
 */
export type Attempt = { status: number; headers: Record<string, string> } | { errorCode: string };

/** Whether to send again, after how long, and why, in words fit for a report. */
export interface RetryDecision {
  retry: boolean;
  /** 0 when `retry` is false. */
  delayMs: number;
  /** "429 Too Many Requests, Retry-After: 5", or why there is no retry. */
  reason: string;
}

/** `throttle`: the target refused without processing and may say when to come back. `transient`: back off. */
type Rule = 'throttle' | 'transient';

/** Statuses worth another attempt. 500 is absent on purpose: it is usually a real server bug. */
const STATUS_RULES: ReadonlyMap<number, Rule> = new Map([
  [429, 'throttle'],
  [503, 'throttle'],
  [502, 'transient'],
  [504, 'transient'],
]);

/**
 * Transport failures worth another attempt: the connection dropped, or never opened in time.
 * Refused connections and DNS failures are absent: the target is down or misnamed, and waiting
 * will not help the run.
 */
const ERROR_RULES: ReadonlyMap<string, string> = new Map([
  ['ECONNRESET', 'connection reset by the target'],
  ['EPIPE', 'connection closed while sending'],
  ['UND_ERR_SOCKET', 'socket closed by the target'],
  ['UND_ERR_CONNECT_TIMEOUT', 'connect timed out'],
]);

/**
 * Decides whether to retry after an attempt, and how long to wait.
 *
 * - 429 and 503 honour `Retry-After` (delta-seconds or an HTTP-date, relative to `now`); a wait
 *   longer than `policy.maxRetryAfterMs` gives up with a reason. Without the header they back off.
 * - ECONNRESET, EPIPE, a closed socket, a connect timeout, 502 and 504 back off exponentially
 *   with full jitter: a random wait in `[0, min(maxDelayMs, baseDelayMs * 2^(attempt-1)))`.
 * - Everything else (400, 401, 404, 500, timeouts after sending…) is final.
 *
 * Replaying is the caller's call: a POST that may have reached the server (a reset connection,
 * a 502 or 504 from a gateway that forwarded it) can create a duplicate job if sent again. Only
 * 429 and 503 say the request was not processed; {@link isReplaySafe} applies that rule.
 *
 * @param attempt 1 for the decision after the first attempt, 2 after the second…
 * @param random returns a number in [0, 1); injectable for tests.
 */
export function decideRetry(
  attempt: number,
  outcome: Attempt,
  policy: RetryPolicy,
  now: Date,
  random: () => number = Math.random,
): RetryDecision {
  const what = describe(outcome);
  const rule = 'status' in outcome ? STATUS_RULES.get(outcome.status) : ERROR_RULES.has(outcome.errorCode) ? 'transient' : undefined;
  if (rule === undefined) return stop(`${what} is not retried`);

  const header = 'status' in outcome ? headerValue(outcome.headers, 'retry-after') : undefined;
  const retryAfterMs = rule === 'throttle' ? parseRetryAfter(header, now) : undefined;
  const said = retryAfterMs === undefined ? what : `${what}, Retry-After: ${header?.trim()}`;
  if (attempt > policy.maxRetries) return stop(`${said}; gave up after ${policy.maxRetries} retries`);

  if (retryAfterMs !== undefined) {
    if (retryAfterMs > policy.maxRetryAfterMs) {
      return stop(`${said} asks for a ${seconds(retryAfterMs)} wait, longer than the ${seconds(policy.maxRetryAfterMs)} limit`);
    }
    return { retry: true, delayMs: retryAfterMs, reason: said };
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return { retry: true, delayMs: Math.floor(random() * ceiling), reason: said };
}

/**
 * Why an answer is worth sending again, as the run's sender treats it:
 * - `throttle`: 429 or 503; the whole run waits (see the gate), as long as it takes.
 * - `transient`: a gateway's 502 or 504, a dropped connection; backs off, bounded.
 * - `replication`: 409 or 403 on DELETE, start, pause or restart of a job, which Graph answers
 *   while replication catches up after a create; backs off, bounded.
 * In cleanup every 409, 403, 5xx and transport failure is transient: a job left behind costs more
 * than a wait, and cleanup is bounded by its own deadline instead.
 */
export type RetryKind = 'throttle' | 'transient' | 'replication';

/** Classifies one attempt of `method url`; `undefined` means the answer is final. */
export function classifyAttempt(outcome: Attempt, method: string, url: string, phase: 'main' | 'cleanup'): RetryKind | undefined {
  if ('status' in outcome) {
    const rule = STATUS_RULES.get(outcome.status);
    if (rule === 'throttle') return 'throttle';
    if (rule) return 'transient';
    if ((outcome.status === 409 || outcome.status === 403) && (phase === 'cleanup' || isReplicatingOperation(method, url))) return 'replication';
    return phase === 'cleanup' && outcome.status >= 500 ? 'transient' : undefined;
  }
  if (ERROR_RULES.has(outcome.errorCode)) return 'transient';
  return phase === 'cleanup' ? 'transient' : undefined;
}

/** A job (`DELETE`) or one of its actions (`POST start|pause|restart`), spelled plainly or qualified. */
const JOB_OPERATION = /\/synchronization\/jobs\/[^/]+(\/(?:microsoft\.graph\.)?(?:start|pause|restart))?\/?$/i;

function isReplicatingOperation(method: string, url: string): boolean {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return false;
  }
  const m = JOB_OPERATION.exec(path);
  if (!m) return false;
  return m[1] ? method.toUpperCase() === 'POST' : method.toUpperCase() === 'DELETE';
}

/** Words for an attempt's outcome: "429 Too Many Requests", "ECONNRESET (connection reset by the target)". */
export function describeAttempt(outcome: Attempt): string {
  return describe(outcome);
}

/** The `Retry-After` of an answer in milliseconds, when it has a usable one. */
export function retryAfterOf(outcome: Attempt, now: Date): number | undefined {
  return 'status' in outcome ? parseRetryAfter(headerValue(outcome.headers, 'retry-after'), now) : undefined;
}

/**
 * Parses a `Retry-After` value (RFC 9110 §10.2.3) into milliseconds from `now`.
 * Accepts delta-seconds and the three HTTP-date forms. A date in the past gives 0. Anything else
 * (empty, negative, fractional, words) gives `undefined`, so the caller falls back to backoff.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, Number.MAX_SAFE_INTEGER);
  const at = parseHttpDate(text, now);
  return at === undefined ? undefined : Math.max(0, at - now.getTime());
}

/**
 * Whether sending `method` again after `outcome` cannot create a second resource: always for
 * idempotent methods, and for POST/PATCH only after 429 or 503, which mean "not processed".
 */
export function isReplaySafe(method: string, outcome: Attempt): boolean {
  if (IDEMPOTENT.has(method.toUpperCase())) return true;
  if ('status' in outcome) return STATUS_RULES.get(outcome.status) === 'throttle';
  // A connect timeout means no byte of the request left this machine.
  return outcome.errorCode === 'UND_ERR_CONNECT_TIMEOUT';
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** IMF-fixdate, RFC 850 and asctime, as RFC 9110 §5.6.7 requires recipients to accept. */
const DATE_FORMS: ReadonlyArray<{ re: RegExp; order: [day: number, month: number, year: number, time: number] }> = [
  { re: /^[A-Za-z]{3}, (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}:\d{2}:\d{2}) GMT$/, order: [1, 2, 3, 4] },
  { re: /^[A-Za-z]{6,9}, (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}:\d{2}:\d{2}) GMT$/, order: [1, 2, 3, 4] },
  { re: /^[A-Za-z]{3} ([A-Za-z]{3}) {1,2}(\d{1,2}) (\d{2}:\d{2}:\d{2}) (\d{4})$/, order: [2, 1, 4, 3] },
];

function parseHttpDate(text: string, now: Date): number | undefined {
  for (const { re, order } of DATE_FORMS) {
    const m = re.exec(text);
    if (!m) continue;
    const [day, mon, yr, time] = order.map((i) => m[i] ?? '');
    const month = MONTHS.indexOf((mon ?? '').toLowerCase());
    let year = Number(yr);
    // RFC 9110: a two-digit year more than 50 years ahead is in the past century.
    if ((yr ?? '').length === 2) year += year + 2000 > now.getUTCFullYear() + 50 ? 1900 : 2000;
    const [h, mi, s] = (time ?? '').split(':').map(Number);
    if (month < 0 || h === undefined || mi === undefined || s === undefined || h > 23 || mi > 59 || s > 60) return undefined;
    const ms = Date.UTC(year, month, Number(day), h, mi, s);
    // Date.UTC rolls 31 Feb over into March; such a date is garbage, not a time.
    return new Date(ms).getUTCDate() === Number(day) ? ms : undefined;
  }
  return undefined;
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

function describe(outcome: Attempt): string {
  if ('status' in outcome) return `${outcome.status} ${STATUS_CODES[outcome.status] ?? 'Unknown Status'}`;
  const words = ERROR_RULES.get(outcome.errorCode);
  return words ? `${outcome.errorCode} (${words})` : outcome.errorCode;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

function stop(reason: string): RetryDecision {
  return { retry: false, delayMs: 0, reason };
}
