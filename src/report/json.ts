import type { BaselineMark, CaseResult, Coverage, Counts, Exchange, Finding, LatencyReport, Level, OperationLatency, Reporter, RunError, RunInfo, RunSummary, ShardInfo, SourceSpan, StepResult } from '../model/index.js';
import type { ReporterOptions } from './options.js';
import { redactHeaders, redactJson, redactText } from '../common/redact.js';
import { truncate } from './text.js';
import { TextSpool } from './spool.js';
import { writeFileInPieces, type Write } from './write-file.js';

/** The file name inside `outDir`. */
export const RESULTS_FILE = 'results.json';

/** Bumped when a field changes meaning or goes away; new optional fields keep the version. */
export const RESULTS_FORMAT_VERSION = 1;

/** Bodies above this many characters are cut, so one huge answer cannot bloat the file. */
export const BODY_CAP = 1_000_000;

/**
 * The content of `results.json`, documented in `docs/results-json.md` and
 * `schemas/results.schema.json`. Cases keep the shape of {@link CaseResult}; exchanges are
 * redacted and may carry `bodyTruncated`/`bodyLength` when a body was cut at {@link BODY_CAP}.
 */
export interface ResultsFile {
  formatVersion: typeof RESULTS_FORMAT_VERSION;
  tool: { name: string; version: string };
  target: string;
  startedAt: string;
  durationMs: number;
  /** How long the run held its requests because the target throttled. */
  waitedMs: number;
  failLevel: Level;
  /** Set when the run is one shard of a split: which, and what the shards of one run share. */
  shard?: ShardInfo;
  verdict: RunSummary['verdict'];
  conformant: boolean;
  counts: Counts;
  /** Skipped cases by the code of their reason, e.g. `{ "needs-allow-writes": 35 }`. */
  skips: Record<string, number>;
  aborted?: RunError;
  /** Request latency, overall and by operation. */
  latency?: LatencyReport;
  /** How much of the contract in specs/ the selected cases check (docs/results-json.md). */
  coverage?: Coverage;
  cases: CaseResult[];
}

/** `<outDir>/results.json`: the whole run for machines, written atomically when it ends. */
export function createJsonReporter(o: ReporterOptions): Reporter {
  // Each case as its finished text, kept on disk until the run ends (the file's head holds the
  // totals, so the cases cannot go first): a run of any length holds no case in memory, and the
  // file is written piece by piece, never as one string.
  let info: RunInfo | undefined;
  const spool = new TextSpool(o.outDir, RESULTS_FILE);
  const skips: Record<string, number> = {};
  return {
    name: 'json',
    onRunStart(i: RunInfo) {
      info = i;
    },
    onCaseEnd(c: CaseResult) {
      spool.add(caseText(c));
      if (c.status === 'skipped') skips[c.skipCode ?? 'other'] = (skips[c.skipCode ?? 'other'] ?? 0) + 1;
    },
    async onRunEnd(summary: RunSummary) {
      try {
        await writeFileInPieces(o.outDir, RESULTS_FILE, (write) => writeResults(info, spool, summary.skips ? summary : { ...summary, skips }, write));
      } finally {
        spool.close();
      }
    },
  };
}

/** One case as it stands in results.json's `cases` array (indented for its place). */
export function caseText(c: CaseResult): string {
  // Nested two arrays deep, the case is indented as the file's `cases` array holds it (4 spaces
  // more on every line but the first): the same text as indenting each line of its own
  // JSON.stringify, without a second pass over it.
  const text = JSON.stringify([[caseJson(c)]], null, 2);
  return text.slice(CASE_HEAD.length, text.length - CASE_TAIL.length);
}

const CASE_HEAD = '[\n  [\n    ';
const CASE_TAIL = '\n  ]\n]';

/** The cases' texts (from {@link caseText}), as {@link writeResults} reads them. */
export interface CaseTexts {
  readonly count: number;
  get(index: number): string;
}

/**
 * Writes results.json piece by piece, each case's text a piece of its own: exactly
 * `JSON.stringify(resultsJson(info, cases, summary), null, 2)` plus a newline.
 */
export function writeResults(info: RunInfo | undefined, cases: CaseTexts, summary: RunSummary, write: Write): void {
  const head = JSON.stringify(resultsJson(info, [], summary), null, 2);
  if (cases.count === 0) {
    write(`${head}\n`);
    return;
  }
  // `cases` is the document's last key, so its `[]` is the last one in the text.
  write(`${head.slice(0, head.lastIndexOf('[]'))}[\n    `);
  for (let i = 0; i < cases.count; i++) {
    if (i > 0) write(',\n    ');
    write(cases.get(i));
  }
  write('\n  ]\n}\n');
}

/**
 * The results document. Every object is rebuilt field by field, so the file holds exactly the
 * documented shape even when a result carries extra or odd data.
 */
export function resultsJson(info: RunInfo | undefined, cases: CaseResult[], summary: RunSummary): ResultsFile {
  const counts = summary.counts ?? ({} as Partial<Counts>);
  return {
    formatVersion: RESULTS_FORMAT_VERSION,
    tool: { name: str(info?.tool?.name ?? 'gsc'), version: str(info?.tool?.version ?? 'unknown') },
    target: redactText(str(info?.target ?? 'unknown')),
    startedAt: str(info?.startedAt ?? new Date(0).toISOString()),
    durationMs: num(summary.durationMs),
    waitedMs: num(summary.waitedMs ?? 0),
    failLevel: info?.failLevel ?? 'MUST',
    ...(info?.shard ? { shard: shardJson(info.shard) } : {}),
    verdict: summary.verdict === 'conformant' || summary.verdict === 'non-conformant' ? summary.verdict : 'incomplete',
    conformant: summary.conformant === true && summary.verdict === 'conformant',
    counts: { passed: num(counts.passed), failed: num(counts.failed), error: num(counts.error), skipped: num(counts.skipped) },
    skips: skipsJson(summary.skips, cases),
    ...(summary.aborted ? { aborted: errorJson(summary.aborted) } : {}),
    ...(summary.latency ? { latency: latencyJson(summary.latency) } : {}),
    ...(info?.coverage ? { coverage: info.coverage } : {}),
    cases: cases.map(caseJson),
  };
}

/** Skips by reason: the summary's, or counted from the cases when a caller's summary has none. */
function skipsJson(skips: Record<string, number> | undefined, cases: CaseResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  if (skips) {
    for (const [code, n] of Object.entries(skips)) if (/^[a-z][a-z0-9-]*$/.test(code) && num(n) > 0) out[code] = num(n);
    return out;
  }
  for (const c of cases) if (c.status === 'skipped') out[c.skipCode ?? 'other'] = (out[c.skipCode ?? 'other'] ?? 0) + 1;
  return out;
}

/** One case, rebuilt field by field and redacted, as results.json and results.ndjson hold it. */
export function caseJson(c: CaseResult): CaseResult {
  return {
    id: str(c.id),
    suite: str(c.suite),
    title: redactText(str(c.title)),
    level: c.level,
    tags: (c.tags ?? []).map(str),
    doc: redactText(str(c.doc)),
    file: str(c.file),
    span: spanJson(c.span),
    status: c.status,
    steps: (c.steps ?? []).map(stepJson),
    ...(c.skipReason !== undefined ? { skipReason: redactText(str(c.skipReason)) } : {}),
    ...(c.skipCode !== undefined ? { skipCode: c.skipCode } : {}),
    ...(c.error ? { error: errorJson(c.error) } : {}),
    ...(c.baseline ? { baseline: baselineJson(c.baseline) } : {}),
    startedAt: str(c.startedAt),
    durationMs: num(c.durationMs),
  };
}

function stepJson(s: StepResult): StepResult {
  return {
    name: str(s.name),
    ...(s.fixture !== undefined ? { fixture: str(s.fixture) } : {}),
    phase: s.phase,
    status: s.status,
    findings: (s.findings ?? []).map(findingJson),
    ...(s.error ? { error: errorJson(s.error) } : {}),
    ...(s.skipReason !== undefined ? { skipReason: redactText(str(s.skipReason)) } : {}),
    ...(s.exchange ? { exchange: exchangeJson(s.exchange) } : {}),
    attempts: num(s.attempts),
    retries: num(s.retries),
    ...(s.retryReasons?.length ? { retryReasons: s.retryReasons.map((r) => redactText(str(r))) } : {}),
    durationMs: num(s.durationMs),
    span: spanJson(s.span),
  };
}

function findingJson(f: Finding): Finding {
  const out: Finding = { check: str(f.check), message: redactText(str(f.message)), expected: redactJson(f.expected), actual: redactJson(f.actual) };
  if (f.pointer !== undefined) out.pointer = str(f.pointer);
  if (f.span) out.span = spanJson(f.span);
  return out;
}

function exchangeJson(ex: Exchange): Exchange {
  const req = ex.request ?? ({} as Partial<Exchange['request']>);
  const res = ex.response ?? ({} as Partial<Exchange['response']>);
  const request: Exchange['request'] = { method: str(req.method), url: redactText(str(req.url)), headers: redactHeaders(req.headers) };
  if (req.body !== undefined) Object.assign(request, body(str(req.body)));
  const response = { status: num(res.status), headers: redactHeaders(res.headers), ...body(str(res.body ?? '')) } as Exchange['response'];
  if (res.json !== undefined && !('bodyTruncated' in response)) response.json = redactJson(res.json);
  if (res.jsonError !== undefined) response.jsonError = redactText(str(res.jsonError));
  return { request, response, durationMs: num(ex.durationMs) };
}

/** A redacted body, cut at {@link BODY_CAP} with a note of its full length. */
function body(text: string): { body: string; bodyTruncated?: true; bodyLength?: number } {
  const cut = truncate(text, BODY_CAP, Number.MAX_SAFE_INTEGER);
  if (cut.omittedChars === 0) return { body: redactText(text) };
  return { body: redactText(cut.text), bodyTruncated: true, bodyLength: text.length };
}

function shardJson(s: ShardInfo): ShardInfo {
  const out: ShardInfo = { index: num(s.index), count: num(s.count), selected: num(s.selected), selection: str(s.selection), suites: str(s.suites), target: redactText(str(s.target)) };
  if (s.split !== undefined) out.split = str(s.split);
  if (s.repeat !== undefined) out.repeat = num(s.repeat);
  if (s.durationMs !== undefined) out.durationMs = num(s.durationMs);
  if (s.selectedIds !== undefined) out.selectedIds = s.selectedIds.map((id) => str(id));
  if (s.ciRun !== undefined) out.ciRun = str(s.ciRun);
  if (s.ciAttempt !== undefined) out.ciAttempt = num(s.ciAttempt);
  return out;
}

/** The latency section as results.json holds it: numbers checked, operation names redacted. */
export function latencyJson(l: LatencyReport): LatencyReport {
  const operations: Record<string, OperationLatency> = {};
  for (const [name, op] of Object.entries(l.operations ?? {})) operations[redactText(str(name))] = operationJson(op);
  return { all: operationJson(l.all), operations };
}

function operationJson(o: OperationLatency): OperationLatency {
  const buckets = (o?.buckets ?? []).filter((b) => Array.isArray(b) && b.length === 2).map(([i, c]): [number, number] => [num(i), num(c)]);
  return { count: num(o?.count), min: num(o?.min), max: num(o?.max), mean: num(o?.mean), p50: num(o?.p50), p95: num(o?.p95), p99: num(o?.p99), buckets };
}

function spanJson(s: SourceSpan | undefined): SourceSpan {
  const out: SourceSpan = { file: str(s?.file), line: num(s?.line), col: num(s?.col) };
  if (s?.endLine !== undefined) out.endLine = num(s.endLine);
  if (s?.endCol !== undefined) out.endCol = num(s.endCol);
  return out;
}

function baselineJson(b: BaselineMark): BaselineMark {
  return { state: b.state, reason: redactText(str(b.reason)), ...(b.expires !== undefined ? { expires: str(b.expires) } : {}), ...(b.span ? { span: spanJson(b.span) } : {}) };
}

function errorJson(e: RunError): RunError {
  return { code: e.code, message: redactText(str(e.message)), ...(typeof e.sent === 'boolean' ? { sent: e.sent } : {}) };
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}
