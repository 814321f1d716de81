import type { HttpRequest, HttpResponse } from './http.js';
import { HELD_BACK, TransportError } from './http.js';
import type { ExecContext } from './context.js';
import { formatMs, WaitBudgetSpent } from './gate.js';
import { classifyAttempt, decideRetry, describeAttempt, isReplaySafe, retryAfterOf, type Attempt, type RetryKind } from './retry.js';

/** A response, with how many times the request had to be retried to get it. */
export interface SendOutcome {
  response: HttpResponse;
  retries: number;
  /** Why each retry happened ("429 Too Many Requests, Retry-After: 5"), for the report. */
  retryReasons: string[];
  durationMs: number;
}

/** How a request is sent: what its step expects, and whether it cleans up after a case. */
export interface SendOptions {
  /** A status the step names exactly is never retried away. */
  expects?: (status: number) => boolean;
  /**
   * `cleanup` retries every transient answer (409, 403, 429, 5xx, dropped connections) until
   * `ctx.cleanupTimeoutMs` has passed, ignores the run's interrupt (cleanup runs after it), and
   * is not bounded by `--max-wait`.
   */
  phase?: 'main' | 'cleanup';
}

/** `--max-wait` is spent: the run stops as incomplete. */
export const MAX_WAIT_CODE = 'GSC_MAX_WAIT';
/** A cleanup request still got a transient answer at its deadline: the job is left to `gsc cleanup`. */
export const CLEANUP_TIMEOUT_CODE = 'GSC_CLEANUP_TIMEOUT';

/**
 * Sends a request under the run's limits and its throttle gate, retrying as the answers call for:
 *
 * - 429 and 503 close the run's gate (Retry-After, else shared backoff) and the request goes
 *   again once it opens, as often as it takes: the run's `--max-wait` bounds the waiting.
 * - Transient failures and replication's 409/403 back off per request, a bounded number of times.
 * - A POST is sent again only when the first cannot have been processed (429, 503, a connect
 *   timeout): a gateway's 502 may hide a create that happened.
 *
 * The first answer that is not transient is returned, to be judged.
 * @throws TransportError when no answer came (its `code` is {@link MAX_WAIT_CODE} when the
 * waiting budget is spent, {@link CLEANUP_TIMEOUT_CODE} when cleanup's deadline passed).
 */
export async function sendWithRetries(ctx: ExecContext, req: HttpRequest, options: SendOptions | ((status: number) => boolean) = {}): Promise<SendOutcome> {
  const o: SendOptions = typeof options === 'function' ? { expects: options } : options;
  if (o.phase !== 'cleanup') return sendAttempts(ctx, req, o, ctx.signal, undefined);
  // Cleanup runs after an interrupt too; its deadline is its only stop. A timer cleared when the
  // request settles, not AbortSignal.timeout(): Node keeps a timeout signal that has an abort
  // listener (the HTTP client adds one) alive until it fires, so a long run held every cleanup
  // request's signal for the whole --cleanup-timeout (2 minutes: some 30,000 of them in a soak).
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ctx.cleanupTimeoutMs);
  timer.unref();
  try {
    return await sendAttempts(ctx, req, o, stop.signal, performance.now() + ctx.cleanupTimeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

/** {@link sendWithRetries} under `signal`; a cleanup request has a `deadline`. */
async function sendAttempts(ctx: ExecContext, req: HttpRequest, o: SendOptions, signal: AbortSignal, deadline: number | undefined): Promise<SendOutcome> {
  const cleanup = o.phase === 'cleanup';
  const reasons: string[] = [];
  let backoffs = 0;
  let last = 'no answer yet';
  for (;;) {
    const started = performance.now();
    let outcome: Attempt;
    let response: HttpResponse | undefined;
    let failure: TransportError | undefined;
    try {
      response = await sendThroughGate(ctx, req, signal, deadline, last);
      outcome = { status: response.status, headers: response.headers };
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      failure = err;
      outcome = { errorCode: err.code };
    }
    const settle = (): SendOutcome => {
      if (failure) throw failure;
      return { response: response!, retries: reasons.length, retryReasons: reasons, durationMs: performance.now() - started };
    };
    // Cleanup's own deadline stopped the request in flight: that is its timeout, not an interrupt.
    if (cleanup && failure?.kind === 'aborted') throw cleanupGaveUp(ctx, req, last);
    if (failure && (failure.code === MAX_WAIT_CODE || failure.code === CLEANUP_TIMEOUT_CODE || failure.kind === 'aborted')) return settle();
    const kind = classifyAttempt(outcome, req.method, req.url, cleanup ? 'cleanup' : 'main');
    const retryAfterMs = kind === 'throttle' ? retryAfterOf(outcome, new Date()) : undefined;
    last = describeAttempt(outcome) + (retryAfterMs !== undefined ? `, Retry-After: ${response?.headers['retry-after']?.trim()}` : '');
    if (response && o.expects?.(response.status)) {
      // A case that provokes throttling on purpose is still told to wait, and the whole run does.
      if (kind === 'throttle' && retryAfterMs !== undefined) ctx.gate.close(retryAfterMs, ctx.redactor.text(`${req.method} ${pathOf(req.url)} answered ${last}`));
      return settle();
    }
    if (kind !== 'throttle' && response) ctx.gate.succeeded();
    if (kind === undefined || !isReplaySafe(req.method, outcome) || (!cleanup && ctx.signal.aborted)) return settle();

    if (kind === 'throttle') {
      ctx.gate.close(retryAfterMs, ctx.redactor.text(`${req.method} ${pathOf(req.url)} answered ${last}`));
      // A wait of 0 bounds nothing: such answers count against the retries like a transient failure.
      if (retryAfterMs !== 0) {
        reasons.push(last);
        continue;
      }
    }
    backoffs++;
    if (!cleanup && backoffs > boundOf(ctx, kind)) return settle();
    let delayMs: number;
    if (kind === 'transient' && !cleanup) {
      // A gateway's 502/504 or a dropped connection: the policy's own backoff and bound.
      const decision = decideRetry(backoffs, outcome, ctx.retry, new Date());
      if (!decision.retry) return settle();
      delayMs = decision.delayMs;
    } else {
      // Cleanup has no count bound, so even a "Retry-After: 0" waits there, or it would spin.
      delayMs = kind === 'throttle' && !cleanup ? 0 : backoff(ctx, kind === 'throttle' ? 'transient' : kind, backoffs);
    }
    if (deadline !== undefined && performance.now() + delayMs > deadline) throw cleanupGaveUp(ctx, req, last);
    reasons.push(last);
    ctx.gate.announce(delayMs, ctx.redactor.text(`${req.method} ${pathOf(req.url)} answered ${last}`));
    await ctx.sleep(delayMs, signal);
  }
}

/**
 * Waits for the gate, then sends inside a limiter slot. A slot that finds the gate closed again
 * gives its turn back without sending, so `--max-rps` spaces the requests released when the
 * gate opens, and none leaves early.
 */
async function sendThroughGate(ctx: ExecContext, req: HttpRequest, signal: AbortSignal, deadline: number | undefined, last: string): Promise<HttpResponse> {
  for (;;) {
    let open: boolean;
    try {
      // Open (almost always): no promise to wait for; pass() would answer true at once.
      open = ctx.gate.isOpen() || (await ctx.gate.pass({ signal, ...(deadline !== undefined ? { deadline } : {}) }));
    } catch (err) {
      if (err instanceof WaitBudgetSpent) throw new TransportError('throttled', MAX_WAIT_CODE, err.message);
      throw err;
    }
    if (!open) {
      if (deadline !== undefined) throw cleanupGaveUp(ctx, req, last);
      throw new TransportError('aborted', 'GSC_ABORTED', `${req.method} ${pathOf(req.url)} was not sent: the run was interrupted`, false);
    }
    const sent = await ctx.limit(async () => {
      if (!ctx.gate.isOpen()) return undefined;
      try {
        // Timed inside the limiter: latency is the target's, not the wait for a free slot.
        const started = performance.now();
        const response = await ctx.http.send(req, signal, () => ctx.gate.isOpen());
        ctx.metrics?.record(req.operation ?? 'other', performance.now() - started);
        return { response };
      } catch (err) {
        if (err instanceof TransportError && err.code === HELD_BACK) return undefined;
        throw err;
      }
    });
    if (sent) return sent.response;
  }
}

function boundOf(ctx: ExecContext, kind: RetryKind): number {
  return kind === 'replication' ? ctx.retry.replicationRetries : ctx.retry.maxRetries;
}

/** Exponential with jitter: full jitter for transport hiccups, equal jitter while replication catches up. */
function backoff(ctx: ExecContext, kind: RetryKind, n: number): number {
  const base = kind === 'replication' ? ctx.retry.replicationBaseDelayMs : ctx.retry.baseDelayMs;
  const top = Math.min(ctx.retry.maxDelayMs, base * 2 ** (n - 1));
  return Math.floor(kind === 'replication' ? top / 2 + (Math.random() * top) / 2 : Math.random() * top);
}

function cleanupGaveUp(ctx: ExecContext, req: HttpRequest, last: string): TransportError {
  const message = `${req.method} ${pathOf(req.url)} still got ${last} when --cleanup-timeout (${formatMs(ctx.cleanupTimeoutMs)}) ran out; what it cleans is left to \`gsc cleanup\``;
  return new TransportError('timeout', CLEANUP_TIMEOUT_CODE, ctx.redactor.text(message));
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '(invalid URL)';
  }
}
