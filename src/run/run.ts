import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import type { Baseline, CaseResult, Coverage, Reporter, RunError, RunInfo, RunSummary, ShardInfo } from '../model/index.js';
import { nothingSelected } from '../plan/nothing-selected.js';
import { readBaselineFile } from './baseline.js';
import { contractCoverage, parseMinCoverage } from './coverage.js';
import { LedgerError } from '../execute/ledger/index.js';
import { probeTarget } from '../execute/preflight.js';
import { runCases } from '../execute/run.js';
import { caseInstances, instanceCount, repeats, type Plan, type Repetition } from '../plan/index.js';
import { combineReporters, createLiveLine, createReporters, reporters, resultsJson, UnknownReporterError, type LiveLine, type ResultsFile } from '../report/index.js';
import { didYouMean } from '../common/did-you-mean.js';
import { createRunResources, LEDGER_FILE, runLimits, toMs, type RunLimits, type RunResources } from './exec-context.js';
import { removeStaleReports } from './stale-reports.js';
import { waitForTarget } from './wait-for-target.js';
import { UsageError } from './exit-codes.js';
import { ensureFolder } from './folders.js';
import { lockFolder } from './folder-lock.js';
import { leftBehind } from './ledger-notes.js';
import { flagLabel, type Labeler, type RunOptions } from './options.js';
import { planOrUsage } from './plan.js';
import { resolveUserVariables, type UserVariables } from './user-variables.js';
import { project } from './project.js';
import { ciRunOf, readTimings, shardOption, splitOf, suitesDigest } from './shard.js';
import { GscSuiteError, loadRunSuites } from './suites.js';
import { isGraphService, isLocal, resolveTarget, targetUrl, type Target } from './target.js';
import { parseLevel } from './values.js';
import { networkPathFor } from './network.js';
import { describeNetworkPath, type NetworkPath } from '../execute/network-path.js';

/** What a run proved: exactly what `results.json` holds (docs/results-json.md). */
export type RunResult = ResultsFile;

/** How a shell around {@link run} (the CLI) words and watches it; library callers pass nothing. */
export interface RunHooks {
  /** Names an option in messages, as its user wrote it (`--grep`, `GSC_GREP`). */
  label?: Labeler;
  /** While cases run: what to say if the process is stopped hard; undefined once the run is over. */
  lastWords?: (note: (() => string | undefined) | undefined) => void;
}

/** Reporters when `reporters` is not given: files only, so a library run prints nothing. */
const DEFAULT_REPORTERS = ['junit', 'json'];

/** Everything decided before anything is sent. */
interface Prepared {
  plan: Plan;
  limits: RunLimits;
  outDir: string;
  reporterNames: string[];
  ledgerFile: string | undefined;
  cwd: string;
  label: Labeler;
  /** Set for a sharded run. */
  shard?: ShardInfo;
  /** `liveInterval`, checked. */
  liveIntervalMs?: number;
  coverage: Coverage;
  baseline?: Baseline;
  /** `waitForTarget` in milliseconds. */
  waitMs?: number;
  user: UserVariables;
  network: NetworkPath;
}

/**
 * Checks the options and plans the run: a bad option rejects with {@link GscUsageError}
 * before any target is started or contacted.
 */
async function prepare(o: RunOptions, hooks: RunHooks): Promise<Prepared> {
  const label = hooks.label ?? flagLabel;
  const cwd = o.cwd ?? process.cwd();
  const failLevel = parseLevel(o.level ?? 'MUST', label('level'));
  const limits = runLimits(o, label);
  const outDir = resolve(cwd, o.out ?? 'reports');
  const reporterNames = o.reporters ?? DEFAULT_REPORTERS;
  checkReporters(reporterNames, label);
  const ledgerFile = o.ledger === false ? undefined : o.ledger !== undefined ? resolve(cwd, o.ledger) : reporterNames.length > 0 ? resolve(outDir, LEDGER_FILE) : undefined;
  const url = targetUrl(o, label);
  const local = isLocal(url);
  const network = networkPathFor(o, o.env ?? {}, cwd, label);
  checkLive(o, label);
  const liveIntervalMs = o.liveInterval !== undefined ? toMs(o.liveInterval, label('liveInterval')) : undefined;
  if (liveIntervalMs !== undefined && liveIntervalMs < 100) throw new UsageError(`${label('liveInterval')} must be at least 100ms`);

  const paths = [...(o.shipped === false ? [] : [project().suites]), ...(o.suites ?? [])];
  if (paths.length === 0) throw new UsageError('no suites to run: give suites, or leave shipped on');
  const loaded = await loadRunSuites(paths, cwd);
  if (loaded.errors > 0) throw new GscSuiteError(loaded);
  const shard = o.shard !== undefined ? shardOption(o.shard, label('shard')) : undefined;
  if (o.shardTimings?.length && !shard) throw new UsageError(`${label('shardTimings')} balances shards: give ${label('shard')} i/n too`);
  const timings = shard && o.shardTimings?.length ? readTimings(o.shardTimings, cwd, label('shardTimings')) : undefined;
  // The embedded emulator's data fills the shipped suites' variables, so a first run skips nothing.
  // Imported only then (as resolveTarget starts it): a run against a target never loads the emulator.
  const emulatorValues = url === undefined ? (await import('../emulator/index.js')).EMULATOR_USER_VARIABLES : {};
  const user = resolveUserVariables(loaded.suites.flatMap((s) => s.cases.flatMap((c) => c.needs ?? [])), o, emulatorValues);
  const hasVariable = (name: string): boolean => user.values.has(name);
  const plan = planOrUsage(loaded.suites, { ...(o.grep !== undefined ? { grep: o.grep } : {}), tags: o.tags ?? [], target: { local }, allowWrites: o.allowWrites ?? false, failLevel, hasVariable, ...(shard ? { shard } : {}), ...(timings ? { timings } : {}) }, label);
  // A shard may be empty (more shards than cases); only an empty selection is the user's mistake.
  if ((plan.shard?.selected ?? plan.cases.length) === 0) throw new UsageError(nothingSelected(loaded.suites, { grep: o.grep, tags: o.tags }));
  const minCoverage = parseMinCoverage(o.minCoverage, label('minCoverage'));
  // Coverage is the whole selection's, so every shard states the same and the merged report keeps
  // it; a case the plan skips (writes not allowed, a variable missing) checks nothing, so it covers nothing.
  const selected = shard ? planOrUsage(loaded.suites, { ...(o.grep !== undefined ? { grep: o.grep } : {}), tags: o.tags ?? [], target: { local }, allowWrites: o.allowWrites ?? false, failLevel, hasVariable }, label).cases : plan.cases;
  // What the shards of one run must share, so gsc merge-reports can check they add up to it.
  const shardInfo: ShardInfo | undefined = plan.shard
    ? {
        index: plan.shard.index, count: plan.shard.count, selected: plan.shard.selected, selection: plan.shard.selection, suites: suitesDigest(loaded.sources), target: url ?? 'embedded emulator',
        split: splitOf(timings), repeat: limits.repeat ?? 1, ...opt('durationMs', limits.durationMs), selectedIds: selected.map((c) => c.case.id), ...ciRunOf(o.env ?? {}),
      }
    : undefined;
  const coverage: Coverage = contractCoverage(selected.filter((c) => c.skip === undefined).map((c) => c.case));
  if (minCoverage !== undefined) Object.assign(coverage, { minimum: minCoverage }, coverage.percent < minCoverage ? { belowMinimum: true } : {});
  const baseline = o.baseline === undefined ? undefined : readBaselineFile(o.baseline, loaded.suites, cwd, label('baseline'));
  const waitMs = o.waitForTarget === undefined ? undefined : toMs(o.waitForTarget, label('waitForTarget'));
  return {
    plan, limits, outDir, reporterNames, ledgerFile, cwd, label, coverage, user, network,
    ...(baseline ? { baseline } : {}), ...(waitMs !== undefined ? { waitMs } : {}),
    ...(shardInfo ? { shard: shardInfo } : {}), ...(liveIntervalMs !== undefined ? { liveIntervalMs } : {}),
  };
}

/**
 * The plan and the target a run would use, without running: `gsc run --dry-run`. The caller
 * closes the target.
 */
export async function planOnly(o: RunOptions, hooks: RunHooks = {}): Promise<{ plan: Plan; target: Target }> {
  const p = await prepare(o, hooks);
  return { plan: p.plan, target: await resolveTarget(o, p.cwd, p.label, p.network) };
}

/**
 * Runs the conformance suites against a target (with none, against the embedded emulator,
 * started and stopped here) and returns what `results.json` holds. Bad options reject with a
 * {@link GscUsageError}; a target that cannot be tested resolves with verdict `incomplete` and
 * `aborted` saying why. Never exits the process; prints only through a `console` reporter.
 */
export async function run(o: RunOptions = {}, hooks: RunHooks = {}): Promise<RunResult> {
  const p = await prepare(o, hooks);
  const writesFiles = p.reporterNames.some((n) => n !== 'console');
  if (writesFiles) ensureFolder(p.outDir, p.label('out'));
  if (p.ledgerFile) ensureFolder(dirname(p.ledgerFile), p.label('ledger'));
  // One run at a time per report folder, so two runs cannot interleave their report files; a
  // second run is refused naming the first, and a lock whose run was killed is taken over.
  const lock = writesFiles ? lockFolder(p.outDir, p.label('out')) : undefined;
  try {
    return await runPrepared(o, hooks, p);
  } finally {
    lock?.release();
  }
}

/** {@link run} once the options are checked and the report folder is held. */
async function runPrepared(o: RunOptions, hooks: RunHooks, p: Prepared): Promise<RunResult> {
  // Set once the live line exists: a notice is printed aside from it, not at its end.
  let aside: ((write: () => void) => void) | undefined;
  const notice = (text: string): void => {
    const say = (): void => o.onNotice?.(text);
    if (aside) aside(say);
    else say();
  };
  // Under the folder's lock: an earlier run's report files that this run will not rewrite go.
  if (p.reporterNames.some((n) => n !== 'console')) {
    const stale = removeStaleReports(p.outDir, p.reporterNames.map((n) => n.trim()));
    if (stale.length) notice(`gsc: removed ${stale.join(', ')} from ${p.label('out')} ${o.out ?? 'reports'}: an earlier run wrote them, and this run's reporters do not`);
  }
  if (p.shard && p.plan.cases.length === 0) return await emptyShard(o, p, p.shard, notice);
  const target = await resolveTarget(o, p.cwd, p.label, p.network);
  const runId = randomUUID();
  let res: ReturnType<typeof createRunResources>;
  try {
    res = createRunResources(p.limits, target, runId, o.signal ?? new AbortController().signal, p.ledgerFile, notice, p.network);
    res.redactor.add(...p.user.secrets);
  } catch (err) {
    await target.close();
    if (err instanceof LedgerError) throw new UsageError(`${err.message}; choose a writable ${p.label('out')} or ${p.label('ledger')} FILE (or --ledger off to record nothing)`);
    throw err;
  }
  const cases: CaseResult[] = [];
  const keep = o.keepCases !== false;
  const repetition = { ...(p.limits.repeat !== undefined ? { repeat: p.limits.repeat } : {}), ...(p.limits.durationMs !== undefined ? { durationMs: p.limits.durationMs } : {}) };
  const instances = instanceCount(p.plan.cases, repetition);
  const collect: Reporter = {
    name: 'result',
    onCaseEnd: async (c) => {
      if (keep) cases.push(c);
      await o.onCaseEnd?.(c);
    },
  };
  const live = liveLine(o, p, res, instances, repetition);
  aside = live?.aside;
  const reporter = combineReporters([...(live ? [live] : []), ...createReporters(p.reporterNames, { outDir: p.outDir, stream: o.stdout ?? process.stdout, color: o.color ?? false, verbose: o.verbose ?? false, quiet: o.quiet ?? false, env: o.env ?? {} }), ...(live ? [live.below] : []), collect]);
  const info: RunInfo = { tool: { name: 'graph-sync-conformance', version: project().version }, target: target.label, startedAt: new Date().toISOString(), total: instances ?? p.plan.cases.length, ...(repetition.durationMs !== undefined ? { durationMs: repetition.durationMs, ...(repetition.repeat !== undefined ? { rounds: repetition.repeat } : {}) } : {}), failLevel: p.plan.failLevel, coverage: p.coverage, ...(p.shard ? { shard: p.shard } : {}) };
  const ledgerFile = res.ledger?.file;
  if (ledgerFile) hooks.lastWords?.(() => leftBehind(ledgerFile, runId, res.ctx.openCreates) ?? 'Nothing this run created is left.');
  // Stopped before any case: say why, and still write the reports, so CI shows the cause.
  const untestable = async (error: RunError, text: string): Promise<RunResult> => {
    notice(text);
    const summary: RunSummary = { counts: { passed: 0, failed: 0, error: 0, skipped: 0 }, durationMs: 0, waitedMs: res.ctx.gate.waitedMs(), verdict: 'incomplete', conformant: false, aborted: error };
    await reporter.onRunStart?.(info);
    await reporter.onRunEnd?.(summary);
    return resultsJson(info, cases, summary);
  };
  try {
    if (p.waitMs !== undefined && o.target !== undefined) {
      const reason = await waitForTarget(res.ctx, p.waitMs);
      if (reason !== undefined) return await untestable({ code: 'connect', message: `${target.label} did not answer within ${p.label('waitForTarget')} ${String(o.waitForTarget)}: ${res.redactor.text(reason)}` }, `gsc: cannot test ${target.label}: it did not answer within ${p.label('waitForTarget')} ${String(o.waitForTarget)} (${res.redactor.text(reason)})`);
    }
    const via = describeNetworkPath(p.network);
    if (via) notice(`gsc: requests go ${via}`);
    if (target.signIn) notice(`gsc: signing in with ${target.signIn}`);
    try {
      await res.ctx.token();
    } catch (err) {
      const e = err as Error & { hint?: string };
      const message = res.redactor.text(e.message);
      return await untestable({ code: 'auth', message }, `gsc: cannot sign in: ${message}${e.hint ? `\n  hint: ${res.redactor.text(e.hint)}` : ''}`);
    }
    const probe = await probeTarget(res.ctx, target.servicePrincipalId, { realService: isGraphService(target.baseUrl) });
    if (probe.fatal) return await untestable(probe.fatal, `gsc: cannot test ${target.label}: ${probe.fatal.message}`);
    const templateId = chooseTemplate(target, probe.templates, probe.status, notice, p.label, (t) => res.redactor.text(t));
    if (templateId === undefined) {
      const message = `service principal ${target.servicePrincipalId} has no synchronization templates, so no job can be created; pick an application that supports provisioning`;
      return await untestable({ code: 'variable', message }, `gsc: ${message}`);
    }
    const summary = await runCases({
      cases: caseInstances(p.plan.cases, repetition),
      ...(instances !== undefined ? { total: instances } : {}),
      ...(repetition.durationMs !== undefined ? { firstRound: p.plan.cases.length } : {}),
      vars: new Map([
        ['servicePrincipalId', target.servicePrincipalId],
        ['templateId', templateId],
        ['runId', runId],
        ['randomGuid', randomUUID()],
        ...p.user.values,
      ]),
      ctx: res.ctx,
      reporter,
      concurrency: res.concurrency,
      requireAll: o.requireAll ?? false,
      info,
      ...(p.baseline ? { baseline: p.baseline } : {}),
      ...(o.bail ? { bail: true } : {}),
    });
    const ran = summary.counts.passed + summary.counts.failed + summary.counts.error + summary.counts.skipped;
    const planned = instances ?? Number.POSITIVE_INFINITY;
    if (o.bail && !summary.aborted && summary.verdict === 'non-conformant' && ran < planned) {
      notice(`gsc: ${p.label('bail')}: stopped after the first failure at level ${p.plan.failLevel}; ${Number.isFinite(planned) ? `${planned - ran} case(s) not run` : 'no further round was started'}`);
    }
    const left = ledgerFile ? leftBehind(ledgerFile, runId, res.ctx.openCreates) : undefined;
    if (left) notice(`gsc: ${left}`);
    if (p.coverage.belowMinimum) {
      notice(`gsc: contract coverage ${p.coverage.percent}% is below ${p.label('minCoverage')} ${p.coverage.minimum}%: the selected cases check too little of specs/ (gsc coverage shows what is missing)`);
    }
    return resultsJson(info, cases, summary);
  } finally {
    hooks.lastWords?.(undefined);
    await res.close();
    await target.close();
  }
}

/**
 * A shard with no case (more shards than cases) is no error: it contacts nothing, and writes
 * reports with no cases, so every shard of a CI matrix uploads a results.json to merge.
 */
async function emptyShard(o: RunOptions, p: Prepared, shard: ShardInfo, notice: (text: string) => void): Promise<RunResult> {
  // Said instead of the console's summary, whose "Conformant on 0 of 0 cases" would claim a verdict.
  const said = `Shard ${shard.index}/${shard.count} selected no case of ${shard.selected}: nothing to run (more shards than cases); gsc merge-reports gives the run's verdict.`;
  const toConsole = p.reporterNames.some((n) => n.trim() === 'console');
  if (toConsole) (o.stdout ?? process.stdout).write(`${said}\n`);
  else notice(`gsc: ${said}`);
  const info: RunInfo = { tool: { name: 'graph-sync-conformance', version: project().version }, target: shard.target, startedAt: new Date().toISOString(), total: 0, failLevel: p.plan.failLevel, coverage: p.coverage, shard };
  const reporter = combineReporters(createReporters(p.reporterNames.filter((n) => n.trim() !== 'console'), { outDir: p.outDir, stream: o.stdout ?? process.stdout, color: o.color ?? false, verbose: o.verbose ?? false, quiet: o.quiet ?? false, env: o.env ?? {} }));
  const summary: RunSummary = { counts: { passed: 0, failed: 0, error: 0, skipped: 0 }, durationMs: 0, waitedMs: 0, verdict: 'conformant', conformant: true, skips: {} };
  await reporter.onRunStart?.(info);
  await reporter.onRunEnd?.(summary);
  return resultsJson(info, [], summary);
}

/** The live line when asked for (or, with `'auto'`, when cases repeat), reading the run's request metrics. */
function liveLine(o: RunOptions, p: Prepared, res: RunResources, instances: number | undefined, repetition: Repetition): LiveLine | undefined {
  const mode = o.live === true ? 'on' : o.live === false ? 'off' : (o.live ?? 'auto');
  if (mode === 'off' || (mode === 'auto' && !repeats(repetition))) return undefined;
  const metrics = res.ctx.metrics;
  const stream = o.liveStream ?? process.stderr;
  const intervalMs = o.liveInterval !== undefined && !stream.isTTY ? p.liveIntervalMs : undefined;
  return createLiveLine({ stream, stats: () => metrics?.snapshot() ?? { requests: 0, p50: 0, p95: 0, p99: 0 }, total: instances ?? null, ...(intervalMs !== undefined ? { intervalMs } : {}) });
}

function checkLive(o: RunOptions, label: Labeler): void {
  if (o.live === undefined || typeof o.live === 'boolean' || ['auto', 'on', 'off'].includes(o.live)) return;
  throw new UsageError(`${label('live')} ${JSON.stringify(o.live)}: use auto, on or off`);
}

/** An unknown reporter name is a usage error with a suggestion, found before anything starts. */
function checkReporters(names: string[], label: Labeler): void {
  const unknown = names.map((n) => n.trim()).filter((n) => n && !Object.hasOwn(reporters, n));
  if (unknown.length === 0) return;
  const err = new UnknownReporterError(unknown, Object.keys(reporters));
  const hint = unknown.map((n) => didYouMean(n, err.valid)).find(Boolean);
  throw new UsageError(`${label('reporters')}: ${err.message}${hint ? ` (did you mean "${hint}"?)` : ''}`);
}

/**
 * The run's template: the one asked for, or the first the service principal lists. One asked for
 * that the service principal does not list is the user's typo, not the target's failure: it stops
 * the run before any write, naming the templates there are.
 */
function chooseTemplate(target: Target, listed: string[] | undefined, status: number | undefined, notice: (text: string) => void, label: Labeler, clean: (text: string) => string): string | undefined {
  const asked = target.templateId;
  if (asked !== undefined) {
    if (!listed || listed.includes(asked)) return asked;
    const guess = didYouMean(asked, listed);
    const names = listed.length === 0 ? 'it lists none' : `it lists ${listed.slice(0, 20).join(', ')}${listed.length > 20 ? `, and ${listed.length - 20} more` : ''}`;
    throw new UsageError(clean(`${label('templateId')} ${JSON.stringify(asked)} is not a template of the service principal ${target.servicePrincipalId}: ${names}` +
      `${guess ? ` (did you mean ${guess}?)` : ''}; nothing was written`));
  }
  if (!listed) throw new UsageError(`${label('templateId')} is required: the target did not list the service principal's templates (status ${status})`);
  const first = listed[0];
  if (first === undefined) return undefined;
  notice(`gsc: using template ${first}, the first of ${listed.length} the service principal lists (${label('templateId')} chooses another)`);
  return first;
}

function opt<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
