import type { CaseResult, Level, Reporter, RunInfo, RunSummary, Status, StepResult } from '../model/index.js';
import { CONSOLE_LIMITS, exchangeLines } from './excerpt.js';
import { runErrorText, say, skipReason, stepHeading, stepProblemLines, troubledSteps, where } from './explain.js';
import type { ReporterOptions } from './options.js';
import { paint, type Paint } from './paint.js';
import { redactText } from '../common/redact.js';
import { formatDuration, plural, visible } from './text.js';
import { latencyLines } from './latency.js';
import { summaryLine, verdictLine } from './verdict.js';

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
  /** Cases kept for the end: everything but clean passes, whose results nobody re-reads. */
  const kept: CaseResult[] = [];

  return {
    name: 'console',
    onRunStart(info: RunInfo) {
      failLevel = info.failLevel ?? failLevel;
      const tool = `${info.tool?.name ?? 'gsc'} ${info.tool?.version ?? ''}`.trim();
      write([
        p.bold(say(`${tool} against ${redactText(String(info.target ?? '(unknown target)'))}`)),
        `${plural(info.total ?? 0, 'case')}, failing level ${failLevel}`,
        '',
      ]);
    },
    onCaseEnd(c: CaseResult) {
      if (c.status !== 'passed' || troubledSteps(c).length > 0) kept.push(c);
      const retries = c.steps.reduce((n, st) => n + (st.retries ?? 0), 0);
      const timing = `${formatDuration(c.durationMs)}${retries ? `, ${plural(retries, 'retry', 'retries')} after throttling or transient failures` : ''}`;
      write([`${mark(c.status)} ${say(c.id, 120)}  ${say(c.title, 200)}  ${p.dim(`(${timing})`)}`]);
      if (o.verbose) write((c.steps ?? []).map((s) => `      ${p.dim(stepLine(s))}`));
    },
    onRunEnd(summary: RunSummary) {
      const explained = kept.filter((c) => c.status === 'failed' || c.status === 'error' || troubledSteps(c).length > 0);
      if (explained.length) write(['', p.bold('Failures and errors'), ...explained.flatMap((c) => ['', ...caseDetails(c, mark, p)])]);
      const skipped = kept.filter((c) => c.status === 'skipped');
      if (skipped.length) write(['', p.bold('Skipped'), ...skipped.map((c) => `  ${say(c.id, 120)}: ${skipReason(c)}`)]);
      const end = [''];
      if (summary.latency) end.push(...latencyLines(summary.latency).map((l, i) => (i === 0 ? p.bold(l) : l)), '');
      if (summary.aborted) end.push(p.red(`Run aborted (${say(summary.aborted.code, 40)}): ${say(summary.aborted.message)}`));
      end.push(summary.conformant ? p.green(verdictLine(summary, failLevel, kept)) : p.red(verdictLine(summary, failLevel, kept)));
      end.push(summaryLine(summary.counts, summary.durationMs));
      write(end);
    },
  };
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

/** The full story of one case: where it lives, then each troubled step with its exchange. */
function caseDetails(c: CaseResult, mark: (s: Status) => string, p: Paint): string[] {
  const note = c.status === 'passed' || c.status === 'skipped' ? ' (its cleanup did not succeed; something may be left behind)' : '';
  const lines = [`${mark(c.status)} ${p.bold(say(c.id, 120))} — ${say(c.title, 200)}${note}`];
  lines.push(`  [${say(c.level, 10)}] ${where(c.span ?? { file: c.file, line: 0, col: 0 }, false)}${c.doc ? `  ${say(c.doc, 300)}` : ''}`);
  const steps = troubledSteps(c);
  // The engine often copies a step's error onto its case; say it once.
  const repeated = steps.some((s) => s.error?.code === c.error?.code && s.error?.message === c.error?.message);
  if (c.error && !repeated) lines.push(`  error: ${runErrorText(c.error)}`);
  for (const s of steps) {
    lines.push(`  ${stepHeading(s)}`, ...stepProblemLines(s).map((l) => `    ${l}`));
    if (s.exchange) lines.push(...exchangeLines(s.exchange, CONSOLE_LIMITS).map((l) => (l ? `    ${l}` : '')));
    else lines.push('    (no request was sent)');
  }
  return lines;
}

/** `create: POST https://… → 201, passed (1 attempt, 12 ms)`, for verbose progress. */
function stepLine(s: StepResult): string {
  const ex = s.exchange;
  const sent = ex ? ` ${ex.request?.method ?? '?'} ${redactText(ex.request?.url ?? '?')} → ${ex.response?.status ?? '?'}` : '';
  return `${s.phase === 'cleanup' ? 'cleanup ' : ''}${say(s.name, 80)}:${visible(sent)}, ${s.status} (${plural(s.attempts ?? 0, 'attempt')}, ${formatDuration(s.durationMs)})`;
}
