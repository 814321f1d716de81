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
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
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
/** A redraw below a case measures the rates and latency again only when the last measure is this old; else it shows those. */
const REMEASURE_MS = 100;
/** Requests per second are counted over about this long (in a log: since the last line). */
const RATE_WINDOW_MS = 1000;

/** What a live line offers besides its reporter. */
export interface LiveLine extends Reporter {
  /** The line as it reads now, measured now. */
  line(): string;
  /**
   * Draws the line again below what the other reporters printed for a case (on a terminal;
   * nothing in a log). Give it to the run after those reporters: the live line itself comes
   * before them, to clear the line before they print.
   */
  below: Reporter;
  /**
   * Runs `write`, which prints a line of its own on the live line's stream (a notice such as a
   * wait for Retry-After), with the line cleared first and drawn again after it, so the notice
   * does not land at the end of the live line.
   */
  aside(write: () => void): void;
}

/**
 * The live line of a long run: cases done, passed and failed, requests per second over about
 * the last second (in a log: since the last line), and latency p50/p95/p99 (from the run's
 * fixed-size histogram, so a measure costs the same at the millionth request as at the first).
 *
 * On a terminal it is one line kept at the bottom, as cargo's or pytest's progress bars are:
 * cleared before each case's own line and drawn again below it at once ({@link LiveLine.below}:
 * its counts up to date, its rates and latency measured again at most every 100 ms), so it
 * never flashes away between refreshes; a timer redraws it every second. In a CI log it is a
 * line every 10 s and nothing more. Nothing is measured per request, a redraw below a case is one
 * short write, and the timer does not keep the process alive.
 *
 * This module is the only place that draws progress while cases run, so any other progress
 * display belongs here beside it.
 */
export function createLiveLine(o: LiveLineOptions): LiveLine {
  const tty = o.tty ?? Boolean(o.stream.isTTY);
  const intervalMs = o.intervalMs ?? (tty ? 1000 : 10_000);
  const now = o.now ?? (() => performance.now());
  let total: number | undefined;
  let done = 0;
  let passed = 0;
  let failed = 0;
  let errors = 0;
  let started = now();
  /** Request counts at past measures, for the rate: at most one a {@link REMEASURE_MS}, so a few. */
  let samples: { at: number; requests: number }[] = [];
  /** The rates and latency as last measured, and when. */
  let rates = '';
  let measured = started;
  let drawn = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  const measure = (): void => {
    const s = o.stats();
    const at = now();
    samples.push({ at, requests: s.requests });
    // The rate over about the last second: the oldest sample kept is the last one at least RATE_WINDOW_MS old.
    while (samples.length > 2 && at - samples[1]!.at >= RATE_WINDOW_MS) samples.shift();
    const from = samples[0]!;
    const seconds = (at - from.at) / 1000;
    const rps = seconds > 0 ? (s.requests - from.requests) / seconds : 0;
    measured = at;
    rates = `${rps.toFixed(1)} req/s · p50 ${ms(s.p50)} ms · p95 ${ms(s.p95)} ms · p99 ${ms(s.p99)} ms`;
  };
  const text = (): string => {
    // `1/4 cases`: the count is of the planned cases; alone, `1 case`.
    const count = total !== undefined ? `${done}/${total} cases` : done === 1 ? '1 case' : `${done} cases`;
    const tail = errors > 0 ? `, ${errors} ${errors === 1 ? 'error' : 'errors'}` : '';
    return `gsc: ${count} done (${passed} passed, ${failed} failed${tail}) · ${rates} · ${clock(now() - started)}`;
  };
  const line = (): string => {
    measure();
    return text();
  };
  const draw = (content: string): void => {
    o.stream.write(tty ? `${CLEAR}${fit(content, o.stream.columns)}` : `${content}\n`);
    drawn = tty;
  };
  const refresh = (): void => draw(line());
  const clear = (): void => {
    if (drawn) o.stream.write(CLEAR);
    drawn = false;
  };

  return {
    name: 'live',
    line,
    aside(write) {
      const shown = drawn;
      clear();
      write();
      if (shown && timer !== undefined) draw(text());
    },
    below: {
      name: 'live (below)',
      onCaseEnd() {
        // Only while the run is on, and only on a terminal: a log gets its line per interval.
        if (tty && timer !== undefined) draw(now() - measured >= REMEASURE_MS ? line() : text());
      },
    },
    onRunStart(info: RunInfo) {
      total = o.total === null ? undefined : (o.total ?? (info.total > 0 ? info.total : undefined));
      started = now();
      samples = [];
      measure();
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

/**
 * The line cut to the terminal's width: a line that wraps cannot be rewritten in place (`\r`
 * goes back only to the start of its last row), so each redraw would leave a row behind.
 */
function fit(text: string, columns: number | undefined): string {
  if (columns === undefined || columns < 2 || text.length < columns) return text;
  return `${text.slice(0, columns - 2)}…`;
}

/** `1:05` or `1:02:03`. */
function clock(msElapsed: number): string {
  const s = Math.floor(msElapsed / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}` : `${Math.floor(s / 60)}:${pad(s % 60)}`;
}
