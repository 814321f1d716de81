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
  /** Every Nth request (by arrival) is answered 429 with Retry-After, whatever the shares draw. */
  throttleEvery?: number;
  /**
   * The first DELETE of each job answers 409 Conflict and keeps the job, as Graph does while
   * replication catches up after a create; the next DELETE deletes it.
   */
  conflictOnFirstDelete?: boolean;
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
  if (c.throttleEvery !== undefined && !(Number.isInteger(c.throttleEvery) && c.throttleEvery >= 1)) {
    throw new Error(`chaos.throttleEvery must be a whole number of at least 1, got ${c.throttleEvery}`);
  }
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
  let count = 0;
  return () => {
    const r = random();
    if (c.throttleEvery !== undefined && ++count % c.throttleEvery === 0) return 'throttle';
    if (r < reset) return 'reset';
    if (r < throttle) return 'throttle';
    if (r < unavailable) return 'unavailable';
    return 'pass';
  };
}

/** One arrival that came before the wait an earlier 429 or 503 asked for had passed. */
export interface EarlyArrival {
  method: string;
  path: string;
  /** Milliseconds since the emulator started. */
  arrivedAt: number;
  /** When the promise was made (its answer written) and when its wait ended, in the same clock. */
  promisedAt: number;
  until: number;
}

/**
 * Records when requests arrive and what waits the emulator asked for (Retry-After on 429 and
 * 503), so a test can tell whether a client came back before the wait it was told.
 */
export class ArrivalLog {
  private readonly promises: { at: number; until: number }[] = [];
  private readonly arrivals: { method: string; path: string; at: number }[] = [];
  private readonly started = performance.now();

  /** A log that is not `enabled` records nothing, so a long-running emulator does not grow. */
  constructor(private readonly enabled: boolean) {}

  /** Milliseconds since the log began. */
  now(): number {
    return performance.now() - this.started;
  }

  arrived(method: string, path: string): void {
    if (this.enabled) this.arrivals.push({ method, path, at: this.now() });
  }

  promised(retryAfterSeconds: number): void {
    if (!this.enabled) return;
    const at = this.now();
    this.promises.push({ at, until: at + retryAfterSeconds * 1000 });
  }

  /**
   * Arrivals inside a promised wait. A request already on its way when the promise was written
   * cannot honour it, so an arrival within `inFlightMs` of the promise is not counted.
   */
  early(inFlightMs: number): EarlyArrival[] {
    const out: EarlyArrival[] = [];
    for (const a of this.arrivals) {
      const p = this.promises.find((q) => a.at > q.at + inFlightMs && a.at < q.until);
      if (p) out.push({ method: a.method, path: a.path, arrivedAt: a.at, promisedAt: p.at, until: p.until });
    }
    return out;
  }

  /** How many waits were asked for. */
  promiseCount(): number {
    return this.promises.length;
  }
}
