import type { CaseResult, Reporter, RunInfo, RunSummary } from '../model/index.js';
import type { ReporterOptions } from './options.js';
import { writeFileAtomic } from './write-file.js';

/**
 * A reporter whose file can only be written once the run has ended (a JSON document, a JUnit
 * tree): as each case ends it keeps the case's compact `record` (its finished text and the few
 * fields the totals need), never the result with its exchanges, so a long run holds little per
 * case and the results themselves can be freed as the run goes; then it writes `file` in the
 * report folder from `render`.
 */
export function collectingReporter<R>(
  name: string,
  file: string,
  o: ReporterOptions,
  record: (c: CaseResult, info: RunInfo | undefined) => R,
  render: (info: RunInfo | undefined, records: R[], summary: RunSummary) => string,
): Reporter {
  let info: RunInfo | undefined;
  const records: R[] = [];
  return {
    name,
    onRunStart(i: RunInfo) {
      info = i;
    },
    onCaseEnd(c: CaseResult) {
      records.push(record(c, info));
    },
    async onRunEnd(summary: RunSummary) {
      await writeFileAtomic(o.outDir, file, render(info, records, summary));
    },
  };
}
