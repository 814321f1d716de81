import { closeSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseResult, Reporter, RunInfo, RunSummary } from '../model/index.js';
import { caseJson, resultsJson, RESULTS_FORMAT_VERSION } from './json.js';
import type { ReporterOptions } from './options.js';
import { redactText } from '../common/redact.js';
import { openNoFollow } from './write-file.js';

/** The file name inside `outDir`. */
export const NDJSON_FILE = 'results.ndjson';

/**
 * `<outDir>/results.ndjson`: one JSON object per line, written as each case ends, holding nothing
 * in memory, so a soak run of any length can be followed (`tail -f`) and survives a crash up to
 * its last finished case. Lines: `{"type":"run",…}` first, `{"type":"case",…}` per case (the
 * shape of a case in results.json), `{"type":"summary",…}` last.
 */
export function createNdjsonReporter(o: ReporterOptions): Reporter {
  let fd: number | undefined;
  const path = join(o.outDir, NDJSON_FILE);
  const line = (value: unknown): void => {
    if (fd === undefined) return;
    try {
      writeSync(fd, `${JSON.stringify(value)}\n`);
    } catch (e) {
      throw new Error(`cannot write ${path}: ${e instanceof Error ? e.message : String(e)}; check that the folder is writable, or choose another output folder`);
    }
  };
  return {
    name: 'ndjson',
    onRunStart(info: RunInfo) {
      try {
        // Never through a symbolic link planted in the folder.
        fd = openNoFollow(path, 'truncate');
      } catch (e) {
        throw new Error(`cannot write ${path}: ${e instanceof Error ? e.message : String(e)}; check that the folder is writable, or choose another output folder`);
      }
      line({
        type: 'run',
        formatVersion: RESULTS_FORMAT_VERSION,
        tool: { name: String(info.tool.name), version: String(info.tool.version) },
        target: redactText(String(info.target)),
        startedAt: String(info.startedAt),
        failLevel: info.failLevel,
        total: info.total,
      });
    },
    onCaseEnd(c: CaseResult) {
      line({ type: 'case', ...caseJson(c) });
    },
    onRunEnd(summary: RunSummary) {
      const { durationMs, verdict, conformant, counts, aborted, latency } = resultsJson(undefined, [], summary);
      line({ type: 'summary', durationMs, verdict, conformant, counts, ...(aborted ? { aborted } : {}), ...(latency ? { latency } : {}) });
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
