import type { CaseResult, Finding, RunError, SourceSpan, StepResult } from '../model/index.js';
import { redactText } from '../common/redact.js';
import { clip, formatDuration, plural, visible } from './text.js';
import { formatValue } from './values.js';

/**
 * Words shared by the console and JUnit reporters to explain why a case did not pass.
 * Findings are data; this is where they become sentences.
 */

/** `file:line:col` (or `file:line`), the form editors and CI annotations link. */
export function where(span: SourceSpan | undefined, withCol = true): string {
  if (!span || typeof span.file !== 'string') return '(unknown place)';
  const col = withCol && span.col ? `:${span.col}` : '';
  return visible(`${span.file}:${span.line ?? '?'}${col}`);
}

/** Free text from results (messages, reasons): redacted, printable, one line. */
export function say(text: unknown, max = 500): string {
  return visible(clip(redactText(String(text ?? '')), max)).replace(/\n/g, ' ');
}

/** The steps worth explaining: those that failed or could not run, cleanup included. */
export function troubledSteps(c: CaseResult): StepResult[] {
  return (c.steps ?? []).filter((s) => s.status === 'failed' || s.status === 'error');
}

/**
 * The steps a report explains for a case: every troubled step of a failed or errored case; of a
 * passed or skipped case only its troubled cleanup steps (something may be left behind). A
 * skipped optional case's 404 is its skip reason, not a failure to explain.
 */
export function stepsToExplain(c: CaseResult): StepResult[] {
  const troubled = troubledSteps(c);
  return c.status === 'failed' || c.status === 'error' ? troubled : troubled.filter((s) => s.phase === 'cleanup');
}

/** `connect: connection refused`. */
export function runErrorText(e: RunError | undefined): string {
  return e ? `${say(e.code, 40)}: ${say(e.message)}` : 'no details were recorded';
}

/**
 * What stands where a step's exchange would be when it has none: the request never left, or it
 * went out and no answer came, in which case it may have taken effect (a create, its job).
 */
export function noExchangeText(s: StepResult): string {
  if (s.error?.sent === true) return '(the request was sent and no answer came: what it asked for may have happened, a create may have made its job)';
  if (s.error?.sent === undefined && s.error && ['timeout', 'protocol', 'aborted'].includes(s.error.code)) return '(no answer came)';
  return '(no request was sent)';
}

/** A heading for one troubled step: which, where, how it ended, how hard the run tried. */
export function stepHeading(s: StepResult): string {
  const kind = s.phase === 'cleanup' ? 'cleanup step' : 'step';
  const ended = s.status === 'error' ? 'could not be tested' : 'failed';
  const tries = [plural(s.attempts ?? 0, 'attempt')];
  if (s.retries) tries.push(`${plural(s.retries, 'retry', 'retries')}${s.retryReasons?.length ? `: ${s.retryReasons.map((r) => say(r, 120)).join('; ')}` : ''}`);
  tries.push(formatDuration(s.durationMs));
  return `${kind} "${say(s.name, 80)}" ${ended} at ${where(s.span)} (${tries.join(', ')})`;
}

/**
 * One finding as a numbered block: the claim, expected against actual, the JSON pointer and
 * the expectation's place in the suite file.
 */
export function findingLines(f: Finding, n: number): string[] {
  const lines = [`${n}) ${say(f.check, 80)}: ${say(f.message)}`];
  if (f.pointer !== undefined) lines.push(`   pointer:  ${f.pointer === '' ? '(the whole body)' : say(f.pointer, 200)}`);
  lines.push(`   expected: ${formatValue(f.expected)}`, `   actual:   ${formatValue(f.actual)}`);
  if (f.span) lines.push(`   expectation at ${where(f.span)}`);
  return lines;
}

/** Everything known about why a step did not pass, without the exchange. */
export function stepProblemLines(s: StepResult): string[] {
  const lines: string[] = [];
  if (s.error) lines.push(`error: ${runErrorText(s.error)}`);
  (s.findings ?? []).forEach((f, i) => lines.push(...findingLines(f, i + 1)));
  if (lines.length === 0) lines.push(s.status === 'error' ? `error: ${runErrorText(undefined)}` : 'no findings were recorded');
  return lines;
}

/** One line saying why a case did not pass, for a JUnit `message` attribute. */
export function headline(c: CaseResult): string {
  if (c.status === 'skipped') return skipReason(c);
  const steps = troubledSteps(c).filter((s) => s.phase === 'main');
  const first = steps.flatMap((s) => s.findings ?? [])[0];
  const total = steps.reduce((n, s) => n + (s.findings?.length ?? 0), 0);
  if (c.status === 'failed' && first) {
    return total > 1 ? `${say(first.message)} (and ${plural(total - 1, 'more finding')})` : say(first.message);
  }
  const error = c.error ?? steps.find((s) => s.error)?.error;
  return error ? runErrorText(error) : `${c.status} without details`;
}

/** Why a skipped case was skipped: its own reason, else its first step's. */
export function skipReason(c: CaseResult): string {
  const reason = c.skipReason ?? (c.steps ?? []).find((s) => s.skipReason)?.skipReason;
  return reason ? say(reason) : 'no reason given';
}
