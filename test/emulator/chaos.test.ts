import { describe, expect, it } from 'vitest';
import { withEmulator, type Client } from './client.js';

/** Statuses of `n` sequential GETs; a dropped connection shows as 0. */
async function statuses(c: Client, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    try {
      out.push((await c.send('GET', c.jobs)).status);
    } catch {
      out.push(0);
    }
  }
  return out;
}

const chaos = { throttleShare: 0.2, unavailableShare: 0.1, resetShare: 0.1, retryAfterSeconds: 7, seed: 42 };

describe('chaos', () => {
  it('replays the same faults in the same order for the same seed', async () => {
    const first = await withEmulator({ chaos }, (c) => statuses(c, 60));
    const second = await withEmulator({ chaos }, (c) => statuses(c, 60));
    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 429, 503, 0]));
    const other = await withEmulator({ chaos: { ...chaos, seed: 43 } }, (c) => statuses(c, 60));
    expect(other).not.toEqual(first);
  });

  it('answers 429 TooManyRequests and 503 ServiceUnavailable with Retry-After and a Graph error body', async () => {
    await withEmulator({ chaos: { throttleShare: 1, retryAfterSeconds: 7 } }, async (c) => {
      const res = await c.send('GET', c.jobs);
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('7');
      expect(res.json.error.code).toBe('TooManyRequests');
      expect(res.json.error.innerError['request-id']).toBe(res.headers['request-id']);
    });
    await withEmulator({ chaos: { unavailableShare: 1 } }, async (c) => {
      const res = await c.send('POST', c.jobs, { json: { templateId: 'BoxOutDelta' } });
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.json.error.code).toBe('ServiceUnavailable');
      expect(c.handle.jobs()).toEqual([]);
    });
  });

  it('drops the connection without an answer at resetShare 1, and counts the request', async () => {
    await withEmulator({ chaos: { resetShare: 1 } }, async (c) => {
      await expect(c.send('GET', c.jobs)).rejects.toThrow();
      expect(c.handle.requestCount()).toBeGreaterThanOrEqual(1);
    });
  });

  it('delays every answer by latencyMs', async () => {
    await withEmulator({ chaos: { latencyMs: 120 } }, async (c) => {
      const started = Date.now();
      expect((await c.send('GET', c.jobs)).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    });
  });

  it('throttles about the share asked for', async () => {
    const got = await withEmulator({ chaos: { throttleShare: 0.3, seed: 7 } }, (c) => statuses(c, 200));
    const share = got.filter((s) => s === 429).length / got.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.4);
  });
});
