import type { CaseResult, Level, Reporter, RunError, RunInfo, RunSummary, StepResult } from '../model/index.js';
import { exchangeLines, type ExcerptLimits } from './excerpt.js';
import { headline, noExchangeText, runErrorText, say, skipReason, stepHeading, stepProblemLines, troubledSteps } from './explain.js';
import type { ReporterOptions } from './options.js';
import { redactText } from '../common/redact.js';
import { formatDuration } from './text.js';
import { failsBelowLevel, notCountedBecause } from './verdict.js';
import { NumberColumn, Names } from './columns.js';
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
  // Each case as the few numbers the totals need, its finished <testcase> kept on disk until the
  // run ends: a long run holds some 13 bytes per case, and the file is written piece by piece.
  let info: RunInfo | undefined;
  const spool = new TextSpool(o.outDir, JUNIT_FILE);
  const cases = new JunitCases();
  return {
    name: 'junit',
    onRunStart(i: RunInfo) {
      info = i;
    },
    onCaseEnd(c: CaseResult) {
      const failLevel = info?.failLevel ?? 'MUST';
      cases.add(c, failLevel, spool.add(caseXml(c, failLevel)));
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

/** What a suite's element shows: its first case's timestamp and file, its cases' totals and time. */
interface SuiteTotals {
  startedAt: CaseResult['startedAt'];
  file: CaseResult['file'];
  tally: Tally;
  /** Its cases' durations added up in the order they ended. */
  timeMs: number;
}

/**
 * The ended cases, as the document needs them: the totals of the run and of each suite, counted
 * as cases end, and per case the number of its suite (4 bytes); its `<testcase>` is kept under
 * its own index.
 */
class JunitCases {
  readonly suites = new Names();
  /** Each suite's totals, by its number. */
  readonly totals: SuiteTotals[] = [];
  readonly tally = new Tally();
  private readonly suite = NumberColumn.whole();

  get length(): number {
    return this.suite.length;
  }

  /** Keeps `c`, whose `<testcase>` is kept under `xml`: the index it gets here. */
  add(c: CaseResult, failLevel: Level, xml: number): void {
    if (xml !== this.length) throw new Error(`junit: the <testcase> of case ${this.length} was kept under ${xml}`);
    const id = this.suites.id(c.suite);
    // Only a suite's first case gives the suite its timestamp and file: the others keep neither.
    if (id === this.totals.length) this.totals.push({ startedAt: c.startedAt, file: c.file, tally: new Tally(), timeMs: 0 });
    const suite = this.totals[id]!;
    const status = junitStatus(c, failLevel);
    suite.tally.add(status);
    suite.timeMs += Number.isFinite(c.durationMs) ? c.durationMs : 0;
    this.tally.add(status);
    this.suite.push(id);
  }

  suiteOf(i: number): number {
    return this.suite.get(i);
  }
}

/** The JUnit document for a run; valid XML 1.0 whatever the results contain. */
export function junitXml(info: RunInfo | undefined, cases: CaseResult[], summary: RunSummary): string {
  const failLevel = info?.failLevel ?? 'MUST';
  const xml: string[] = [];
  const kept = new JunitCases();
  for (const c of cases) kept.add(c, failLevel, xml.push(caseXml(c, failLevel)) - 1);
  const pieces: Array<string | Uint8Array> = [];
  writeJunit(info, kept, (i) => xml[i]!, summary, (p) => pieces.push(p));
  return pieces.join('');
}

/** Writes the JUnit document piece by piece, each `<testcase>` a piece of its own. */
function writeJunit(info: RunInfo | undefined, cases: JunitCases, xmlOf: (index: number) => string, summary: RunSummary, write: Write): void {
  // Each suite's cases, in the order they ended: the suites' lists laid end to end in one array.
  const ends = new Uint32Array(cases.suites.size + 1);
  for (let i = 0; i < cases.length; i++) ends[cases.suiteOf(i) + 1]!++;
  for (let s = 1; s < ends.length; s++) ends[s]! += ends[s - 1]!;
  const order = new Uint32Array(cases.length);
  const next = ends.slice(0, -1);
  for (let i = 0; i < cases.length; i++) order[next[cases.suiteOf(i)]!++] = i;
  const totals = cases.tally.counts();
  if (summary.aborted) {
    totals.tests++;
    totals.errors++;
  }
  const attrs = { name: info ? `${info.tool.name} ${info.tool.version}` : 'gsc', ...totals, time: seconds(summary.durationMs), timestamp: info?.startedAt };
  write(`<?xml version="1.0" encoding="UTF-8"?>\n${startTag('testsuites', attrs)}\n`);
  for (let s = 0; s < cases.suites.size; s++) {
    if (s > 0) write('\n');
    writeSuite(cases.suites.name(s), cases.totals[s]!, order.subarray(ends[s]!, ends[s + 1]!), info, xmlOf, write);
  }
  const first = cases.suites.size === 0;
  if (summary.aborted) write(`${first ? '' : '\n'}${abortedXml(summary.aborted, summary.durationMs)}`);
  write('\n</testsuites>\n');
}

/** Writes one `<testsuite>`: the `<testcase>`s kept under `indexes`, in that order. */
function writeSuite(id: string, suite: SuiteTotals, indexes: Uint32Array, info: RunInfo | undefined, xmlOf: (index: number) => string, write: Write): void {
  const props = info
    ? element('properties', {}, [prop('target', redactText(String(info.target))), prop('failLevel', info.failLevel)].join(''))
    : '';
  const attrs = { name: id, ...suite.tally.counts(), time: seconds(suite.timeMs), timestamp: suite.startedAt, file: suite.file };
  write(`  ${startTag('testsuite', attrs)}\n    ${props}`);
  indexes.forEach((i, n) => write(`${props || n > 0 ? '\n    ' : ''}${xmlOf(i)}`));
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

/** The counts of a `<testsuite>` or `<testsuites>`: any status but passed, failed and skipped is an error. */
class Tally {
  private tests = 0;
  private failures = 0;
  private errors = 0;
  private skipped = 0;

  add(status: string): void {
    this.tests++;
    if (status === 'failed') this.failures++;
    else if (status === 'skipped') this.skipped++;
    else if (status !== 'passed') this.errors++;
  }

  counts(): { tests: number; failures: number; errors: number; skipped: number } {
    return { tests: this.tests, failures: this.failures, errors: this.errors, skipped: this.skipped };
  }
}

function prop(name: string, value: unknown): string {
  return element('property', { name, value: String(value ?? '') });
}

function seconds(ms: number): string {
  return Number.isFinite(ms) && ms > 0 ? (ms / 1000).toFixed(3) : '0.000';
}
