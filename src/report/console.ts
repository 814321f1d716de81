import type { CaseResult, Coverage, Level, Reporter, RunInfo, RunSummary, Status, StepResult } from '../model/index.js';
import { coverageLine } from './coverage.js';
import { CONSOLE_LIMITS, exchangeLines } from './excerpt.js';
import { headline, noExchangeText, runErrorText, say, skipReason, stepHeading, stepProblemLines, stepsToExplain, where } from './explain.js';
import type { ReporterOptions } from './options.js';
import { paint, type Paint } from './paint.js';
import { redactText } from '../common/redact.js';
import { formatDuration, plural, visible } from './text.js';
import { latencyLines } from './latency.js';
import { acceptedByBaseline, summaryLine, verdictLine } from './verdict.js';

/** In a CI log, the longest silence while a case runs. */
export const HEARTBEAT_MS = 10_000;

/** Marks read without colour: words, padded so ids line up in a CI log. */
const MARKS: Record<Status, { word: string; colour: keyof Paint }> = {
  passed: { word: 'PASS', colour: 'green' },
  failed: { word: 'FAIL', colour: 'red' },
  error: { word: 'ERROR', colour: 'magenta' },
  skipped: { word: 'SKIP', colour: 'yellow' },
};

/**
 * Human output for a terminal or a CI log: a header, one line per case as it ends, then every
 * failure and error explained, the skips with reasons, the verdict, and the summary line last.
 */
export function createConsoleReporter(o: ReporterOptions): Reporter {
  const p = paint(o.color);
  const write = (lines: string[]) => void o.stream.write(lines.map((l) => `${l}\n`).join(''));
  const mark = marker(p);
  let failLevel: Level = 'MUST';
  let coverage: Coverage | undefined;
  /** Cases kept for the end: everything but clean passes, whose results nobody re-reads. */
  const kept: CaseResult[] = [];

  // Progress: `[12/38]` before each case on a terminal; in a CI log (no terminal), a line at
  // least every HEARTBEAT_MS while a case runs, so a wait for consistency or throttling is seen.
  const tty = (o.stream as { isTTY?: boolean }).isTTY === true;
  let total = 0;
  let ended = 0;
  /** Set for a `--duration` run: how many cases run is not known, so the counter shows rounds instead of a total. */
  let rounds = false;
  /** What each result is: a case, or an exchange through `gsc proxy`. */
  let subject: 'case' | 'exchange' = 'case';
  const running = new Map<string, number>();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const beat = () => {
    const now = performance.now();
    for (const [id, since] of running) write([p.dim(`  … still running ${say(id, 120)} (${formatDuration(now - since)}): waiting for the target, for consistency or throttling`)]);
  };

  return {
    name: 'console',
    onCaseStart(c: { id: string }) {
      running.set(c.id, performance.now());
      if (!tty && !o.quiet && heartbeat === undefined) {
        heartbeat = setInterval(beat, HEARTBEAT_MS);
        heartbeat.unref?.();
      }
    },
    onRunStart(info: RunInfo) {
      total = info.total ?? 0;
      rounds = info.durationMs !== undefined;
      subject = info.subject ?? 'case';
      failLevel = info.failLevel ?? failLevel;
      coverage = info.coverage;
      if (o.quiet) return;
      const tool = `${info.tool?.name ?? 'gsc'} ${info.tool?.version ?? ''}`.trim();
      write([
        p.bold(say(`${tool} against ${redactText(String(info.target ?? '(unknown target)'))}`)),
        `${planned(info)}, failing level ${failLevel}`,
        '',
      ]);
    },
    onCaseEnd(c: CaseResult) {
      if (c.status !== 'passed' || stepsToExplain(c).length > 0 || c.baseline) kept.push(c);
      running.delete(c.id);
      ended++;
      if (o.quiet) return;
      const counter = tty && total > 0 ? `${p.dim(`[${rounds ? `${ended} · round ${roundOf(c.id)}` : `${ended}/${total}`}]`)} ` : '';
      const retried = retrySummary(c.steps);
      const timing = `${formatDuration(c.durationMs)}${retried ? `, ${retried}` : ''}`;
      write([`${counter}${mark(c.status)} ${say(c.id, 120)}  ${say(c.title, 200)}  ${p.dim(`(${timing})`)}`]);
      if (o.verbose) write((c.steps ?? []).map((s) => `      ${p.dim(stepLine(s))}`));
    },
    onRunEnd(summary: RunSummary) {
      if (heartbeat !== undefined) clearInterval(heartbeat);
      heartbeat = undefined;
      running.clear();
      const known = kept.filter((c) => acceptedByBaseline(c));
      const explained = kept.filter((c) => !acceptedByBaseline(c) && (stepsToExplain(c).length > 0 || c.status === 'failed' || c.status === 'error'));
      if (explained.length) write([...(o.quiet ? [] : ['']), p.bold('Failures and errors'), ...condensed(explained, mark, p, o.verbose === true)]);
      const skipped = o.quiet ? [] : kept.filter((c) => c.status === 'skipped');
      if (skipped.length) write(['', p.bold('Skipped'), ...skipped.map((c) => `  ${say(c.id, 120)}: ${skipReason(c)}`)]);
      if (known.length && !o.quiet) write(['', p.bold('Known deviations (baseline): failed as expected, not counted'), ...known.map((c) => `  ${say(c.id, 120)}: ${headline(c)}\n    baseline: ${say(c.baseline?.reason)}${c.baseline?.expires ? ` (until ${say(c.baseline.expires, 20)})` : ''} at ${where(c.baseline?.span)}`)]);
      const fixed = kept.filter((c) => c.baseline?.state === 'fixed');
      if (fixed.length && !o.quiet) write(['', p.bold('Fixed: baselined cases that now pass (remove their entries)'), ...fixed.map((c) => `  ${say(c.id, 120)}: passes; its entry is at ${where(c.baseline?.span)}`)]);
      const end = o.quiet && !explained.length ? [] : [''];
      if (summary.latency && !o.quiet) end.push(...latencyLines(summary.latency, tty ? columns(o.stream) : undefined).map((l, i) => (i === 0 ? p.bold(l) : l)), '');
      // The code in brackets, unless it only repeats the word: `Run aborted: interrupted: …`.
      if (summary.aborted) end.push(p.red(`Run aborted${summary.aborted.code === 'aborted' ? '' : ` (${say(summary.aborted.code, 40)})`}: ${say(summary.aborted.message)}`));
      // An aborted run whose cases never got an answer judged has checked nothing of the contract.
      const judged = summary.counts.passed + summary.counts.failed;
      if (coverage && !o.quiet) end.push(summary.aborted && judged === 0 ? 'Contract coverage: none (the run stopped before any case was judged)' : coverageLine(coverage));
      const verdict = verdictLine(summary, failLevel, kept, subject);
      end.push(summary.conformant ? p.green(verdict) : p.red(verdict));
      end.push(summaryLine(summary.counts, summary.durationMs));
      if (summary.waitedMs) end.push(`Waited ${formatDuration(summary.waitedMs)} in all because the target throttled the run`);
      write(end);
    },
  };
}

/**
 * A case's retries and what caused them, so a user sees a 409 from replication apart from a
 * 429 from throttling without opening the report: `2 retries: 409 Conflict ×2`.
 */
export function retrySummary(steps: readonly StepResult[]): string {
  const retries = steps.reduce((n, st) => n + (st.retries ?? 0), 0);
  if (retries === 0) return '';
  const reasons = new Map<string, number>();
  for (const st of steps) for (const r of st.retryReasons ?? []) reasons.set(r, (reasons.get(r) ?? 0) + 1);
  const named = [...reasons].map(([r, n]) => `${say(r, 120)}${n > 1 ? ` ×${n}` : ''}`).join('; ');
  return `${plural(retries, 'retry', 'retries')}${named ? `: ${named}` : ' after transient failures'}`;
}

/** What the run will check, as the line under its header says: `38 cases`, one round's cases, or the proxy's exchanges. */
function planned(info: RunInfo): string {
  const total = info.total ?? 0;
  if (info.subject === 'exchange') return total > 0 ? `Checking up to ${plural(total, 'exchange')} against specs/ as they pass through` : 'Checking each exchange against specs/ as it passes through';
  if (info.durationMs === undefined) return plural(total, 'case');
  const time = formatDuration(info.durationMs);
  // --repeat with --duration: both bound the run, and it stops at whichever ends first.
  return `${plural(total, 'case')} a round, ${info.rounds !== undefined ? `for ${plural(info.rounds, 'round')} or ${time} (whichever ends first)` : `round after round for ${time}`}`;
}

/** A terminal's width, when it tells it. */
function columns(stream: NodeJS.WritableStream): number | undefined {
  const n = (stream as { columns?: unknown }).columns;
  return typeof n === 'number' && n > 0 ? n : undefined;
}

/** The round of a repeated case's result, from its id (`create/answers-201#3`: case ids never hold `#`). */
function roundOf(id: string): string {
  return /#(\d+)$/.exec(id)?.[1] ?? '1';
}

/** `PASS `, `FAIL `…, coloured by `p`. */
function marker(p: Paint): (s: Status) => string {
  return (s) => {
    const m = MARKS[s] ?? { word: String(s).toUpperCase(), colour: 'bold' };
    return p[m.colour](m.word.padEnd(5));
  };
}

/**
 * One case explained as the console reporter explains it under "Failures and errors": where the
 * case lives, each troubled step with its findings and exchange. For other ways of showing a
 * result (the vitest adapter's failure messages).
 */
export function explainCase(c: CaseResult, color = false): string {
  const p = paint(color);
  return caseDetails(c, marker(p), p).join('\n');
}

/** Cases explained with their request and response; the rest are told without, so one deviation that breaks every case cannot flood a log. */
export const FULL_EXPLANATIONS = 3;

/**
 * Every explained case, bounded: the first {@link FULL_EXPLANATIONS} with their exchanges, the
 * others with their findings only; a step that failed as it did in an earlier case (a shared
 * fixture step, a cleanup) is one line naming that case. `--verbose` shows everything.
 */
function condensed(cases: CaseResult[], mark: (s: Status) => string, p: Paint, verbose: boolean): string[] {
  const lines: string[] = [];
  const seen = new Map<string, string>();
  cases.forEach((c, i) => lines.push('', ...caseDetails(c, mark, p, { exchanges: verbose || i < FULL_EXPLANATIONS, ...(verbose ? {} : { seen }) })));
  if (!verbose && cases.length > FULL_EXPLANATIONS) lines.push('', p.dim(`Requests and responses are shown for the first ${FULL_EXPLANATIONS} cases; results.json has every exchange, and --verbose prints them all.`));
  return lines;
}

/** The full story of one case: where it lives, then each troubled step with its exchange. */
function caseDetails(c: CaseResult, mark: (s: Status) => string, p: Paint, o: { exchanges: boolean; seen?: Map<string, string> } = { exchanges: true }): string[] {
  const note = c.status === 'passed' || c.status === 'skipped' ? ` (${c.status === 'skipped' ? `skipped: ${skipReason(c)}; ` : ''}its cleanup did not succeed; something may be left behind)` : '';
  const expired = c.baseline?.state === 'expired' ? ` (its baseline entry expired on ${say(c.baseline.expires, 20)}, so it counts again: ${where(c.baseline.span)})` : '';
  const lines = [`${mark(c.status)} ${p.bold(say(c.id, 120))} — ${say(c.title, 200)}${note}${expired}`];
  lines.push(`  [${say(c.level, 10)}] ${where(c.span ?? { file: c.file, line: 0, col: 0 }, false)}${c.doc ? `  ${say(c.doc, 300)}` : ''}`);
  const steps = stepsToExplain(c);
  // The engine often copies a step's error onto its case; say it once.
  const repeated = steps.some((s) => s.error?.code === c.error?.code && s.error?.message === c.error?.message);
  if (c.error && !repeated) lines.push(`  error: ${runErrorText(c.error)}`);
  for (const s of steps) {
    const problems = stepProblemLines(s);
    if (o.seen) {
      // The same step (a shared fixture) failing the same way in case after case is told once.
      const key = `${where(s.span)}\u0000${s.name}\u0000${problems.join('\n')}`;
      const earlier = o.seen.get(key);
      if (earlier !== undefined) {
        lines.push(`  ${s.phase === 'cleanup' ? 'cleanup step' : 'step'} "${say(s.name, 80)}" ${s.status === 'error' ? 'could not be tested' : 'failed'} as in ${say(earlier, 120)}: ${say(s.findings[0]?.message ?? s.error?.message ?? s.status, 200)}`);
        continue;
      }
      o.seen.set(key, c.id);
    }
    lines.push(`  ${stepHeading(s)}`, ...problems.map((l) => `    ${l}`));
    if (!o.exchanges) continue;
    if (s.exchange) lines.push(...exchangeLines(s.exchange, CONSOLE_LIMITS).map((l) => (l ? `    ${l}` : '')));
    else lines.push(`    ${noExchangeText(s)}`);
  }
  return lines;
}

/** `create: POST https://… → 201, passed (1 attempt, 12 ms)`, for verbose progress. */
function stepLine(s: StepResult): string {
  const ex = s.exchange;
  const sent = ex ? ` ${ex.request?.method ?? '?'} ${redactText(ex.request?.url ?? '?')} → ${ex.response?.status ?? '?'}` : '';
  return `${s.phase === 'cleanup' ? 'cleanup ' : ''}${say(s.name, 80)}:${visible(sent)}, ${s.status} (${plural(s.attempts ?? 0, 'attempt')}, ${formatDuration(s.durationMs)})`;
}
