import type { CaseResult, Reporter, RunInfo } from '../model/index.js';
import { ms } from './latency.js';

/** What the live line reads of the run's request metrics at each refresh. */
export interface LiveStats {
  /** Requests sent so far, every attempt counted. */
  requests: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Where and how often the live line is shown. */
export interface LiveLineOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  /** One line rewritten in place (a terminal), or a new line at each refresh (a CI log). @default stream.isTTY */
  tty?: boolean;
  /** Refresh period in milliseconds. @default 1000 on a terminal, 10000 in a log */
  intervalMs?: number;
  /** Reads the run's request counts and latency; called once per refresh, never per request. */
  stats: () => LiveStats;
  /** Case instances the run will run, shown as `12/400`; `null` when not known in advance (`--duration`). @default the run's `total` */
  total?: number | null;
  /** Milliseconds clock. @default performance.now */
  now?: () => number;
}

const CLEAR = '\r\x1b[K';

/**
 * The live line of a long run: cases done, passed and failed, requests per second since the
 * last refresh, and latency p50/p95/p99 (from the run's fixed-size histogram, so a refresh costs
 * the same at the millionth request as at the first). On a terminal it is one line rewritten in
 * place and cleared before each case's own output; in a CI log it is a line every 10 s. A timer
 * drives it, never the cases, so it does not slow the run; the timer does not keep the process
 * alive.
 *
 * This module is the only place that draws progress while cases run, so any other progress
 * display belongs here beside it.
 */
export function createLiveLine(o: LiveLineOptions): Reporter & { line(): string } {
  const tty = o.tty ?? Boolean(o.stream.isTTY);
  const intervalMs = o.intervalMs ?? (tty ? 1000 : 10_000);
  const now = o.now ?? (() => performance.now());
  let total: number | undefined;
  let done = 0;
  let passed = 0;
  let failed = 0;
  let errors = 0;
  let started = now();
  let last = { at: started, requests: 0 };
  let drawn = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  const line = (): string => {
    const s = o.stats();
    const at = now();
    const seconds = (at - last.at) / 1000;
    const rps = seconds > 0 ? (s.requests - last.requests) / seconds : 0;
    last = { at, requests: s.requests };
    const count = total !== undefined ? `${done}/${total}` : String(done);
    const tail = errors > 0 ? `, ${errors} errors` : '';
    return `gsc: ${count} cases done (${passed} passed, ${failed} failed${tail}) · ${rps.toFixed(1)} req/s · p50 ${ms(s.p50)} ms · p95 ${ms(s.p95)} ms · p99 ${ms(s.p99)} ms · ${clock(at - started)}`;
  };
  const refresh = (): void => {
    const text = line();
    o.stream.write(tty ? `${CLEAR}${text}` : `${text}\n`);
    drawn = tty;
  };
  const clear = (): void => {
    if (drawn) o.stream.write(CLEAR);
    drawn = false;
  };

  return {
    name: 'live',
    line,
    onRunStart(info: RunInfo) {
      total = o.total === null ? undefined : (o.total ?? (info.total > 0 ? info.total : undefined));
      started = now();
      last = { at: started, requests: o.stats().requests };
      timer = setInterval(refresh, intervalMs);
      timer.unref?.();
    },
    onCaseEnd(c: CaseResult) {
      done++;
      if (c.status === 'passed') passed++;
      else if (c.status === 'failed') failed++;
      else if (c.status === 'error') errors++;
      // Whatever prints the case next starts at the beginning of a clean line.
      clear();
    },
    onRunEnd() {
      if (timer) clearInterval(timer);
      timer = undefined;
      clear();
      if (!tty) refresh();
    },
  };
}

/** `1:05` or `1:02:03`. */
function clock(msElapsed: number): string {
  const s = Math.floor(msElapsed / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}` : `${Math.floor(s / 60)}:${pad(s % 60)}`;
}
