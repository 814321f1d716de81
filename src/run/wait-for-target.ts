import type { ExecContext } from '../execute/context.js';

/** How often an unreachable target is tried again while waiting. */
const RETRY_MS = 250;

/**
 * Waits until the target answers anything over HTTP (any status: a server that answers is up),
 * trying every {@link RETRY_MS} for up to `waitMs`. Returns undefined once it answers, or the
 * last reason it did not. A server started in the background is reached once it listens,
 * instead of racing it.
 */
export async function waitForTarget(ctx: ExecContext, waitMs: number): Promise<string | undefined> {
  const deadline = performance.now() + waitMs;
  let reason = 'no answer';
  for (;;) {
    try {
      await ctx.http.send({ method: 'GET', url: ctx.baseUrl, headers: {} });
      return undefined;
    } catch (err) {
      reason = err instanceof Error ? err.message : String(err);
    }
    if (ctx.signal.aborted || performance.now() + RETRY_MS > deadline) return reason;
    await ctx.sleep(RETRY_MS, ctx.signal);
  }
}
