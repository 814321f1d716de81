/** A token and when it stops working, on the cache's clock (ms since the epoch). */
export interface IssuedToken {
  token: string;
  expiresAt: number;
}

/** Refresh this long before expiry (5 minutes): MSAL's own default renewal offset. */
export const REFRESH_EARLY_MS = 5 * 60_000;

/** How long a still-valid token is used after a failed refresh before trying again. */
export const RETRY_AFTER_FAILURE_MS = 30_000;

/**
 * Holds one token for the run. A token is reused until it is within five minutes of expiry
 * (or half its lifetime, for tokens that live less than ten minutes), then fetched again.
 * Concurrent callers share one fetch. If a refresh fails while the old token still works,
 * the old token is used and the next call tries again: a blip at the token endpoint should
 * not fail a case that still holds a valid token.
 */
export class TokenCache {
  private current: (IssuedToken & { refreshAt: number }) | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly fetchToken: () => Promise<IssuedToken>, private readonly now: () => number) {}

  /** A token fresh enough to use now. */
  get(): Promise<string> {
    const t = this.current;
    if (t && this.now() < t.refreshAt) return Promise.resolve(t.token);
    this.pending ??= this.refresh().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async refresh(): Promise<string> {
    const obtainedAt = this.now();
    try {
      const issued = await this.fetchToken();
      const lifetime = Math.max(0, issued.expiresAt - obtainedAt);
      this.current = { ...issued, refreshAt: issued.expiresAt - Math.min(REFRESH_EARLY_MS, lifetime / 2) };
      return issued.token;
    } catch (e) {
      const old = this.current;
      const now = this.now();
      if (!old || now >= old.expiresAt) throw e;
      // Back off, so a hanging endpoint does not slow every request down to its timeout.
      old.refreshAt = now + Math.min(RETRY_AFTER_FAILURE_MS, (old.expiresAt - now) / 2);
      return old.token;
    }
  }
}
