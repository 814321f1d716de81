import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { createSchemaStore } from '../../assert/index.js';
import { HttpClient } from '../../execute/http.js';
import { probeTarget } from '../../execute/preflight.js';
import { Redactor } from '../../execute/redact.js';
import { defaultRetryPolicy } from '../../execute/retry.js';
import { createLimiter } from '../../execute/limits.js';
import { runCases } from '../../execute/run.js';
import { sleep } from '../../execute/sleep.js';
import type { ExecContext } from '../../execute/context.js';
import { selectCases } from '../../plan/select.js';
import { combineReporters, createReporters } from '../../report/index.js';
import { parseSettings } from '../args.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { runFlags } from '../flags.js';
import { formatHelp } from '../help.js';
import type { CliIo } from '../io.js';
import { println, useColor } from '../io.js';
import { project } from '../project.js';
import { loadAndReport } from '../suites.js';
import { resolveTarget } from '../target.js';
import { parseDuration, parseLevel, parseList, parsePositive, parsePositiveInt } from '../values.js';

/** `gsc run [paths…]`: load, select, run against the target, report; the exit code says the verdict. */
export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const s = parseSettings(argv, runFlags, io.env);
  if (s.flag('help')) {
    println(io.stdout, formatHelp('run'));
    return EXIT.conformant;
  }
  for (const flag of s.secretsOnCommandLine) {
    println(io.stderr, `gsc: warning: ${flag} on the command line is visible to other processes; prefer the environment variable`);
  }
  const failLevel = parseLevel(s.get('level') ?? 'MUST', s.source('level')?.label ?? '--level');
  const reporterNames = parseList(s.get('reporter') ?? 'console,junit,json');
  const concurrency = parsePositiveInt(s.get('concurrency') ?? '1', '--concurrency');
  const maxRps = s.get('max-rps') !== undefined ? parsePositive(s.get('max-rps')!, '--max-rps') : undefined;
  const timeoutMs = parseDuration(s.get('timeout') ?? '30s', '--timeout');
  const outDir = resolve(io.cwd, s.get('out') ?? 'reports');
  const reporter = makeReporter(reporterNames, outDir, io, s.flag('verbose'));

  const suites = await loadAndReport(s.positionals, io);
  if (!suites) return EXIT.usage;
  const planned = selectCases(suites, { grep: s.get('grep'), tags: parseList(s.get('tags')) });
  if (planned.length === 0) throw new UsageError('no case matches the selection (--grep/--tags); `gsc list` shows what there is');

  const target = await resolveTarget(s, io.cwd);
  const http = new HttpClient({ timeoutMs });
  try {
    const redactor = new Redactor();
    redactor.add(...target.secrets());
    const limiter = createLimiter({ concurrency: Math.max(concurrency, 1) * 2, ...(maxRps ? { maxRps } : {}) });
    const consistency = s.get('consistency-timeout');
    const ctx: ExecContext = {
      baseUrl: target.baseUrl,
      http,
      token: async () => {
        const t = await target.token();
        redactor.add(t);
        return t;
      },
      redactor,
      checks: { schemas: createSchemaStore([resolve(project().schemas, 'api')]) },
      retry: defaultRetryPolicy,
      limit: (fn) => limiter.run(fn),
      consistencyTimeoutMs: consistency !== undefined ? parseDuration(consistency, '--consistency-timeout') : target.local ? 5_000 : 60_000,
      signal: io.signal ?? new AbortController().signal,
      sleep,
    };

    if (target.signIn) println(io.stderr, `gsc: signing in with ${target.signIn}`);
    try {
      await ctx.token();
    } catch (err) {
      const e = err as Error & { hint?: string };
      println(io.stderr, `gsc: cannot sign in: ${redactor.text(e.message)}${e.hint ? `\n  hint: ${redactor.text(e.hint)}` : ''}`);
      return EXIT.untestable;
    }
    const probe = await probeTarget(ctx, target.servicePrincipalId);
    if (probe.fatal) {
      println(io.stderr, `gsc: cannot test ${target.label}: ${probe.fatal.message}`);
      return EXIT.untestable;
    }
    let templateId = target.templateId;
    if (templateId === undefined) {
      if (!probe.templates) throw new UsageError(`--template is required: the target did not list the service principal's templates (status ${probe.status})`);
      templateId = probe.templates[0];
      if (templateId === undefined) {
        println(io.stderr, `gsc: service principal ${target.servicePrincipalId} has no synchronization templates, so no job can be created; pick an application that supports provisioning`);
        return EXIT.untestable;
      }
      println(io.stderr, `gsc: using template ${templateId}, the first of ${probe.templates.length} the service principal lists (--template chooses another)`);
    }

    const vars = new Map([
      ['servicePrincipalId', target.servicePrincipalId],
      ['templateId', templateId],
      ['runId', randomUUID()],
      ['randomGuid', randomUUID()],
    ]);
    const summary = await runCases({
      cases: planned,
      vars,
      ctx,
      reporter,
      concurrency,
      info: {
        tool: { name: 'graph-sync-conformance', version: project().version },
        target: target.label,
        startedAt: new Date().toISOString(),
        total: planned.length,
        failLevel,
      },
    });
    if (summary.aborted?.code === 'aborted') return EXIT.interrupted;
    if (!summary.conformant) return EXIT.nonConformant;
    // Cases in error were not tested: calling the target conformant would claim what no one checked.
    return summary.aborted || summary.counts.error > 0 ? EXIT.untestable : EXIT.conformant;
  } finally {
    await http.close();
    await target.close();
  }
}

function makeReporter(names: string[], outDir: string, io: CliIo, verbose: boolean) {
  try {
    return combineReporters(createReporters(names, { outDir, stream: io.stdout, color: useColor(io.stdout, io.env), verbose }));
  } catch (err) {
    throw new UsageError(`--reporter: ${(err as Error).message}`);
  }
}
