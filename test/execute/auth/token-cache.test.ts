import { describe, expect, it } from 'vitest';
import { TokenCache, type IssuedToken } from '../../../src/execute/auth/token-cache.js';

/** A token source the test drives: each fetch waits until the test answers it. */
function scriptedSource() {
  const calls: Array<{ resolve: (t: IssuedToken) => void; reject: (e: Error) => void }> = [];
  const fetch = () => new Promise<IssuedToken>((resolve, reject) => { calls.push({ resolve, reject }); });
  return { fetch, calls };
}

describe('the run token cache', () => {
  it('asks once for many concurrent callers, and all get the same token', async () => {
    const src = scriptedSource();
    const cache = new TokenCache(src.fetch, () => 0);
    const waiting = [cache.get(), cache.get(), cache.get()];

    expect(src.calls).toHaveLength(1);
    src.calls[0]!.resolve({ token: 'A', expiresAt: 3_600_000 });
    expect(await Promise.all(waiting)).toEqual(['A', 'A', 'A']);
  });

  it('forgets a failed fetch, so the next call asks again', async () => {
    const src = scriptedSource();
    const cache = new TokenCache(src.fetch, () => 0);
    const first = cache.get();
    src.calls[0]!.reject(new Error('refused'));
    await expect(first).rejects.toThrow('refused');

    const second = cache.get();
    expect(src.calls).toHaveLength(2);
    src.calls[1]!.resolve({ token: 'B', expiresAt: 3_600_000 });
    expect(await second).toBe('B');
  });

  it('after a failed renewal, waits 30 s before asking again while the old token still works', async () => {
    let t = 0;
    const src = scriptedSource();
    const cache = new TokenCache(src.fetch, () => t);
    const first = cache.get();
    src.calls[0]!.resolve({ token: 'A', expiresAt: 3_600_000 });
    await first;

    t = 3_400_000; // due for renewal
    const during = cache.get();
    src.calls[1]!.reject(new Error('503'));
    expect(await during).toBe('A');

    t += 29_000;
    expect(await cache.get()).toBe('A');
    expect(src.calls).toHaveLength(2);
    t += 2_000;
    void cache.get();
    expect(src.calls).toHaveLength(3);
  });
});
