import type { HttpRequest, HttpResponse } from './http.js';
import { TransportError } from './http.js';
import type { ExecContext } from './context.js';
import { decideRetry } from './retry.js';

/** A response, with how many times the request had to be retried to get it. */
export interface SendOutcome {
  response: HttpResponse;
  retries: number;
  /** Why each retry happened ("429 Too Many Requests, Retry-After: 5"), for the report. */
  retryReasons: string[];
  durationMs: number;
}

/** Methods whose repetition cannot create a second resource. */
const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']);

/**
 * Sends a request under the run's limits, retrying throttled and transient failures as the
 * policy says. A POST is retried after a transport error only when the error proves the request
 * never reached the target, because a second create would leave a job behind.
 */
export async function sendWithRetries(ctx: ExecContext, req: HttpRequest): Promise<SendOutcome> {
  const reasons: string[] = [];
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    try {
      const response = await ctx.limit(() => ctx.http.send(req));
      const decision = decideRetry(attempt, { status: response.status, headers: response.headers }, ctx.retry, new Date());
      if (!decision.retry || ctx.signal.aborted) {
        return { response, retries: attempt - 1, retryReasons: reasons, durationMs: performance.now() - started };
      }
      reasons.push(decision.reason);
      await ctx.sleep(decision.delayMs, ctx.signal);
    } catch (err) {
      if (!(err instanceof TransportError) || err.kind === 'connect' || ctx.signal.aborted) throw err;
      const decision = decideRetry(attempt, { errorCode: err.code }, ctx.retry, new Date());
      const safe = IDEMPOTENT.has(req.method) || err.code === 'UND_ERR_CONNECT_TIMEOUT';
      if (!decision.retry || !safe) throw err;
      reasons.push(decision.reason);
      await ctx.sleep(decision.delayMs, ctx.signal);
    }
  }
}
