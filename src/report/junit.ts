import type { CaseResult, Level, Reporter, RunError, RunInfo, RunSummary, StepResult } from '../model/index.js';
import { exchangeLines, type ExcerptLimits } from './excerpt.js';
import { headline, noExchangeText, runErrorText, say, skipReason, stepHeading, stepProblemLines, troubledSteps } from './explain.js';
import type { ReporterOptions } from './options.js';
import { redactText } from '../common/redact.js';
import { formatDuration } from './text.js';
import { failsBelowLevel, notCountedBecause } from './verdict.js';
import { collectingReporter } from './collecting.js';
import { element, xmlText } from './xml.js';

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
  // Each case as its finished <testcase> and the few fields the totals need, not the result with
  // its exchanges: a long run holds a short record per case.
  return collectingReporter('junit', JUNIT_FILE, o, (c, info) => junitCase(c, info?.failLevel ?? 'MUST'), junitDocument);
}

/** What the document needs of one case once it has ended: its `<testcase>` and its totals. */
interface JunitCase {
  suite: string;
  /** As CI should see it (see {@link junitStatus}). */
  status: string;
  durationMs: number;
  startedAt: CaseResult['startedAt'];
  file: CaseResult['file'];
  xml: string;
}

function junitCase(c: CaseResult, failLevel: Level): JunitCase {
  return { suite: c.suite, status: junitStatus(c, failLevel), durationMs: c.durationMs, startedAt: c.startedAt, file: c.file, xml: caseXml(c, failLevel) };
}

/** The JUnit document for a run; valid XML 1.0 whatever the results contain. */
export function junitXml(info: RunInfo | undefined, cases: CaseResult[], summary: RunSummary): string {
  const failLevel = info?.failLevel ?? 'MUST';
  return junitDocument(info, cases.map((c) => junitCase(c, failLevel)), summary);
}

function junitDocument(info: RunInfo | undefined, cases: readonly JunitCase[], summary: RunSummary): string {
  const suites = new Map<string, JunitCase[]>();
  for (const c of cases) {
    const list = suites.get(c.suite);
    if (list) list.push(c);
    else suites.set(c.suite, [c]);
  }
  const blocks = [...suites].map(([id, list]) => suiteXml(id, list, info));
  if (summary.aborted) blocks.push(abortedXml(summary.aborted, summary.durationMs));
  const all = [...cases.map((c) => ({ status: c.status })), ...(summary.aborted ? [{ status: 'error' }] : [])];
  const root = element(
    'testsuites',
    {
      name: info ? `${info.tool.name} ${info.tool.version}` : 'gsc',
      ...tally(all),
      time: seconds(summary.durationMs),
      timestamp: info?.startedAt,
    },
    `\n${blocks.join('\n')}\n`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}

function suiteXml(id: string, cases: JunitCase[], info: RunInfo | undefined): string {
  const props = info
    ? element('properties', {}, [prop('target', redactText(String(info.target))), prop('failLevel', info.failLevel)].join(''))
    : '';
  const time = cases.reduce((t, c) => t + (Number.isFinite(c.durationMs) ? c.durationMs : 0), 0);
  const attrs = { name: id, ...tally(cases), time: seconds(time), timestamp: cases[0]?.startedAt, file: cases[0]?.file };
  return `  ${element('testsuite', attrs, `\n    ${[props, ...cases.map((c) => c.xml)].filter(Boolean).join('\n    ')}\n  `)}`;
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
