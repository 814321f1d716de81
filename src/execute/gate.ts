import { sleep as defaultSleep } from './sleep.js';

/**
 * Graph throttles per application and tenant, not per request: after a 429 or 503 every request
 * of the run to that service waits, and one sent meanwhile extends the throttling. The gate is
 * that shared wait: one throttled answer closes it for every case, listing, cleanup and preflight
 * request of the run until the wait is over.
 */
export interface ThrottleGate {
  /**
   * Waits until the gate is open. Resolves `true` when open, `false` when the gate stays closed
   * past `deadline` (a `performance.now()` time) or `signal` aborted. Throws
   * {@link WaitBudgetSpent} when the run's waiting budget is spent and no deadline of its own
   * was given (cleanup passes one: it has its own).
   */
  pass(options?: { signal?: AbortSignal; deadline?: number }): Promise<boolean>;
  /** Whether a request may start now. */
  isOpen(): boolean;
  /**
   * Closes the gate after a throttled answer: for `retryAfterMs` when the target said, else for a
   * shared exponential backoff with jitter that grows with each throttled answer in a row.
   * `what` names the request and answer for the notice, already redacted.
   * @returns how long the gate is now closed from now.
   */
  close(retryAfterMs: number | undefined, what: string): number;
  /** An answer that was not throttled: the shared backoff starts again from its base. */
  succeeded(): void;
  /** Total time the gate held the run's requests, in milliseconds. */
  waitedMs(): number;
  /** Says a wait of one request (a backoff), when it is long enough to be noticed. */
  announce(ms: number, what: string): void;
}

/** The run spent its `--max-wait` budget: it ends as incomplete. */
export class WaitBudgetSpent extends Error {
  constructor(readonly budgetMs: number) {
    super(`the target kept throttling beyond the --max-wait budget (${formatMs(budgetMs)}) for the whole run's waiting; try again later, or raise --max-wait`);
  }
}

/** Settings of {@link createGate}. */
export interface GateOptions {
  /** Budget for the whole run's waiting; a closing beyond it ends the run. @default 10 minutes */
  maxWaitMs?: number;
  /** Backoff ceiling of the first throttled answer without Retry-After; it doubles per answer in a row. @default 1000 */
  baseDelayMs?: number;
  /** Backoff never waits longer than this. @default 60000 */
  maxDelayMs?: number;
  /** Waits at least this long are announced through `notify`. @default 5000 */
  noticeAfterMs?: number;
  /** Receives one line per long wait: what is waited for and how long. */
  notify?: (line: string) => void;
  random?: () => number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Creates the run's gate; see {@link ThrottleGate}. */
export function createGate(options: GateOptions = {}): ThrottleGate {
  const budget = options.maxWaitMs ?? 600_000;
  const base = options.baseDelayMs ?? 1000;
  const ceiling = options.maxDelayMs ?? 60_000;
  const noticeAfter = options.noticeAfterMs ?? 5000;
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? defaultSleep;
  let openAt = -Infinity;
  let waited = 0;
  let spent = false;
  let inARow = 0;

  return {
    async pass({ signal, deadline } = {}) {
      for (;;) {
        const wait = openAt - now();
        if (wait <= 0) return true;
        if (signal?.aborted) return false;
        if (deadline === undefined && spent) throw new WaitBudgetSpent(budget);
        if (deadline !== undefined && openAt > deadline) return false;
        await sleep(wait, signal);
      }
    },
    isOpen: () => openAt <= now(),
    close(retryAfterMs, what) {
      let ms = retryAfterMs;
      if (ms === undefined) {
        // Equal jitter: half the ceiling for sure, so the shared wait always grows with the pressure.
        const top = Math.min(ceiling, base * 2 ** inARow);
        ms = Math.round(top / 2 + (random() * top) / 2);
      }
      inARow++;
      const t = now();
      const until = t + ms;
      if (until <= openAt) return openAt - t;
      const added = until - Math.max(t, openAt);
      if (waited + added > budget) {
        // Not counted: the run does not wait it. Cleanup, which has its own deadline, still honours it.
        if (!spent) options.notify?.(`gsc: the target asks for a wait of ${formatMs(ms)} (${what}), more than is left of the --max-wait budget of ${formatMs(budget)}: the run ends`);
        spent = true;
      } else {
        waited += added;
        if (ms >= noticeAfter) options.notify?.(`gsc: waiting ${formatMs(ms)} before the next request to the target: ${what}`);
      }
      openAt = until;
      return openAt - t;
    },
    succeeded() {
      inARow = 0;
    },
    waitedMs: () => Math.round(waited),
    announce(ms, what) {
      if (ms >= noticeAfter) options.notify?.(`gsc: waiting ${formatMs(ms)} before sending again: ${what}`);
    },
  };
}

/** "120 s", "2.5 s", "800 ms". */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
