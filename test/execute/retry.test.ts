import { describe, expect, it } from 'vitest';
import { decideRetry, defaultRetryPolicy, isReplaySafe, parseRetryAfter, type RetryPolicy } from '../../src/execute/retry.js';

const now = new Date('2025-03-10T12:00:00Z');
const policy: RetryPolicy = { ...defaultRetryPolicy };
const status = (code: number, headers: Record<string, string> = {}) => ({ status: code, headers });

describe('parseRetryAfter', () => {
  it('reads delta-seconds as milliseconds', () => {
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an IMF-fixdate relative to now, and a past date as 0', () => {
    expect(parseRetryAfter('Mon, 10 Mar 2025 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 10 Mar 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('reads the obsolete RFC 850 and asctime dates', () => {
    expect(parseRetryAfter('Monday, 10-Mar-25 12:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Mon Mar 10 12:00:10 2025', now)).toBe(10_000);
    expect(parseRetryAfter('Mon Mar  9 12:00:10 2025', now)).toBe(0);
  });

  it('gives undefined for garbage, negatives, fractions and impossible dates', () => {
    for (const junk of [undefined, '', '  ', 'soon', '-5', '1.5', '5s', 'Mon, 31 Feb 2025 00:00:00 GMT', 'Mon, 10 Mar 2025 25:00:00 GMT', '2025-03-10T12:00:30Z']) {
      expect(parseRetryAfter(junk, now), String(junk)).toBeUndefined();
    }
  });

  it('keeps a huge value finite', () => {
    const ms = parseRetryAfter('9'.repeat(400), now);
    expect(ms).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('decideRetry on throttling', () => {
  it('waits exactly what Retry-After says and says so', () => {
    const d = decideRetry(1, status(429, { 'Retry-After': '5' }), policy, now);
    expect(d).toEqual({ retry: true, delayMs: 5000, reason: '429 Too Many Requests, Retry-After: 5' });
  });

  it('honours an HTTP-date on 503', () => {
    const d = decideRetry(2, status(503, { 'retry-after': 'Mon, 10 Mar 2025 12:00:07 GMT' }), policy, now);
    expect(d.retry).toBe(true);
    expect(d.delayMs).toBe(7000);
    expect(d.reason).toBe('503 Service Unavailable, Retry-After: Mon, 10 Mar 2025 12:00:07 GMT');
  });

  it('gives up with a reason when Retry-After asks for too long', () => {
    const d = decideRetry(1, status(429, { 'retry-after': '600' }), policy, now);
    expect(d.retry).toBe(false);
    expect(d.reason).toBe('429 Too Many Requests, Retry-After: 600 asks for a 600 s wait, longer than the 120 s limit');
  });

  it('backs off with jitter when Retry-After is missing or garbage', () => {
    const d = decideRetry(3, status(429, { 'retry-after': 'later' }), policy, now, () => 0.5);
    expect(d).toEqual({ retry: true, delayMs: 1000, reason: '429 Too Many Requests' });
  });
});

describe('decideRetry on transient failures', () => {
  it('keeps full-jitter delays within [0, min(max, base * 2^(attempt-1)))', () => {
    for (let attempt = 1; attempt <= 8; attempt++) {
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const p = { ...policy, maxRetries: 10 };
      expect(decideRetry(attempt, status(502), p, now, () => 0).delayMs).toBe(0);
      const top = decideRetry(attempt, status(504), p, now, () => 0.999999).delayMs;
      expect(top).toBeLessThan(ceiling);
      expect(top).toBeGreaterThanOrEqual(Math.floor(ceiling * 0.999));
    }
  });

  it('retries a reset connection and a closed socket, naming them', () => {
    expect(decideRetry(1, { errorCode: 'ECONNRESET' }, policy, now, () => 0)).toEqual({
      retry: true,
      delayMs: 0,
      reason: 'ECONNRESET (connection reset by the target)',
    });
    expect(decideRetry(1, { errorCode: 'UND_ERR_SOCKET' }, policy, now).retry).toBe(true);
  });

  it('does not retry a refused connection or a headers timeout', () => {
    expect(decideRetry(1, { errorCode: 'ECONNREFUSED' }, policy, now)).toEqual({ retry: false, delayMs: 0, reason: 'ECONNREFUSED is not retried' });
    expect(decideRetry(1, { errorCode: 'UND_ERR_HEADERS_TIMEOUT' }, policy, now).retry).toBe(false);
  });
});

describe('decideRetry on final answers', () => {
  it.each([200, 201, 204, 400, 401, 403, 404, 409, 500])('does not retry %i', (code) => {
    const d = decideRetry(1, status(code, { 'retry-after': '1' }), policy, now);
    expect(d.retry).toBe(false);
    expect(d.delayMs).toBe(0);
    expect(d.reason).toMatch(new RegExp(`^${code} .+ is not retried$`));
  });

  it('stops after maxRetries, however polite the target', () => {
    const p = { ...policy, maxRetries: 2 };
    const answer = status(429, { 'retry-after': '1' });
    expect(decideRetry(2, answer, p, now).retry).toBe(true);
    const last = decideRetry(3, answer, p, now);
    expect(last).toEqual({ retry: false, delayMs: 0, reason: '429 Too Many Requests, Retry-After: 1; gave up after 2 retries' });
  });
});

describe('isReplaySafe', () => {
  it('allows any retry of idempotent methods', () => {
    expect(isReplaySafe('GET', { errorCode: 'ECONNRESET' })).toBe(true);
    expect(isReplaySafe('delete', status(502))).toBe(true);
  });

  it('allows a POST again only when the target said it did not process it', () => {
    expect(isReplaySafe('POST', status(429))).toBe(true);
    expect(isReplaySafe('POST', status(503))).toBe(true);
    expect(isReplaySafe('POST', status(502))).toBe(false);
    expect(isReplaySafe('POST', { errorCode: 'ECONNRESET' })).toBe(false);
    expect(isReplaySafe('POST', { errorCode: 'UND_ERR_CONNECT_TIMEOUT' })).toBe(true);
  });
});
