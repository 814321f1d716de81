import type { CaseResult, Level, Reporter, RunInfo, RunSummary, SourceSpan, StepResult } from '../model/index.js';
import { headline, runErrorText, say, troubledSteps } from './explain.js';
import type { ReporterOptions } from './options.js';
import { formatValue } from './values.js';
import { failsBelowLevel, notCountedBecause, verdictLine, type CaseBrief } from './verdict.js';

/** The kinds of workflow annotation GitHub shows. */
export type AnnotationKind = 'error' | 'warning' | 'notice';

/** Where and how an annotation is titled; every field is optional. */
export interface AnnotationProps {
  file?: string;
  line?: number;
  col?: number;
  endLine?: number;
  endColumn?: number;
  title?: string;
}

/** Findings listed in one annotation; the rest are counted. */
const MAX_FINDINGS = 10;

/**
 * `--reporter github`: GitHub Actions workflow annotations on stdout, one per case that did not
 * pass (and per passed case whose cleanup failed), at the line of the suite file that failed:
 * the broken expectation, else the failing step, else the case. A failure that fails the run is
 * an `::error`; one below the failing level, or a failed cleanup, a `::warning`.
 */
export function createGithubReporter(o: ReporterOptions): Reporter {
  let failLevel: Level = 'MUST';
  const briefs: CaseBrief[] = [];
  const write = (line: string) => void o.stream.write(`${line}\n`);
  return {
    name: 'github',
    onRunStart(info: RunInfo) {
      failLevel = info.failLevel ?? failLevel;
    },
    onCaseEnd(c: CaseResult) {
      briefs.push({ id: c.id, level: c.level, status: c.status, ...(c.baseline ? { baseline: c.baseline } : {}) });
      const a = caseAnnotation(c, failLevel);
      if (a) write(a);
    },
    onRunEnd(summary: RunSummary) {
      if (summary.aborted) write(workflowCommand('error', { title: 'gsc: the run stopped early' }, runErrorText(summary.aborted)));
      write(workflowCommand('notice', { title: 'gsc verdict' }, verdictLine(summary, failLevel, briefs)));
    },
  };
}

/** The annotation for one case, or `undefined` when there is nothing to point at. */
export function caseAnnotation(c: CaseResult, failLevel: Level): string | undefined {
  const troubled = troubledSteps(c);
  if (c.status === 'skipped' || (c.status === 'passed' && troubled.length === 0)) return undefined;
  const main = troubled.filter((s) => s.phase === 'main');
  const shown = main.length ? main : troubled;
  const kind: AnnotationKind = c.status === 'failed' && !failsBelowLevel(c, failLevel) ? 'error' : c.status === 'error' ? 'error' : 'warning';
  const what = c.status === 'error' ? 'could not be tested' : c.status === 'failed' ? 'failed' : 'passed, but its cleanup failed';
  const below = failsBelowLevel(c, failLevel) ? `, ${notCountedBecause(c, failLevel)}: does not fail the run` : '';
  const lines = [`${say(c.id, 200)} ${what} (${c.level}${below}): ${c.status === 'passed' ? say(c.title, 200) : headline(c)}`];
  const findings = shown.flatMap((s) => (s.findings ?? []).map((f) => ({ s, f })));
  for (const { s, f } of findings.slice(0, MAX_FINDINGS)) {
    lines.push(`- step "${say(s.name, 80)}": ${say(f.message)} (expected ${formatValue(f.expected, 200)}, actual ${formatValue(f.actual, 200)})`);
  }
  if (findings.length > MAX_FINDINGS) lines.push(`- and ${findings.length - MAX_FINDINGS} more findings`);
  for (const s of shown.filter((st) => st.error)) lines.push(`- step "${say(s.name, 80)}": ${runErrorText(s.error)}`);
  const span = placeOf(c, shown);
  return workflowCommand(kind, { ...spanProps(span), title: `${c.level} ${say(c.id, 200)}` }, lines.join('\n'));
}

/** The most precise place: the first broken expectation, else the first troubled step, else the case. */
function placeOf(c: CaseResult, steps: StepResult[]): SourceSpan | undefined {
  for (const s of steps) {
    const f = (s.findings ?? []).find((x) => x.span?.file);
    if (f?.span) return f.span;
  }
  return steps.find((s) => s.span?.file)?.span ?? (c.span?.file ? c.span : c.file ? { file: c.file, line: 1, col: 1 } : undefined);
}

function spanProps(span: SourceSpan | undefined): AnnotationProps {
  if (!span) return {};
  const props: AnnotationProps = { file: span.file };
  if (span.line > 0) props.line = span.line;
  if (span.col > 0) props.col = span.col;
  if (span.endLine !== undefined && span.endLine > 0) props.endLine = span.endLine;
  if (span.endCol !== undefined && span.endCol > 0 && span.endLine === span.line) props.endColumn = span.endCol;
  return props;
}

/**
 * A workflow command line, `::error file=…,line=N,col=M,title=…::message`, escaped per GitHub's
 * rules so no value can end the command early or start another: in the message `%`, CR and LF;
 * in property values also `:` and `,`.
 */
export function workflowCommand(kind: AnnotationKind, props: AnnotationProps, message: string): string {
  const list = Object.entries(props)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${kind}${list ? ` ${list}` : ''}::${escapeData(message)}`;
}

/** Escapes a workflow command's message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
