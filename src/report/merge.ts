import { Histogram } from '../common/histogram.js';
import type { CaseResult, Counts, LatencyReport, OperationLatency, RunError, RunInfo, RunSummary, ShardInfo, Verdict } from '../model/index.js';
import type { ResultsFile } from './json.js';

/** One shard's `results.json`, with where it was read from (for messages). */
export interface ShardResults {
  /** The file, as the user named it. */
  file: string;
  doc: ResultsFile;
}

/** What the reporters need to write the merged run: the events an unsharded run would have sent. */
export interface MergedRun {
  info: RunInfo;
  cases: CaseResult[];
  summary: RunSummary;
}

/** Fields every shard of one run shares, with how to say they differ. */
const SAME: Array<{ what: string; of: (d: ResultsFile) => unknown }> = [
  { what: 'were split differently (shard count)', of: (d) => d.shard?.count },
  { what: 'come from different CI runs', of: (d) => d.shard?.ciRun ?? '(none)' },
  { what: 'were written by different gsc versions', of: (d) => d.tool.version },
  { what: 'tested different targets', of: (d) => d.shard?.target },
  { what: 'ran different suite versions (the suite files differ)', of: (d) => d.shard?.suites },
  { what: 'selected different cases (--grep, --tags, --allow-writes or the suites differ)', of: (d) => d.shard?.selection },
  { what: 'used different failing levels (--level)', of: (d) => d.failLevel },
];

/**
 * Why these reports cannot be merged, one sentence each; empty when they are the shards of one
 * run, each once, none missing.
 */
export function mergeProblems(shards: readonly ShardResults[]): string[] {
  if (shards.length === 0) return ['no reports to merge: give the folders the shards wrote (each holding a results.json)'];
  const problems: string[] = [];
  const unsharded = shards.filter((s) => s.doc.shard === undefined);
  for (const s of unsharded) problems.push(`${s.file} is not a shard's report: it was written by a run without --shard i/n`);
  if (unsharded.length > 0) return problems;
  for (const { what, of } of SAME) {
    const values = new Map<string, string[]>();
    for (const s of shards) {
      const key = String(of(s.doc));
      values.set(key, [...(values.get(key) ?? []), s.file]);
    }
    if (values.size > 1) problems.push(`the reports ${what}: ${[...values].map(([v, files]) => `${short(v)} in ${files.join(', ')}`).join('; ')}`);
  }
  if (problems.length > 0) return problems;
  const count = shards[0]!.doc.shard!.count;
  const seen = new Map<number, string>();
  for (const s of shards) {
    const i = s.doc.shard!.index;
    const other = seen.get(i);
    if (other !== undefined) problems.push(`shard ${i}/${count} is given twice: ${other} and ${s.file}`);
    seen.set(i, s.file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) problems.push(`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing: give every shard's folder, or the totals would not be the run's`);
  return problems;
}

/**
 * The shards of one run as one run: cases of shard 1, then 2…, counts summed, the verdict the
 * worst of theirs, latency histograms added (so percentiles are as exact as a single run's), the
 * earliest start and the longest shard's duration (shards run side by side). Call
 * {@link mergeProblems} first.
 */
export function mergeResults(shards: readonly ShardResults[]): MergedRun {
  const ordered = [...shards].sort((a, b) => a.doc.shard!.index - b.doc.shard!.index);
  const first = ordered[0]!.doc;
  const cases = ordered.flatMap((s) => s.doc.cases);
  const counts: Counts = { passed: 0, failed: 0, error: 0, skipped: 0 };
  for (const s of ordered) for (const k of Object.keys(counts) as Array<keyof Counts>) counts[k] += s.doc.counts[k];
  const verdict: Verdict = ordered.some((s) => s.doc.verdict === 'non-conformant') ? 'non-conformant' : ordered.some((s) => s.doc.verdict === 'incomplete') ? 'incomplete' : 'conformant';
  const abortedShard = ordered.find((s) => s.doc.aborted);
  const aborted: RunError | undefined = abortedShard ? { code: abortedShard.doc.aborted!.code, message: `shard ${abortedShard.doc.shard!.index}/${first.shard!.count}: ${abortedShard.doc.aborted!.message}` } : undefined;
  const startedAt = ordered.map((s) => s.doc.startedAt).sort()[0]!;
  const skips: Record<string, number> = {};
  for (const s of ordered) for (const [code, n] of Object.entries(s.doc.skips ?? {})) skips[code] = (skips[code] ?? 0) + n;
  // Each shard waited on its own throttling: the run's waiting is theirs added up.
  const waitedMs = ordered.reduce((n, s) => n + (s.doc.waitedMs ?? 0), 0);
  const summary: RunSummary = { counts, durationMs: Math.max(...ordered.map((s) => s.doc.durationMs)), waitedMs, verdict, conformant: verdict === 'conformant', skips };
  if (aborted) summary.aborted = aborted;
  const latency = mergeLatency(ordered.map((s) => s.doc.latency));
  if (latency) summary.latency = latency;
  const targets = new Set(ordered.map((s) => s.doc.target));
  const info: RunInfo = { tool: first.tool, target: targets.size === 1 ? first.target : (first.shard as ShardInfo).target, startedAt, total: cases.length, failLevel: first.failLevel, ...(first.coverage ? { coverage: first.coverage } : {}) };
  return { info, cases, summary };
}

/** Adds the shards' histograms, operation by operation. */
function mergeLatency(reports: ReadonlyArray<LatencyReport | undefined>): LatencyReport | undefined {
  const present = reports.filter((r): r is LatencyReport => r !== undefined);
  if (present.length === 0) return undefined;
  const sum = (parts: OperationLatency[]): OperationLatency => {
    const h = new Histogram();
    for (const p of parts) h.add(p);
    return h.report();
  };
  const names = [...new Set(present.flatMap((r) => Object.keys(r.operations)))].sort();
  const operations: Record<string, OperationLatency> = {};
  for (const name of names) operations[name] = sum(present.flatMap((r) => (r.operations[name] ? [r.operations[name]] : [])));
  return { all: sum(present.map((r) => r.all)), operations };
}

function short(v: string): string {
  return v.startsWith('sha256:') ? `${v.slice(0, 19)}…` : v;
}
