import { realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { combineReporters, createReporters, mergeProblems, mergeResults, RESULTS_FILE, resultsJson, type ResultsFile, type ShardResults } from '../report/index.js';
import { UsageError } from './exit-codes.js';
import { lockFolder } from './folder-lock.js';
import { ensureFolder } from './folders.js';
import { readResultsFiles } from './results-file.js';

/** Options of {@link mergeReports}: what `gsc merge-reports` takes. */
export interface MergeReportsOptions {
  /** The shards' report folders (each holding a `results.json`), or the files themselves; relative to `cwd`. */
  inputs: string[];
  /** Folder for the merged reports, relative to `cwd`. It must not be one of the shards'. @default 'reports' */
  out?: string;
  /** Reporters to write the merged run with. @default ['json', 'junit', 'html', 'ctrf'] */
  reporters?: string[];
  /** @default process.cwd() */
  cwd?: string;
  /** Where a `console` reporter writes. @default process.stdout */
  stdout?: NodeJS.WritableStream;
}

/** The reports a merge writes unless told otherwise. */
export const MERGE_REPORTERS = ['json', 'junit', 'html', 'ctrf'];

/**
 * Merges the `results.json` of the shards of one run (`--shard i/n`) into one report, written
 * by the same reporters a run uses: the merged JSON, JUnit, HTML and CTRF have the totals the
 * unsharded run would have. Shards of different runs, targets, suite versions, selections,
 * splits or repetitions, a missing shard or one given twice, a shard whose counts or verdict
 * disagree with its cases, and shards that together lost or doubled cases are refused with a
 * {@link GscUsageError} naming the files and cases, before anything is written.
 * Returns the merged `results.json` content.
 */
export async function mergeReports(o: MergeReportsOptions): Promise<ResultsFile> {
  const cwd = o.cwd ?? process.cwd();
  const outDir = resolve(cwd, o.out ?? 'reports');
  const shards: ShardResults[] = readResultsFiles(o.inputs, cwd);
  const problems = mergeProblems(shards);
  if (problems.length > 0) throw new UsageError(`cannot merge these reports:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const own = shards.find((s) => samePath(resolve(cwd, s.file), join(outDir, RESULTS_FILE)));
  if (own) throw new UsageError(`--out ${o.out ?? 'reports'} is where ${own.file} lies: merging there would overwrite a shard's report; choose another folder`);
  const merged = mergeResults(shards);
  const names = o.reporters ?? MERGE_REPORTERS;
  let reporters;
  try {
    reporters = createReporters(names, { outDir, stream: o.stdout ?? process.stdout, color: false });
  } catch (err) {
    throw new UsageError(`--reporter: ${(err as Error).message}`);
  }
  const writesFiles = names.some((n) => n !== 'console');
  if (writesFiles) ensureFolder(outDir, '--out');
  // The folder lock a run takes: a merge and a run (or two merges) never interleave their files.
  const lock = writesFiles ? lockFolder(outDir, '--out') : undefined;
  try {
    const reporter = combineReporters(reporters);
    await reporter.onRunStart?.(merged.info);
    for (const c of merged.cases) await reporter.onCaseEnd?.(c);
    await reporter.onRunEnd?.(merged.summary);
    // The shards' cases as read (checked against the results schema), not rebuilt: a merge of
    // 100,000 cases holds them once.
    return { ...resultsJson(merged.info, [], merged.summary), cases: merged.cases };
  } finally {
    lock?.release();
  }
}

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return a === b;
  }
}
