import type { CaseResult, Reporter, RunInfo, RunSummary } from '../model/index.js';
import type { ReporterOptions } from './options.js';
import { writeFileAtomic } from './write-file.js';

/**
 * A reporter whose file can only be written once the run has ended (a JSON document, a JUnit
 * tree): it keeps every case result, then writes `file` in the report folder from `render`.
 */
export function collectingReporter(name: string, file: string, o: ReporterOptions, render: (info: RunInfo | undefined, cases: CaseResult[], summary: RunSummary) => string): Reporter {
  let info: RunInfo | undefined;
  const cases: CaseResult[] = [];
  return {
    name,
    onRunStart(i: RunInfo) {
      info = i;
    },
    onCaseEnd(c: CaseResult) {
      cases.push(c);
    },
    async onRunEnd(summary: RunSummary) {
      await writeFileAtomic(o.outDir, file, render(info, cases, summary));
    },
  };
}
