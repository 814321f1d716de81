import type { CaseResult, Level, Reporter, RunError, RunInfo, RunSummary, StepResult } from '../model/index.js';
import { exchangeLines, type ExcerptLimits } from './excerpt.js';
import { headline, noExchangeText, runErrorText, say, skipReason, stepHeading, stepProblemLines, troubledSteps } from './explain.js';
import type { ReporterOptions } from './options.js';
import { redactText } from '../common/redact.js';
import { formatDuration } from './text.js';
import { failsBelowLevel, notCountedBecause } from './verdict.js';
import { TextSpool } from './spool.js';
import { writeFileInPieces, type Write } from './write-file.js';
import { element, startTag, xmlText } from './xml.js';

/** The file name inside `outDir`. */
export const JUNIT_FILE = 'junit.xml';

/** CI viewers show `<system-out>` inline; keep each body to a page or so. */
const JUNIT_LIMITS: ExcerptLimits = { bodyChars: 16_000, bodyLines: 400 };

/**
 * `<outDir>/junit.xml` for CI test tabs: one `<testsuite>` per suite, one `<testcase>` per case
 * (`classname` = suite id, `name` = case id and title), written atomically when the run ends.
 * It agrees with the verdict: a failure below the failing level (`--level`) is no `<failure>`,
 * so CI is not red on a conformant run; its findings stay in `<system-out>` and the
 * `outcome` property.
 */
export function createJunitReporter(o: ReporterOptions): Reporter {
  // Each case as the few fields the totals need, its finished <testcase> kept on disk until the
  // run ends: a long run holds a short record per case, and the file is written piece by piece.
  let info: RunInfo | undefined;
  const spool = new TextSpool(o.outDir, JUNIT_FILE);
  const cases: JunitCase[] = [];
  const suites = new Set<string>();
  return {
    name: 'junit',
    onRunStart(i: RunInfo) {
      info = i;
    },
    onCaseEnd(c: CaseResult) {
      const failLevel = info?.failLevel ?? 'MUST';
      // Only a suite's first case gives the suite its timestamp and file: the others keep neither.
      const first = !suites.has(c.suite);
      suites.add(c.suite);
      cases.push(junitCase(c, failLevel, spool.add(caseXml(c, failLevel)), first));
    },
    async onRunEnd(summary: RunSummary) {
      try {
        await writeFileInPieces(o.outDir, JUNIT_FILE, (write) => writeJunit(info, cases, (i) => spool.get(i), summary, write));
      } finally {
        spool.close();
      }
    },
  };
}

/** What the document needs of one case once it has ended: its totals, and where its `<testcase>` is kept. */
interface JunitCase {
  suite: string;
  /** As CI should see it (see {@link junitStatus}). */
  status: string;
  durationMs: number;
  /** Kept for the first case of its suite. */
  startedAt?: CaseResult['startedAt'];
  /** Kept for the first case of its suite. */
  file?: CaseResult['file'];
  /** Its `<testcase>`, by the index it is kept under. */
  xml: number;
}

function junitCase(c: CaseResult, failLevel: Level, xml: number, first = true): JunitCase {
  const status = junitStatus(c, failLevel);
  return first ? { suite: c.suite, status, durationMs: c.durationMs, startedAt: c.startedAt, file: c.file, xml } : { suite: c.suite, status, durationMs: c.durationMs, xml };
}

/** The JUnit document for a run; valid XML 1.0 whatever the results contain. */
export function junitXml(info: RunInfo | undefined, cases: CaseResult[], summary: RunSummary): string {
  const failLevel = info?.failLevel ?? 'MUST';
  const xml = cases.map((c) => caseXml(c, failLevel));
  const pieces: Array<string | Uint8Array> = [];
  writeJunit(info, cases.map((c, i) => junitCase(c, failLevel, i)), (i) => xml[i]!, summary, (p) => pieces.push(p));
  return pieces.join('');
}

/** Writes the JUnit document piece by piece, each `<testcase>` a piece of its own. */
function writeJunit(info: RunInfo | undefined, cases: readonly JunitCase[], xmlOf: (index: number) => string, summary: RunSummary, write: Write): void {
  const suites = new Map<string, JunitCase[]>();
  for (const c of cases) {
    const list = suites.get(c.suite);
    if (list) list.push(c);
    else suites.set(c.suite, [c]);
  }
  const all = [...cases.map((c) => ({ status: c.status })), ...(summary.aborted ? [{ status: 'error' }] : [])];
  const attrs = { name: info ? `${info.tool.name} ${info.tool.version}` : 'gsc', ...tally(all), time: seconds(summary.durationMs), timestamp: info?.startedAt };
  write(`<?xml version="1.0" encoding="UTF-8"?>\n${startTag('testsuites', attrs)}\n`);
  let first = true;
  for (const [id, list] of suites) {
    if (!first) write('\n');
    first = false;
    writeSuite(id, list, info, xmlOf, write);
  }
  if (summary.aborted) write(`${first ? '' : '\n'}${abortedXml(summary.aborted, summary.durationMs)}`);
  write('\n</testsuites>\n');
}

function writeSuite(id: string, cases: JunitCase[], info: RunInfo | undefined, xmlOf: (index: number) => string, write: Write): void {
  const props = info
    ? element('properties', {}, [prop('target', redactText(String(info.target))), prop('failLevel', info.failLevel)].join(''))
    : '';
  const time = cases.reduce((t, c) => t + (Number.isFinite(c.durationMs) ? c.durationMs : 0), 0);
  const attrs = { name: id, ...tally(cases), time: seconds(time), timestamp: cases[0]?.startedAt, file: cases[0]?.file };
  write(`  ${startTag('testsuite', attrs)}\n    ${props}`);
  cases.forEach((c, i) => write(`${props || i > 0 ? '\n    ' : ''}${xmlOf(c.xml)}`));
  write('\n  </testsuite>');
}

/** The status CI should see: a failure below the failing level does not fail the run, so it passes. */
function junitStatus(c: CaseResult, failLevel: Level): string {
  return failsBelowLevel(c, failLevel) ? 'passed' : c.status;
}

function caseXml(c: CaseResult, failLevel: Level): string {
  const below = failsBelowLevel(c, failLevel);
  const outcome = below ? [prop('outcome', `failed at ${c.level}, ${notCountedBecause(c, failLevel)}: does not fail the run`)] : [];
  const props = element('properties', {}, [prop('level', c.level), prop('tags', c.tags.join(', ')), prop('doc', c.doc), ...outcome].join(''));
  const attrs = { classname: c.suite, name: `${c.id}: ${c.title}`, time: seconds(c.durationMs), file: c.file, line: c.span.line };
  const out = below ? `\n${belowLevelText(c, failLevel)}${transcript(c)}` : transcript(c);
  return element('testcase', attrs, [props, below ? '' : outcomeXml(c), out ? element('system-out', {}, xmlText(out)) : ''].join(''));
}

/** A failure that does not count, said where CI shows it without turning red. */
function belowLevelText(c: CaseResult, failLevel: Level): string {
  const main = troubledSteps(c).filter((s) => s.phase === 'main');
  const lines = [`FAILED at level ${c.level}, ${notCountedBecause(c, failLevel)}, so it does not fail the run: ${headline(c)}`];
  for (const s of main) lines.push(stepHeading(s), ...stepProblemLines(s).map((l) => `  ${l}`));
  return `${lines.join('\n')}\n`;
}

/** The JUnit outcome element; a passed case has none. */
function outcomeXml(c: CaseResult): string {
  if (c.status === 'passed') return '';
  if (c.status === 'skipped') return element('skipped', { message: skipReason(c) });
  const main = troubledSteps(c).filter((s) => s.phase === 'main');
  const text = [c.error ? `error: ${runErrorText(c.error)}` : '', ...main.flatMap((s) => [stepHeading(s), ...stepProblemLines(s).map((l) => `  ${l}`)])];
  const body = xmlText(text.filter(Boolean).join('\n'));
  if (c.status === 'failed') {
    const type = main.flatMap((s) => s.findings)[0]?.check;
    return element('failure', { message: headline(c), type }, body);
  }
  const code = c.error?.code ?? main.find((s) => s.error)?.error?.code;
  return element('error', { message: headline(c), type: code }, body);
}

/**
 * What was sent and received: each troubled step's exchange in full, other steps one line each.
 * Findings of main steps are in `<failure>`; a troubled cleanup step's are only here.
 */
function transcript(c: CaseResult): string {
  const troubled = new Set(troubledSteps(c));
  const lines = c.steps.flatMap((s) => (troubled.has(s) ? fullStep(s) : [briefStep(s)]));
  return lines.length ? `\n${lines.join('\n')}\n` : '';
}

function fullStep(s: StepResult): string[] {
  const lines = [stepHeading(s), ...(s.phase === 'cleanup' ? stepProblemLines(s).map((l) => `  ${l}`) : [])];
  if (s.exchange) lines.push(...exchangeLines(s.exchange, JUNIT_LIMITS).map((l) => (l ? `  ${l}` : '')));
  else lines.push(`  ${noExchangeText(s)}`);
  return lines;
}

function briefStep(s: StepResult): string {
  const ex = s.exchange;
  const sent = ex ? `: ${ex.request.method} ${redactText(ex.request.url)} -> ${ex.response.status}` : '';
  const why = s.status === 'skipped' && s.skipReason ? ` (${say(s.skipReason)})` : '';
  return `${s.phase === 'cleanup' ? 'cleanup ' : ''}step "${say(s.name, 80)}"${say(sent, 600)}, ${s.status}${why} in ${formatDuration(s.durationMs)}`;
}

function abortedXml(aborted: RunError, durationMs: number): string {
  const message = runErrorText(aborted);
  const error = element('error', { message, type: aborted.code }, xmlText(`The run stopped early: ${message}`));
  const testcase = element('testcase', { classname: 'run', name: 'run: aborted', time: seconds(durationMs) }, error);
  return `  ${element('testsuite', { name: 'run', tests: 1, failures: 0, errors: 1, skipped: 0, time: seconds(durationMs) }, `\n    ${testcase}\n  `)}`;
}

function tally(cases: { status?: string }[]): { tests: number; failures: number; errors: number; skipped: number } {
  const n = (s: string) => cases.filter((c) => c.status === s).length;
  const errors = cases.filter((c) => c.status !== 'passed' && c.status !== 'failed' && c.status !== 'skipped').length;
  return { tests: cases.length, failures: n('failed'), errors, skipped: n('skipped') };
}

function prop(name: string, value: unknown): string {
  return element('property', { name, value: String(value ?? '') });
}

function seconds(ms: number): string {
  return Number.isFinite(ms) && ms > 0 ? (ms / 1000).toFixed(3) : '0.000';
}
