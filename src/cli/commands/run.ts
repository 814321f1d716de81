import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import type { RunError } from '../../model/index.js';
import { LedgerError, readLedger, pendingItems } from '../../execute/ledger/index.js';
import { probeTarget } from '../../execute/preflight.js';
import { runCases, type PlannedCase } from '../../execute/run.js';
import { selectCases } from '../../plan/select.js';
import { combineReporters, createReporters, UnknownReporterError } from '../../report/index.js';
import { didYouMean } from '../../common/did-you-mean.js';
import { readSettings } from '../config/index.js';
import { createRunResources, LEDGER_FILE, runLimits } from '../exec-context.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { runFlags } from '../flags.js';
import { formatHelp } from '../help.js';
import type { CliIo } from '../io.js';
import { println, useColor } from '../io.js';
import { project } from '../project.js';
import { setLastWords } from '../last-words.js';
import { ensureFolder } from '../folders.js';
import { loadAndReport } from '../suites.js';
import { resolveTarget, type Target } from '../target.js';
import { printDryRun } from './dry-run.js';
import { missingVariablesReason, readUserVariables, withTargetVariables } from '../user-variables.js';
import { parseLevel, parseList } from '../values.js';

/** `gsc run [paths…]`: load, select, run against the target, report; the exit code says the verdict. */
export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  // Flags, then GSC_* variables, then the config file's target: see docs/configuration.md.
  const s = readSettings(argv, runFlags, io);
  if (s === undefined) return EXIT.usage;
  if (s.flag('help')) {
    println(io.stdout, formatHelp('run'));
    return EXIT.conformant;
  }
  for (const flag of s.secretsOnCommandLine) {
    println(io.stderr, `gsc: warning: ${flag} on the command line is visible to other processes; prefer the environment variable`);
  }
  const failLevel = parseLevel(s.get('level') ?? 'MUST', s.source('level')?.label ?? '--level');
  const outDir = resolve(io.cwd, s.get('out') ?? 'reports');
  const reporter = makeReporter(parseList(s.get('reporter') ?? 'console,junit,json'), outDir, io, s.flag('verbose'));

  const suites = await loadAndReport(s.positionals, io);
  if (!suites) return EXIT.usage;
  const selected = selectCases(suites, { grep: s.get('grep'), tags: parseList(s.get('tags')) });
  if (selected.length === 0) throw new UsageError('no case matches the selection (--grep/--tags); `gsc list` shows what there is');

  const limits = runLimits(s);
  const ledger = s.get('ledger');
  const ledgerFile = ledger === 'off' ? undefined : resolve(io.cwd, ledger ?? resolve(outDir, LEDGER_FILE));
  if (!s.flag('dry-run')) {
    ensureFolder(outDir, '--out');
    if (ledgerFile) ensureFolder(dirname(ledgerFile), '--ledger');
  }
  const target = await resolveTarget(s, io.cwd);
  let user;
  try {
    user = withTargetVariables(readUserVariables(s, io.env, io.cwd, selected.flatMap((p) => p.case.needs ?? [])), target);
  } catch (err) {
    await target.close();
    throw err;
  }
  const planned = guardVariables(guardWrites(selected, target, s.flag('allow-writes')), user.values);
  if (s.flag('dry-run')) {
    await target.close();
    printDryRun(planned, target, io);
    return EXIT.conformant;
  }
  const runId = randomUUID();
  let res: ReturnType<typeof createRunResources>;
  try {
    res = createRunResources(limits, target, runId, io.signal ?? new AbortController().signal, ledgerFile);
  } catch (err) {
    await target.close();
    if (err instanceof LedgerError) throw new UsageError(`${err.message}; choose a writable --out or --ledger FILE (or --ledger off to record nothing)`);
    throw err;
  }
  res.redactor.add(...user.secrets);
  if (res.ledger) {
    const file = res.ledger.file;
    setLastWords(() => leftBehind(file, runId) ?? 'Nothing this run created is left.');
  }
  const info = {
    tool: { name: 'graph-sync-conformance', version: project().version },
    target: target.label,
    startedAt: new Date().toISOString(),
    total: planned.length,
    failLevel,
  };
  // Stopped before any case: say why on stderr, and still write the reports, so CI shows the cause.
  const untestable = async (error: RunError, text: string): Promise<number> => {
    println(io.stderr, text);
    await reporter.onRunStart?.(info);
    await reporter.onRunEnd?.({ counts: { passed: 0, failed: 0, error: 0, skipped: 0 }, durationMs: 0, verdict: 'incomplete', conformant: false, aborted: error });
    return EXIT.untestable;
  };
  try {
    if (target.signIn) println(io.stderr, `gsc: signing in with ${target.signIn}`);
    try {
      await res.ctx.token();
    } catch (err) {
      const e = err as Error & { hint?: string };
      const message = res.redactor.text(e.message);
      return await untestable({ code: 'auth', message }, `gsc: cannot sign in: ${message}${e.hint ? `\n  hint: ${res.redactor.text(e.hint)}` : ''}`);
    }
    const probe = await probeTarget(res.ctx, target.servicePrincipalId);
    if (probe.fatal) return await untestable(probe.fatal, `gsc: cannot test ${target.label}: ${probe.fatal.message}`);
    const templateId = chooseTemplate(target, probe.templates, probe.status, io);
    if (templateId === undefined) {
      const message = `service principal ${target.servicePrincipalId} has no synchronization templates, so no job can be created; pick an application that supports provisioning`;
      return await untestable({ code: 'variable', message }, `gsc: ${message}`);
    }

    const summary = await runCases({
      cases: planned,
      vars: new Map([
        ['servicePrincipalId', target.servicePrincipalId],
        ['templateId', templateId],
        ['runId', runId],
        ['randomGuid', randomUUID()],
        ...user.values,
      ]),
      ctx: res.ctx,
      reporter,
      concurrency: res.concurrency,
      info,
    });
    if (res.ledger) warnLeftBehind(res.ledger.file, runId, io);
    if (summary.aborted?.code === 'aborted') return EXIT.interrupted;
    // Cases in error were not tested: calling the target conformant would claim what no one checked.
    return { conformant: EXIT.conformant, 'non-conformant': EXIT.nonConformant, incomplete: EXIT.untestable }[summary.verdict];
  } finally {
    setLastWords(undefined);
    await res.close();
    await target.close();
  }
}

/** Against a target that is not on this machine, cases that write need explicit consent. */
function guardWrites(selected: PlannedCase[], target: Target, allowWrites: boolean): PlannedCase[] {
  if (target.local || allowWrites) return selected;
  return selected.map((p) => (p.case.writes ? { ...p, skipReason: 'writes to a target that is not on this machine need --allow-writes' } : p));
}

/** A case that reads a user variable the run was not given is skipped, and the reason names it. */
function guardVariables(planned: PlannedCase[], values: ReadonlyMap<string, string>): PlannedCase[] {
  return planned.map((p) => {
    const reason = p.skipReason === undefined ? missingVariablesReason(p.case.needs, values) : undefined;
    return reason === undefined ? p : { ...p, skipReason: reason };
  });
}

/** The run's template: the one asked for, or the first the service principal lists. */
function chooseTemplate(target: Target, listed: string[] | undefined, status: number | undefined, io: CliIo): string | undefined {
  if (target.templateId !== undefined) return target.templateId;
  if (!listed) throw new UsageError(`--template is required: the target did not list the service principal's templates (status ${status})`);
  const first = listed[0];
  if (first === undefined) return undefined;
  println(io.stderr, `gsc: using template ${first}, the first of ${listed.length} the service principal lists (--template chooses another)`);
  return first;
}

/** What this run created and did not delete, with how to remove it; undefined when nothing. */
function leftBehind(file: string, runId: string): string | undefined {
  const { entries } = readLedger(file);
  const pending = pendingItems(entries.filter((e) => e.runId === runId));
  const count = pending.items.length + pending.intents.length;
  if (count === 0) return undefined;
  return `${count} job(s) this run created may be left behind (${pending.items.map((i) => i.id).join(', ') || 'answers lost'}); remove them with: gsc cleanup --ledger ${file}`;
}

/** After the run: anything this run created and did not delete is said. */
function warnLeftBehind(file: string, runId: string, io: CliIo): void {
  const text = leftBehind(file, runId);
  if (text) println(io.stderr, `gsc: ${text}`);
}

function makeReporter(names: string[], outDir: string, io: CliIo, verbose: boolean) {
  try {
    return combineReporters(createReporters(names, { outDir, stream: io.stdout, color: useColor(io.stdout, io.env), verbose, env: io.env }));
  } catch (err) {
    if (!(err instanceof UnknownReporterError)) throw err;
    const hint = err.unknown.map((n) => didYouMean(n, err.valid)).find(Boolean);
    throw new UsageError(`--reporter: ${err.message}${hint ? ` (did you mean "${hint}"?)` : ''}`);
  }
}

