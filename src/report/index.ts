import type { Reporter } from '../model/index.js';
import { createConsoleReporter } from './console.js';
export { explainCase } from './console.js';
import { createCtrfReporter, CTRF_FILE } from './ctrf.js';
import { createGithubReporter } from './github.js';
import { createHtmlReporter, HTML_FILE } from './html/index.js';
import { createJsonReporter, RESULTS_FILE } from './json.js';
import { createJunitReporter, JUNIT_FILE } from './junit.js';
import { createNdjsonReporter, NDJSON_FILE } from './ndjson.js';
import type { ReporterOptions } from './options.js';
import { createStepSummaryReporter, STEP_SUMMARY_ENV } from './step-summary.js';
import { createTapReporter, TAP_FILE } from './tap.js';

export type { ReporterOptions } from './options.js';
export { JUNIT_FILE, junitXml } from './junit.js';
export { NDJSON_FILE } from './ndjson.js';
export { HTML_FILE, htmlReport } from './html/index.js';
export { TAP_FILE } from './tap.js';
export { STEP_SUMMARY_ENV } from './step-summary.js';
export { workflowCommand } from './github.js';
export { RESULTS_FILE, RESULTS_FORMAT_VERSION, resultsJson, type ResultsFile } from './json.js';
export { summaryLine, SUMMARY_PREFIX } from './verdict.js';
export { mergeProblems, mergeResults, type MergedRun, type ShardResults } from './merge.js';
export { createLiveLine, type LiveLine, type LiveLineOptions, type LiveStats } from './live.js';
export { REDACTED, redactHeader, redactJson, redactText } from '../common/redact.js';

/** A reporter as `--reporter` names it. */
export interface ReporterEntry {
  /** One line for `--help`. */
  description: string;
  create(o: ReporterOptions): Reporter;
  /** The file it writes in the report folder, if any: a run without this reporter removes an earlier run's copy. */
  file?: string;
}

/** Every reporter, by the name `--reporter` takes. */
export const reporters: Record<string, ReporterEntry> = {
  console: { description: 'progress, failures explained and a summary, on the console', create: createConsoleReporter },
  junit: { description: 'JUnit XML for CI test tabs, in <out-dir>/junit.xml', create: createJunitReporter, file: JUNIT_FILE },
  json: { description: 'the whole run as JSON, in <out-dir>/results.json', create: createJsonReporter, file: RESULTS_FILE },
  html: { description: 'one self-contained page for people, in <out-dir>/report.html', create: createHtmlReporter, file: HTML_FILE },
  ndjson: { description: 'one line per case as it ends, in <out-dir>/results.ndjson, for long runs', create: createNdjsonReporter, file: NDJSON_FILE },
  github: { description: 'GitHub Actions annotations at the suite line that failed, on stdout', create: createGithubReporter },
  ctrf: { description: 'Common Test Report Format, in <out-dir>/ctrf.json', create: createCtrfReporter, file: CTRF_FILE },
  tap: { description: 'TAP version 14 with YAML diagnostics, in <out-dir>/results.tap', create: createTapReporter, file: TAP_FILE },
};

/** Names `--reporter` does not know; the message lists the valid ones, fit to show as is. */
export class UnknownReporterError extends Error {
  constructor(
    readonly unknown: string[],
    readonly valid: string[],
  ) {
    super(`unknown reporter ${unknown.map((n) => `"${n}"`).join(', ')}; valid reporters: ${valid.join(', ')}`);
    this.name = 'UnknownReporterError';
  }
}

/**
 * Reporters for the given names, in order, each once. An unknown name throws an Error that
 * lists the valid names, fit to show to the user as is. When `o.env` sets `GITHUB_STEP_SUMMARY`
 * (as GitHub Actions does), a reporter that appends a Markdown summary to that file is added,
 * whichever names were given.
 */
export function createReporters(names: string[], o: ReporterOptions): Reporter[] {
  const wanted = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
  const unknown = wanted.filter((n) => !Object.hasOwn(reporters, n));
  if (unknown.length) throw new UnknownReporterError(unknown, Object.keys(reporters));
  const list = wanted.map((n) => reporters[n]!.create(o));
  const summaryFile = o.env?.[STEP_SUMMARY_ENV];
  if (summaryFile) list.push(createStepSummaryReporter({ ...o, summaryFile }));
  return list;
}

/**
 * Fans each event out to every reporter, in order, awaiting each. A reporter that throws does
 * not starve the others: all of them get the event, then one Error names every one that failed.
 */
export function combineReporters(rs: Reporter[]): Reporter {
  const fan =
    <K extends 'onRunStart' | 'onCaseStart' | 'onCaseEnd' | 'onRunEnd'>(hook: K) =>
    async (arg: Parameters<NonNullable<Reporter[K]>>[0]): Promise<void> => {
      const failures: string[] = [];
      for (const r of rs) {
        const fn = r[hook] as ((a: typeof arg) => void | Promise<void>) | undefined;
        try {
          await fn?.call(r, arg);
        } catch (e) {
          failures.push(`${r.name}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      if (failures.length) throw new Error(`reporter ${hook} failed: ${failures.join('; ')}`);
    };
  return {
    name: rs.map((r) => r.name).join('+'),
    onRunStart: fan('onRunStart'),
    onCaseStart: fan('onCaseStart'),
    onCaseEnd: fan('onCaseEnd'),
    onRunEnd: fan('onRunEnd'),
  };
}
