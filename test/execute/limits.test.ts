import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLimiter } from '../../src/execute/limits.js';

/** A task that finishes when the test says so, noting when it started. */
function gate<T = string>(value: T) {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const log = { startedAt: undefined as number | undefined };
  const fn = async () => {
    log.startedAt = performance.now();
    await opened;
    return value;
  };
  return { fn, open, log };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createLimiter concurrency', () => {
  it('never has more than `concurrency` tasks in flight, and starts them in call order', async () => {
    const limiter = createLimiter({ concurrency: 2 });
    let inFlight = 0;
    let peak = 0;
    const order: number[] = [];
    const gates = [0, 1, 2, 3, 4].map((i) => gate(i));
    const results = gates.map((g, i) =>
      limiter.run(async () => {
        order.push(i);
        inFlight++;
        peak = Math.max(peak, inFlight);
        const v = await g.fn();
        inFlight--;
        return v;
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual([0, 1]);
    gates[1]!.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it('passes a failure through to its caller and frees the slot', async () => {
    const limiter = createLimiter({ concurrency: 1 });
    const failing = limiter.run(async () => {
      throw new Error('boom');
    });
    const throwingSync = limiter.run((() => {
      throw new Error('sync boom');
    }) as () => Promise<never>);
    const next = limiter.run(async () => 'still runs');
    await expect(failing).rejects.toThrow('boom');
    await expect(throwingSync).rejects.toThrow('sync boom');
    await expect(next).resolves.toBe('still runs');
  });

  it('idle() waits for queued and running tasks, and is immediate when there are none', async () => {
    const limiter = createLimiter({ concurrency: 1 });
    await limiter.idle();
    const a = gate('a');
    void limiter.run(a.fn);
    void limiter.run(async () => 'b');
    let idle = false;
    void limiter.idle().then(() => (idle = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(idle).toBe(false);
    a.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(idle).toBe(true);
  });
});

describe('createLimiter rate', () => {
  it('spaces starts evenly at maxRps', async () => {
    const limiter = createLimiter({ concurrency: 100, maxRps: 10 });
    const t0 = performance.now();
    const starts: number[] = [];
    const all = Array.from({ length: 5 }, () => limiter.run(async () => void starts.push(performance.now() - t0)));
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(all);
    expect(starts).toEqual([0, 100, 200, 300, 400]);
  });

  it('after a pause starts one at once, never a burst', async () => {
    const limiter = createLimiter({ concurrency: 100, maxRps: 4 });
    await limiter.run(async () => undefined);
    await vi.advanceTimersByTimeAsync(10_000);
    const t0 = performance.now();
    const starts: number[] = [];
    const all = Array.from({ length: 3 }, () => limiter.run(async () => void starts.push(performance.now() - t0)));
    await vi.advanceTimersByTimeAsync(0);
    expect(starts).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(all);
    expect(starts).toEqual([0, 250, 500]);
  });

  it('holds both caps at once: a slow task blocks the next start even when a token is free', async () => {
    const limiter = createLimiter({ concurrency: 1, maxRps: 100 });
    const slow = gate('slow');
    const t0 = performance.now();
    const first = limiter.run(slow.fn);
    let secondAt: number | undefined;
    const second = limiter.run(async () => void (secondAt = performance.now() - t0));
    await vi.advanceTimersByTimeAsync(500);
    expect(secondAt).toBeUndefined();
    slow.open();
    await first;
    await second;
    expect(secondAt).toBe(500);
  });
});

describe('createLimiter options', () => {
  it.each([
    [{ concurrency: 0 }, 'concurrency must be a whole number of at least 1, got 0'],
    [{ concurrency: 1.5 }, 'concurrency must be a whole number of at least 1, got 1.5'],
    [{ concurrency: 1, maxRps: 0 }, 'maxRps must be a number above 0 (requests per second), got 0'],
    [{ concurrency: 1, maxRps: Number.NaN }, 'maxRps must be a number above 0 (requests per second), got NaN'],
  ])('rejects %o with a clear message', (options, message) => {
    expect(() => createLimiter(options)).toThrow(new RangeError(message));
  });
});
