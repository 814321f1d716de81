import type { HttpRequest, HttpResponse } from './http.js';
import { TransportError } from './http.js';
import type { ExecContext } from './context.js';
import { decideRetry, isReplaySafe, type Attempt } from './retry.js';

/** A response, with how many times the request had to be retried to get it. */
export interface SendOutcome {
  response: HttpResponse;
  retries: number;
  /** Why each retry happened ("429 Too Many Requests, Retry-After: 5"), for the report. */
  retryReasons: string[];
  durationMs: number;
}

/**
 * Sends a request under the run's limits, retrying throttled and transient failures as the
 * policy says. A POST is sent again only when the first cannot have been processed (429, 503,
 * a connect timeout): a gateway's 502 may hide a create that happened, and a second create would
 * leave a job behind. A status the step names exactly (`expects`) is never retried away.
 */
export async function sendWithRetries(ctx: ExecContext, req: HttpRequest, expects: (status: number) => boolean = () => false): Promise<SendOutcome> {
  const reasons: string[] = [];
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    let outcome: Attempt;
    let response: HttpResponse | undefined;
    let failure: TransportError | undefined;
    try {
      // Timed inside the limiter: latency is the target's, not the wait for a free slot.
      response = await ctx.limit(async () => {
        const sent = performance.now();
        const answer = await ctx.http.send(req);
        ctx.metrics?.record(req.operation ?? 'other', performance.now() - sent);
        return answer;
      });
      outcome = { status: response.status, headers: response.headers };
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      failure = err;
      outcome = { errorCode: err.code };
    }
    const decision = decideRetry(attempt, outcome, ctx.retry, new Date());
    // A step that names 429 or 503 as its expected status is testing the throttling itself.
    const wanted = response !== undefined && expects(response.status);
    if (wanted || !decision.retry || !isReplaySafe(req.method, outcome) || ctx.signal.aborted) {
      if (failure) throw failure;
      return { response: response!, retries: attempt - 1, retryReasons: reasons, durationMs: performance.now() - started };
    }
    reasons.push(decision.reason);
    await ctx.sleep(decision.delayMs, ctx.signal);
  }
}
