/** Faults the emulator injects to test clients; every share is a probability in 0..1. */
export interface ChaosOptions {
  /** Share of requests answered 429 with Retry-After and a `TooManyRequests` body. */
  throttleShare?: number;
  /** Seconds in Retry-After on 429 and 503. @default 1 */
  retryAfterSeconds?: number;
  /** Share of requests answered 503 with Retry-After. */
  unavailableShare?: number;
  /** Delay before every answer. @default 0 */
  latencyMs?: number;
  /** Share of requests whose socket is destroyed without an answer. */
  resetShare?: number;
  /** Makes the sequence of faults repeatable: the same seed gives the same faults in the same order. */
  seed?: number;
}

/** What chaos decided for one request. */
export type ChaosDecision = 'pass' | 'throttle' | 'unavailable' | 'reset';

/** mulberry32: tiny, fast and good enough to pick faults. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Throws a clear error for a share outside 0..1 or a negative delay. */
export function checkChaos(c: ChaosOptions): void {
  for (const key of ['throttleShare', 'unavailableShare', 'resetShare'] as const) {
    const v = c[key];
    if (v !== undefined && !(v >= 0 && v <= 1)) throw new Error(`chaos.${key} must be between 0 and 1, got ${v}`);
  }
  const total = (c.throttleShare ?? 0) + (c.unavailableShare ?? 0) + (c.resetShare ?? 0);
  if (total > 1) throw new Error(`chaos shares add up to ${total}; their sum must be at most 1`);
  for (const key of ['latencyMs', 'retryAfterSeconds'] as const) {
    const v = c[key];
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) throw new Error(`chaos.${key} must be a number >= 0, got ${v}`);
  }
}

/**
 * A fault picker. One random draw per request, in arrival order, so a seeded run replays the
 * same faults for the same sequence of requests.
 */
export function createChaos(c: ChaosOptions = {}): () => ChaosDecision {
  checkChaos(c);
  const random = mulberry32(c.seed ?? Math.floor(Math.random() * 2 ** 32));
  const reset = c.resetShare ?? 0;
  const throttle = reset + (c.throttleShare ?? 0);
  const unavailable = throttle + (c.unavailableShare ?? 0);
  return () => {
    const r = random();
    if (r < reset) return 'reset';
    if (r < throttle) return 'throttle';
    if (r < unavailable) return 'unavailable';
    return 'pass';
  };
}
