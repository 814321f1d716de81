import type { Baseline, CaseResult, Counts, Level, PlannedCase, Reporter, RunError, RunInfo, RunSummary, SkipReason } from '../model/index.js';
import { LEVELS } from '../model/index.js';
import { applyBaseline } from './baseline.js';
import { runCase } from './case.js';
import type { ExecContext } from './context.js';

export interface RunCasesOptions {
  /**
   * The plan's cases, in order; those it marked `skip` are reported as skipped, not run. Any
   * iterable: repeated instances are made as they are taken, never held all at once.
   */
  cases: Iterable<PlannedCase>;
  /** The run's variables: servicePrincipalId, templateId, runId, randomGuid. */
  vars: ReadonlyMap<string, string>;
  ctx: ExecContext;
  reporter: Reporter;
  info: RunInfo;
  /** How many instances `cases` yields, when it is not an array and that is known; for the interrupted message. */
  total?: number;
  /** Independent cases run in parallel up to this many; steps within a case stay in order. @default 1 */
  concurrency?: number;
  /** Known deviations (`--baseline`): a failure the baseline accepts does not fail the run. */
  baseline?: Baseline;
  /** Start no case after the first failure at the failing level (`--bail`). */
  bail?: boolean;
  /** Any skipped MUST case makes the run incomplete (`--require-all`). @default false */
  requireAll?: boolean;
  /**
   * With `--duration`: the selected cases, one round of them. A run whose time ends before each
   * has begun once tested only part of the selection, so it is incomplete, never conformant.
   */
  firstRound?: number;
}

function skipped(p: PlannedCase, skip: SkipReason): { result: CaseResult; fatal?: undefined } {
  const c = p.case;
  return {
    result: {
      id: c.id, suite: p.suite, title: c.title, level: c.level, tags: c.tags, doc: c.doc, file: c.span.file, span: c.span,
      status: 'skipped', skipReason: skip.message, skipCode: skip.code, steps: [], startedAt: new Date().toISOString(), durationMs: 0,
    },
  };
}

/** `id`, or `id#3` for the third round of a repeated case. */
export function instanceId(p: PlannedCase): string {
  return p.instance === undefined ? p.case.id : `${p.case.id}#${p.instance}`;
}

/** True when a failure at `level` fails a run whose failing level is `failLevel`. */
export function failsRun(level: Level, failLevel: Level): boolean {
  return LEVELS.indexOf(level) <= LEVELS.indexOf(failLevel);
}

/**
 * Runs the cases, streaming each result to the reporter as it ends. A target that cannot be
 * reached stops the run: the cases not yet started are not run, and the summary says why.
 */
export async function runCases(o: RunCasesOptions): Promise<RunSummary> {
  const started = performance.now();
  const counts: Counts = { passed: 0, failed: 0, error: 0, skipped: 0 };
  const skips: Record<string, number> = {};
  let requiredSkipped = 0;
  let conformant = true;
  let aborted: RunError | undefined;
  let begun = 0;
  let firstRoundBegun = 0;
  const source = o.cases[Symbol.iterator]();
  const take = (): PlannedCase | undefined => {
    const n = source.next();
    if (n.done) return undefined;
    begun++;
    if ((n.value.instance ?? 1) === 1) firstRoundBegun++;
    return n.value;
  };
  const today = (o.info.startedAt || new Date().toISOString()).slice(0, 10);
  await o.reporter.onRunStart?.(o.info);

  const worker = async (): Promise<void> => {
    for (;;) {
      if (aborted || o.ctx.signal.aborted || (o.bail && !conformant)) return;
      const planned = take();
      if (planned === undefined) return;
      const id = instanceId(planned);
      await o.reporter.onCaseStart?.({ id, title: planned.case.title });
      const ran = planned.skip ? skipped(planned, planned.skip) : await runCase(planned.case, planned.suite, o.vars, o.ctx);
      const { fatal } = ran;
      // The baseline names the case, not the round: every instance of it is matched.
      const result = applyBaseline(ran.result, o.baseline, today);
      result.id = id;
      counts[result.status]++;
      if (result.status === 'skipped') {
        const code = result.skipCode ?? 'other';
        skips[code] = (skips[code] ?? 0) + 1;
        if (o.requireAll && result.level === 'MUST') requiredSkipped++;
      }
      if (result.status === 'failed' && failsRun(result.level, o.info.failLevel) && result.baseline?.state !== 'accepted') conformant = false;
      if (fatal && !aborted) aborted = fatal;
      await o.reporter.onCaseEnd?.(result);
    }
  };
  const known = Array.isArray(o.cases) ? o.cases.length : (o.total ?? Number.POSITIVE_INFINITY);
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency ?? 1, known)) }, worker));
  if (!aborted && o.ctx.signal.aborted) {
    const left = Number.isFinite(known) ? `${known - begun} case(s) not run` : 'no further case was started';
    aborted = { code: 'aborted', message: `interrupted: ${left}` };
  }
  if (!aborted && o.firstRound !== undefined && firstRoundBegun < o.firstRound && !(o.bail && !conformant)) {
    const never = o.firstRound - firstRoundBegun;
    aborted = { code: 'duration', message: `the duration ended during the first round: ${never} of the ${o.firstRound} selected cases never ran; give a longer --duration` };
  }
  const verdict = !conformant ? 'non-conformant' : aborted || counts.error > 0 || requiredSkipped > 0 ? 'incomplete' : 'conformant';
  const summary: RunSummary = { counts, durationMs: Math.round(performance.now() - started), waitedMs: o.ctx.gate.waitedMs(), verdict, conformant: verdict === 'conformant', skips };
  if (requiredSkipped > 0) summary.requiredSkipped = requiredSkipped;
  if (aborted) summary.aborted = aborted;
  const latency = o.ctx.metrics?.report();
  if (latency) summary.latency = latency;
  await o.reporter.onRunEnd?.(summary);
  return summary;
}
