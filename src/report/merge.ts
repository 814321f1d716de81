import { Histogram } from '../common/histogram.js';
import type { CaseResult, Counts, LatencyReport, OperationLatency, RunError, RunInfo, RunSummary, ShardInfo, Verdict } from '../model/index.js';
import type { ResultsFile } from './json.js';
import { failsBelowLevel } from './verdict.js';

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

/** Fields every shard of one run shares, with how to say they differ and how to fix it. */
const SAME: Array<{ what: string; of: (d: ResultsFile) => unknown }> = [
  { what: 'were split differently (shard count)', of: (d) => d.shard?.count },
  { what: 'were split differently (by count, or by the durations --shard-timings gave): run every shard with the same --shard-timings file, or none', of: (d) => d.shard?.split ?? NOT_RECORDED },
  { what: 'repeated the cases differently: run every shard with the same --repeat and --duration', of: (d) => repetitionText(d) },
  // The run id alone: "Re-run failed jobs" runs some shards again as a later attempt of the same run.
  { what: 'come from different CI runs', of: (d) => runIdOf(d.shard?.ciRun) ?? '(none)' },
  { what: 'were written by different gsc versions', of: (d) => d.tool.version },
  { what: 'tested different targets', of: (d) => d.shard?.target },
  { what: 'ran different suite versions (the suite files differ)', of: (d) => d.shard?.suites },
  { what: 'selected different cases (--grep, --tags, --allow-writes or the suites differ)', of: (d) => d.shard?.selection },
  { what: 'used different failing levels (--level)', of: (d) => d.failLevel },
];

const NOT_RECORDED = '(not recorded: written by an older gsc)';

/** How many case ids a message names before "and N more". */
const NAMED = 5;

/**
 * Why these reports cannot be merged, one sentence each; empty when they are the shards of one
 * run, each once, none missing, each consistent, and together running every selected case once.
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
  // The count comes from the files: the missing are counted, and only the first few spelt out.
  const missingCount = count - [...seen.keys()].filter((i) => i >= 1 && i <= count).length;
  const missing: number[] = [];
  for (let i = 1; i <= count && missing.length < NAMED; i++) if (!seen.has(i)) missing.push(i);
  const more = missingCount > missing.length ? ` and ${missingCount - missing.length} more` : '';
  if (missingCount > 0) problems.push(`shard${missingCount > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')}${more} ${missingCount > 1 ? 'are' : 'is'} missing: give every shard's folder, or the totals would not be the run's`);
  if (problems.length > 0) return problems;
  for (const s of shards) problems.push(...totalsProblems(s));
  if (problems.length > 0) return problems;
  const union = unionProblem(shards);
  return union ? [union] : [];
}

/**
 * A shard whose totals disagree with its own cases was edited or damaged: its counts cannot be
 * added up, and recounting would hide that. Refused, naming the file.
 */
function totalsProblems({ file, doc }: ShardResults): string[] {
  const tally: Counts = { passed: 0, failed: 0, error: 0, skipped: 0 };
  for (const c of doc.cases) if (Object.hasOwn(tally, c.status)) tally[c.status]++;
  const keys = Object.keys(tally) as Array<keyof Counts>;
  const problems: string[] = [];
  const text = (c: Counts): string => keys.map((k) => `${c[k]} ${k}`).join(', ');
  if (keys.some((k) => tally[k] !== doc.counts[k])) problems.push(`${file}: its counts (${text(doc.counts)}) disagree with its cases (${text(tally)}): the file was edited or damaged; run that shard again`);
  const failing = doc.cases.filter((c) => c.status === 'failed' && !failsBelowLevel(c, doc.failLevel));
  if (failing.length > 0 && doc.verdict !== 'non-conformant') problems.push(`${file}: its verdict is ${doc.verdict}, but ${named(failing.map((c) => c.id))} failed at level ${doc.failLevel}: the file was edited or damaged; run that shard again`);
  if (doc.conformant !== (doc.verdict === 'conformant')) problems.push(`${file}: "conformant": ${String(doc.conformant)} disagrees with its verdict ${doc.verdict}: the file was edited or damaged; run that shard again`);
  return problems;
}

/**
 * The shards together must run the selection: every selected case (each round of it, with
 * `--repeat`) exactly once. Whatever split them wrongly, a merge that lost or doubled cases
 * would report totals no run had. A shard that stopped early (aborted, or non-conformant as
 * `--bail` stops) may lack cases: its verdict, which the merge keeps, already says so.
 */
function unionProblem(shards: readonly ShardResults[]): string | undefined {
  const info = shards[0]!.doc.shard!;
  const rounds = info.repeat ?? 1;
  const timed = info.durationMs !== undefined;
  const selectedIds = info.selectedIds ? new Set(info.selectedIds) : undefined;
  const listed = selectedIds !== undefined && !timed;
  const times = new Map<string, number>();
  for (const s of shards) for (const c of s.doc.cases) times.set(c.id, (times.get(c.id) ?? 0) + 1);
  const doubled = [...times].filter(([, n]) => n > 1).map(([id]) => id);
  const baseId = (id: string): string => (rounds > 1 || timed ? id.replace(/#\d+$/, '') : id);
  // An instance id of the selection, read from the id itself: the files say how many rounds, and
  // a hostile count must not be spelt out in memory.
  const isInstance = (id: string): boolean => {
    if (rounds <= 1) return selectedIds!.has(id);
    const m = /^(.*)#(\d+)$/.exec(id);
    return m !== null && selectedIds!.has(m[1]!) && Number(m[2]) >= 1 && Number(m[2]) <= rounds && String(Number(m[2])) === m[2];
  };
  const unknown = [...times.keys()].filter((id) => (listed ? !isInstance(id) : selectedIds ? !selectedIds.has(baseId(id)) : false));
  const stoppedEarly = shards.some((s) => s.doc.aborted !== undefined || s.doc.verdict === 'non-conformant');
  const want = timed ? undefined : info.selected * rounds;
  const held = [...times.keys()].filter((id) => !listed || isInstance(id)).length;
  const missingCount = listed && !stoppedEarly ? Math.max(0, info.selectedIds!.length * rounds - held) : 0;
  const missing = missingCount > 0 ? firstMissing(info.selectedIds!, rounds, times) : [];
  // Files of older versions do not list the selection: its size still tells a case lost.
  const lost = !listed && want !== undefined && !stoppedEarly && times.size < want ? want - times.size : 0;
  if (doubled.length === 0 && unknown.length === 0 && missingCount === 0 && lost === 0) return undefined;
  const parts: string[] = [];
  if (missingCount > 0) parts.push(`${missingCount} selected case${missingCount > 1 ? 's' : ''} ran in no shard (${named(missing, missingCount)})`);
  if (lost > 0) parts.push(`${lost} selected case${lost > 1 ? 's' : ''} ran in no shard`);
  if (doubled.length > 0) parts.push(`${doubled.length} case${doubled.length > 1 ? 's' : ''} ran in more than one shard (${named(doubled)})`);
  if (unknown.length > 0) parts.push(`${unknown.length} case${unknown.length > 1 ? 's are' : ' is'} not in the selection (${named(unknown)})`);
  const ran = [...times.values()].reduce((n, k) => n + k, 0);
  const of = want !== undefined ? `${ran} cases (${times.size} distinct) where the selection has ${want}` : `${ran} cases (${times.size} distinct)`;
  return `the shards together ran ${of}: ${parts.join('; ')}. The shards were split differently: run every shard from the same suites with the same flags, and the same --shard-timings file (or none), then merge again`;
}

/** `a, b, c, d, e and 3 more`; `total` when more were counted than listed. */
function named(ids: readonly string[], total = ids.length): string {
  const shown = ids.slice(0, NAMED).join(', ');
  return total > NAMED ? `${shown} and ${total - NAMED} more` : shown;
}

/** The first few instances of the selection no shard ran, found without spelling every instance out. */
function firstMissing(ids: readonly string[], rounds: number, ran: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  for (let round = 1; round <= rounds && out.length < NAMED; round++) {
    for (const id of ids) {
      const instance = rounds > 1 ? `${id}#${round}` : id;
      if (!ran.has(instance)) out.push(instance);
      if (out.length === NAMED) break;
    }
  }
  return out;
}

/** `--repeat 2`, `--duration 600000ms`, or the note that an older file did not say. */
function repetitionText(d: ResultsFile): string {
  const s = d.shard;
  if (s?.repeat === undefined) return NOT_RECORDED;
  return s.durationMs !== undefined ? `--duration ${s.durationMs}ms${s.repeat > 1 ? ` --repeat ${s.repeat}` : ''}` : `--repeat ${s.repeat}`;
}

/** `100` of `100`, and of files older versions wrote, `100-2`: the run without its attempt. */
function runIdOf(ciRun: string | undefined): string | undefined {
  return ciRun?.replace(/-\d+$/, '');
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

/** Digests cut to their first 12 hex digits: enough to tell two apart in a message. */
function short(v: string): string {
  return v.replace(/sha256:([0-9a-f]{12})[0-9a-f]+/g, 'sha256:$1…');
}
