/** How much load the run may put on the target. */
export interface LimiterOptions {
  /** Requests in flight at once; a whole number of at least 1. */
  concurrency: number;
  /**
   * Starts per second, spaced evenly (`1000 / maxRps` ms apart). After a pause the next start
   * goes at once, but only one: the bucket holds a single token, so idle time never buys a burst.
   * Absent: no rate cap.
   */
  maxRps?: number;
}

/** Runs tasks under the caps of {@link LimiterOptions}. */
export interface Limiter {
  /** Runs `fn` when a slot and a start token are free; settles as `fn` does. Tasks start in call order. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Resolves once nothing is queued or running. */
  idle(): Promise<void>;
}

interface Task {
  start: () => void;
}

/**
 * Creates a limiter: at most `concurrency` tasks in flight, and starts no closer together than
 * `1000 / maxRps` ms. Uses `performance.now` and `setTimeout`, so fake timers drive it in tests.
 *
 * @throws RangeError when an option is out of range, saying which and what it got.
 */
export function createLimiter(options: LimiterOptions): Limiter {
  const { concurrency, maxRps } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a whole number of at least 1, got ${String(concurrency)}`);
  }
  if (maxRps !== undefined && !(Number.isFinite(maxRps) && maxRps > 0)) {
    throw new RangeError(`maxRps must be a number above 0 (requests per second), got ${String(maxRps)}`);
  }
  const spacingMs = maxRps === undefined ? 0 : 1000 / maxRps;

  const queue: Task[] = [];
  let active = 0;
  let nextStartAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idleWaiters: Array<() => void> = [];

  function pump(): void {
    while (timer === undefined && active < concurrency && queue.length > 0) {
      const now = performance.now();
      const wait = nextStartAt - now;
      if (wait > 0) {
        timer = setTimeout(() => {
          timer = undefined;
          pump();
        }, wait);
        return;
      }
      // Spacing counts from the later of now and the last slot, so a pause earns one token only.
      nextStartAt = Math.max(now, nextStartAt) + spacingMs;
      active++;
      queue.shift()?.start();
    }
    if (active === 0 && queue.length === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  function run<T>(fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({
        start: () => {
          let result: Promise<T>;
          try {
            result = Promise.resolve(fn());
          } catch (err) {
            result = Promise.reject(err);
          }
          result.then(resolve, reject).finally(() => {
            active--;
            pump();
          });
        },
      });
      pump();
    });
  }

  function idle(): Promise<void> {
    if (active === 0 && queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => idleWaiters.push(resolve));
  }

  return { run, idle };
}
