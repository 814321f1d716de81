import type { CaseResult, Level, Reporter, RunInfo, RunSummary } from '../../model/index.js';
import { headline } from '../explain.js';
import type { ReporterOptions } from '../options.js';
import { TextSpool } from '../spool.js';
import { writeFileInPieces } from '../write-file.js';
import { PageCases } from './cases.js';
import { caseHtml } from './case.js';
import { anchorOf, writePage, type RenderedCase } from './page.js';

/** The file name inside `outDir`. */
export const HTML_FILE = 'report.html';

/**
 * `<outDir>/report.html`: the run for people, one self-contained page (see `pageHtml`). Each
 * case is rendered as it ends, so the reporter holds bounded HTML per case, never whole
 * exchanges; the page is written atomically when the run ends.
 */
export function createHtmlReporter(o: ReporterOptions): Reporter {
  // Each case's HTML is kept on disk until the run ends, its few facts in memory (a few numbers
  // for a case that passed); the page is written piece by piece, never as one string.
  let info: RunInfo | undefined;
  const spool = new TextSpool(o.outDir, HTML_FILE);
  const cases = new PageCases();
  return {
    name: 'html',
    onRunStart(i: RunInfo) {
      info = i;
    },
    onCaseEnd(c: CaseResult) {
      cases.add(renderCase(c, info?.failLevel ?? 'MUST', cases.length + 1, (html) => spool.add(html)));
    },
    async onRunEnd(summary: RunSummary) {
      try {
        await writeFileInPieces(o.outDir, HTML_FILE, (write) => writePage({ info, summary, cases, htmlOf: (i) => spool.get(i) }, write));
      } finally {
        spool.close();
      }
    },
  };
}

/** The page for a finished run, all at once (tests, and readers of results.json). */
export function htmlReport(info: RunInfo | undefined, results: CaseResult[], summary: RunSummary): string {
  const html: string[] = [];
  const cases = new PageCases();
  results.forEach((c, i) => cases.add(renderCase(c, info?.failLevel ?? 'MUST', i + 1, (text) => html.push(text) - 1)));
  const pieces: Array<string | Uint8Array> = [];
  writePage({ info, summary, cases, htmlOf: (i) => html[i]! }, (p) => pieces.push(p));
  return pieces.join('');
}

function renderCase(c: CaseResult, failLevel: Level, n: number, keep: (html: string) => number): RenderedCase {
  const anchor = anchorOf(n);
  // The summary names cases that did not pass (a skipped MUST case under --require-all too): a run of passes keeps no text per case.
  const named = c.status !== 'passed';
  const troubled = c.status === 'failed' || c.status === 'error';
  return {
    id: named ? String(c.id) : '',
    level: c.level,
    status: c.status,
    ...(c.baseline ? { baseline: c.baseline } : {}),
    n,
    headline: troubled ? headline(c) : '',
    html: keep(caseHtml(c, failLevel, anchor)),
    file: String(c.span?.file ?? c.file ?? ''),
    line: Number.isFinite(c.span?.line) ? c.span.line : 0,
  };
}
