import type { CaseResult, Level, Reporter, RunInfo, RunSummary } from '../../model/index.js';
import { headline } from '../explain.js';
import type { ReporterOptions } from '../options.js';
import { writeFileAtomic } from '../write-file.js';
import { caseHtml } from './case.js';
import { pageHtml, type RenderedCase } from './page.js';

/** The file name inside `outDir`. */
export const HTML_FILE = 'report.html';

/**
 * `<outDir>/report.html`: the run for people, one self-contained page (see `pageHtml`). Each
 * case is rendered as it ends, so the reporter holds bounded HTML per case, never whole
 * exchanges; the page is written atomically when the run ends.
 */
export function createHtmlReporter(o: ReporterOptions): Reporter {
  let info: RunInfo | undefined;
  const cases: RenderedCase[] = [];
  return {
    name: 'html',
    onRunStart(i: RunInfo) {
      info = i;
    },
    onCaseEnd(c: CaseResult) {
      cases.push(renderCase(c, info?.failLevel ?? 'MUST', cases.length + 1));
    },
    async onRunEnd(summary: RunSummary) {
      await writeFileAtomic(o.outDir, HTML_FILE, pageHtml({ info, summary, cases }));
    },
  };
}

/** The page for a finished run, all at once (tests, and readers of results.json). */
export function htmlReport(info: RunInfo | undefined, results: CaseResult[], summary: RunSummary): string {
  return pageHtml({ info, summary, cases: results.map((c, i) => renderCase(c, info?.failLevel ?? 'MUST', i + 1)) });
}

function renderCase(c: CaseResult, failLevel: Level, n: number): RenderedCase {
  const anchor = `case-${n}`;
  return {
    id: String(c.id),
    level: c.level,
    status: c.status,
    ...(c.baseline ? { baseline: c.baseline } : {}),
    anchor,
    headline: headline(c),
    html: caseHtml(c, failLevel, anchor),
    file: String(c.span?.file ?? c.file ?? ''),
    line: Number.isFinite(c.span?.line) ? c.span.line : 0,
  };
}
