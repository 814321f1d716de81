/**
 * The vitest adapter: `defineConformanceTests(options)` in an SDK repository's test file registers
 * each case a run would select as one vitest test, and runs them through `run()`.
 */
import { afterAll, describe, it } from 'vitest';
import type { CaseResult } from '../model/index.js';
import { parseSettings } from '../cli/args.js';
import { runFlags } from '../cli/flags.js';
import { runOptions } from '../cli/run-options.js';
import { explainCase } from '../report/index.js';
import { countsAt } from '../report/verdict.js';
import { flagOf, planOnly, run, type RunOptions, type RunResult } from '../run/index.js';

/** Options of {@link defineConformanceTests}: those of `run()`, and how long one case may take. */
export interface ConformanceTestOptions extends RunOptions {
  /** Longest wait for one case's result, in ms (the cases before it run first). @default 120000 */
  caseTimeoutMs?: number;
  /** Where `GSC_*` variables are read from. @default process.env */
  environment?: Record<string, string | undefined>;
}

/** Options the environment sets (`GSC_TARGET`, `GSC_TOKEN`…), read as `gsc run` reads them. */
function fromEnvironment(env: Record<string, string | undefined>, cwd: string): RunOptions {
  const settings = parseSettings([], runFlags, env);
  const all = runOptions(settings, cwd);
  return Object.fromEntries(Object.entries(all).filter(([key]) => settings.source(flagOf(key as keyof RunOptions))?.kind === 'env')) as RunOptions;
}

/** A result that is awaited before it exists. */
interface Pending {
  promise: Promise<CaseResult>;
  resolve(result: CaseResult): void;
}

function pending(): Pending {
  let resolve!: (r: CaseResult) => void;
  const promise = new Promise<CaseResult>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Registers one vitest test per selected case, named `case id: title` inside a `describe` per
 * suite, and runs them all through one `run()` started by the first test; each test waits for
 * its case's result. A case failing at the failing level (`level`, default MUST) fails its test
 * with the console reporter's explanation; a failure below that level passes with a note; a
 * skipped case is skipped with its reason; a case in error fails (an error is never a pass).
 *
 * The target comes from `options`, else from the `GSC_*` variables `gsc run` reads (`GSC_TARGET`,
 * `GSC_TOKEN`, `GSC_SERVICE_PRINCIPAL_ID`…); with none, the cases run against an in-process
 * emulator. No report file is written unless `reporters` asks for one. Await it at the top of a
 * test file: the cases are known only once the suites are loaded.
 */
export async function defineConformanceTests(options: ConformanceTestOptions = {}): Promise<void> {
  const { caseTimeoutMs = 120_000, environment = process.env, ...given } = options;
  const cwd = given.cwd ?? process.cwd();
  const runWith: RunOptions = { reporters: [], ...fromEnvironment(environment, cwd), ...given, cwd };
  const { plan, target } = await planOnly(runWith);
  await target.close();
  const failLevel = plan.failLevel;
  const results = new Map(plan.cases.map((p) => [p.case.id, pending()]));
  let started: Promise<RunResult> | undefined;
  const start = (): Promise<RunResult> =>
    (started ??= run({
      ...runWith,
      onCaseEnd: async (result) => {
        results.get(result.id)?.resolve(result);
        await given.onCaseEnd?.(result);
      },
    }));

  const bySuite = new Map<string, typeof plan.cases>();
  for (const p of plan.cases) bySuite.set(p.suite, [...(bySuite.get(p.suite) ?? []), p]);
  for (const [suite, cases] of bySuite) {
    describe(suite, () => {
      for (const { case: c } of cases) {
        it(`${c.id}: ${c.title}`, async (ctx) => {
          const run = start();
          const result = await Promise.race([
            results.get(c.id)!.promise,
            run.then((r) => {
              throw new Error(`the run ended without case ${c.id}${r.aborted ? `: ${r.aborted.message}` : ''}`);
            }),
          ]);
          if (result.status === 'skipped') ctx.skip(result.skipReason ?? 'skipped by the run');
          if (result.status === 'error' || (result.status === 'failed' && countsAt(result.level, failLevel))) throw new ConformanceFailure(explainCase(result));
          if (result.status === 'failed') {
            const note = `failed below the failing level ${failLevel} (a ${result.level} case), so it does not fail:\n${explainCase(result)}`;
            // Reporters show annotations; the task's meta carries the note to machine-readable ones (JSON).
            Object.assign(ctx.task.meta, { conformanceNote: note });
            await ctx.annotate(note, 'notice');
          }
        }, caseTimeoutMs);
      }
    });
  }
  // The run deletes what its cases created; the test file ends only once it has.
  afterAll(async () => {
    await started?.catch(() => undefined);
  });
}

/** A case that broke the contract; its message is the console reporter's explanation. */
export class ConformanceFailure extends Error {
  override name = 'ConformanceFailure';
}
