import { randomUUID } from 'node:crypto';
// Types only, erased at build time: the `ctrf` package (a devDependency) is the reference
// implementation of the format, and its tests validate this reporter's output with its schema.
import type { CTRFReport, Test, TestStatus } from 'ctrf';
import type { CaseResult, Level, Reporter, RunInfo, RunSummary } from '../model/index.js';
import { headline, stepProblemLines, troubledSteps, stepHeading } from './explain.js';
import type { ReporterOptions } from './options.js';
import { redactText } from '../common/redact.js';
import { latencyJson } from './json.js';
import { failsBelowLevel, notCountedBecause } from './verdict.js';
import { TextSpool } from './spool.js';
import { writeFileInPieces, type Write } from './write-file.js';

/** The file name inside `outDir`. */
export const CTRF_FILE = 'ctrf.json';

/** The CTRF specification version the file follows (the current one of the `ctrf` package). */
export const CTRF_SPEC_VERSION = '0.0.0';

/**
 * `<outDir>/ctrf.json` in the Common Test Report Format, for the CTRF tools (GitHub summaries,
 * Slack, merging shards). One test per case; the status agrees with the verdict: a failure
 * below the failing level is `other` (its `rawStatus` stays `failed`), an error that kept a
 * case from being tested is `failed` (`rawStatus` `error`), since the run does not pass.
 * Each case becomes its small test record as it ends; exchanges are not kept.
 */
export function createCtrfReporter(o: ReporterOptions): Reporter {
  // Each test as its finished text, kept on disk until the run ends, and what the summary counts
  // in memory; the file is written piece by piece, never as one string.
  let info: RunInfo | undefined;
  const spool = new TextSpool(o.outDir, CTRF_FILE);
  const tally = tallyOf([]);
  return {
    name: 'ctrf',
    onRunStart(i: RunInfo) {
      info = i;
    },
    onCaseEnd(c: CaseResult) {
      const test = ctrfTest(c, info?.failLevel ?? 'MUST');
      count(tally, test);
      spool.add(JSON.stringify(test, null, 2).replace(/\n/g, TEST_INDENT));
    },
    async onRunEnd(summary: RunSummary) {
      try {
        await writeFileInPieces(o.outDir, CTRF_FILE, (write) => writeCtrf(info, tally, spool, summary, write));
      } finally {
        spool.close();
      }
    },
  };
}

/** What the summary counts of the tests: how many, how many of each status, and the suites they are in. */
interface Tally {
  tests: number;
  statuses: Map<TestStatus, number>;
  suites: Set<string | undefined>;
}

function tallyOf(tests: readonly Test[]): Tally {
  const tally: Tally = { tests: 0, statuses: new Map(), suites: new Set() };
  for (const t of tests) count(tally, t);
  return tally;
}

function count(tally: Tally, test: Test): void {
  tally.tests++;
  tally.statuses.set(test.status, (tally.statuses.get(test.status) ?? 0) + 1);
  tally.suites.add(test.suite?.[0]);
}

/** A test's own line breaks, indented for its place in `results.tests`. */
const TEST_INDENT = '\n      ';

/** Stands for the tests in the document's text while the rest is laid out. */
const TESTS_HERE = '\u0000tests';

/**
 * Writes the CTRF document piece by piece, each test (its text kept under its index) a piece of
 * its own: exactly `JSON.stringify(ctrfReport(info, tests, summary), null, 2)` plus a newline.
 */
function writeCtrf(info: RunInfo | undefined, tally: Tally, tests: { readonly count: number; get(i: number): string }, summary: RunSummary, write: Write): void {
  const report = ctrfReport(info, [], summary, tally);
  if (tests.count === 0) {
    write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const text = JSON.stringify({ ...report, results: { ...report.results, tests: [TESTS_HERE as unknown as Test] } }, null, 2);
  const marker = JSON.stringify(TESTS_HERE);
  const at = text.indexOf(marker);
  write(text.slice(0, at));
  for (let i = 0; i < tests.count; i++) write(i > 0 ? `,${TEST_INDENT}${tests.get(i)}` : tests.get(i));
  write(`${text.slice(at + marker.length)}\n`);
}

/** The CTRF document for a run, from the tests {@link ctrfTest} made. */
export function ctrfReport(info: RunInfo | undefined, tests: Test[], summary: RunSummary, tally: Tally = tallyOf(tests)): CTRFReport {
  const start = time(info?.startedAt) ?? Date.now();
  const duration = int(summary.durationMs);
  const n = (s: TestStatus) => tally.statuses.get(s) ?? 0;
  const tool = { name: String(info?.tool?.name ?? 'gsc'), version: String(info?.tool?.version ?? 'unknown') };
  const target = redactText(String(info?.target ?? 'unknown'));
  return {
    reportFormat: 'CTRF',
    specVersion: CTRF_SPEC_VERSION,
    reportId: randomUUID(),
    timestamp: new Date().toISOString(),
    generatedBy: `${tool.name} ${tool.version}`,
    results: {
      tool,
      summary: {
        tests: tally.tests,
        passed: n('passed'),
        failed: n('failed'),
        skipped: n('skipped'),
        pending: n('pending'),
        other: n('other'),
        suites: tally.suites.size,
        start,
        stop: start + duration,
        duration,
        extra: { verdict: summary.verdict, conformant: summary.conformant === true, failLevel: info?.failLevel ?? 'MUST', ...(summary.latency ? { latency: latencyJson(summary.latency) } : {}) },
      },
      tests,
      environment: { reportName: 'Microsoft Graph synchronization jobs conformance', testEnvironment: target },
    },
    ...(summary.aborted ? { extra: { aborted: { code: summary.aborted.code, message: redactText(String(summary.aborted.message)) } } } : {}),
  };
}

/** One case as a CTRF test: compact, redacted, with the place and the reason it did not pass. */
export function ctrfTest(c: CaseResult, failLevel: Level): Test {
  const below = failsBelowLevel(c, failLevel);
  const status: TestStatus = c.status === 'passed' || c.status === 'skipped' ? c.status : below ? 'other' : 'failed';
  const start = time(c.startedAt);
  const duration = int(c.durationMs);
  const troubled = troubledSteps(c);
  const place = troubled.flatMap((s) => (s.findings ?? []).map((f) => f.span)).find((sp) => sp?.line) ?? troubled[0]?.span ?? c.span;
  const test: Test = {
    testId: String(c.id),
    name: `${c.id}: ${redactText(String(c.title))}`,
    status,
    duration,
    ...(start !== undefined ? { start, stop: start + duration } : {}),
    suite: [String(c.suite)],
    rawStatus: String(c.status),
    tags: (c.tags ?? []).map(String),
    labels: { level: c.level, countsForVerdict: !below, ...(c.doc ? { doc: redactText(String(c.doc)) } : {}) },
    type: 'conformance',
    filePath: String(c.file),
    retries: (c.steps ?? []).reduce((n, s) => n + int(s.retries), 0),
    steps: (c.steps ?? []).map((s) => ({ name: String(s.name), status: s.status === 'error' ? 'failed' : s.status, extra: { phase: s.phase } })),
  };
  if (place?.line) test.line = int(place.line);
  if (c.status !== 'passed' || troubled.length) {
    test.message = below ? `failed at ${c.level}, ${notCountedBecause(c, failLevel)}, so it does not fail the run: ${headline(c)}` : headline(c);
  }
  if (troubled.length) test.trace = troubled.flatMap((s) => [stepHeading(s), ...stepProblemLines(s).map((l) => `  ${l}`)]).join('\n');
  return test;
}

function time(iso: unknown): number | undefined {
  const t = typeof iso === 'string' ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : undefined;
}

function int(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.round(n) : 0;
}
