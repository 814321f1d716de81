import { LEVELS } from '../model/index.js';
import type { CaseResult, Level, Reporter, RunInfo, RunSummary } from '../model/index.js';
import { headline, runErrorText, say, troubledSteps, where } from './explain.js';
import type { ReporterOptions } from './options.js';
import { redactText } from '../common/redact.js';
import { formatDuration } from './text.js';
import { acceptedByBaseline, countsAt, failsBelowLevel, tallyByLevel, verdictLine, type CaseBrief } from './verdict.js';
import { appendFileText } from './write-file.js';

/** The environment variable GitHub Actions sets to the job summary file of the current step. */
export const STEP_SUMMARY_ENV = 'GITHUB_STEP_SUMMARY';

/** Failure lines in the summary; GitHub caps a step's summary at 1 MiB, and readers far sooner. */
const MAX_LINES = 100;

/** What the summary keeps of a case: one line's worth. */
interface Line extends CaseBrief {
  headline: string;
  where: string;
  counts: boolean;
}

/**
 * Appends a Markdown summary of the run to the file `GITHUB_STEP_SUMMARY` names, so the
 * workflow run's page shows it: the verdict, a table by requirement level, then each failure
 * and error on one line. Added by `createReporters` whenever that variable is set.
 */
export function createStepSummaryReporter(o: ReporterOptions & { summaryFile: string }): Reporter {
  let info: RunInfo | undefined;
  const cases: Line[] = [];
  return {
    name: 'github-step-summary',
    onRunStart(i: RunInfo) {
      info = i;
    },
    onCaseEnd(c: CaseResult) {
      const failLevel = info?.failLevel ?? 'MUST';
      const troubled = c.status === 'failed' || c.status === 'error' || troubledSteps(c).length > 0;
      cases.push({
        id: c.id,
        level: c.level,
        status: c.status,
        ...(c.baseline ? { baseline: c.baseline } : {}),
        headline: troubled ? headline(c) : '',
        where: troubled ? where(c.span) : '',
        counts: !failsBelowLevel(c, failLevel),
      });
    },
    async onRunEnd(summary: RunSummary) {
      await appendFileText(o.summaryFile, stepSummaryMarkdown(info, cases, summary));
    },
  };
}

/** The Markdown appended to the step summary. */
export function stepSummaryMarkdown(info: RunInfo | undefined, cases: (CaseBrief & { headline: string; where: string })[], summary: RunSummary): string {
  const failLevel: Level = info?.failLevel ?? 'MUST';
  const icon = summary.verdict === 'conformant' ? '✅' : summary.verdict === 'non-conformant' ? '❌' : '⚠️';
  const tool = info?.tool?.name ?? 'gsc';
  const target = redactText(String(info?.target ?? '(unknown target)'));
  const out = [`### ${icon} ${md(tool)} against ${code(target)}`, '', md(verdictLine(summary, failLevel, cases)), ''];
  const tally = tallyByLevel(cases);
  out.push('| level | passed | failed | error | skipped |', '|:--|--:|--:|--:|--:|');
  for (const l of LEVELS) {
    const name = countsAt(l, failLevel) ? `**${l}**` : `${l} (does not fail the run)`;
    out.push(`| ${name} | ${tally[l].passed} | ${tally[l].failed} | ${tally[l].error} | ${tally[l].skipped} |`);
  }
  out.push('', `${Object.values(summary.counts ?? {}).reduce((a, b) => a + b, 0)} cases in ${formatDuration(summary.durationMs)}, failing level ${failLevel}.`);
  if (summary.aborted) out.push('', `**The run stopped early:** ${md(runErrorText(summary.aborted))}`);
  const lines = cases.filter((c) => c.headline).map((c) => failureLine(c, failLevel));
  if (lines.length) {
    out.push('', `**Failures and errors** (${lines.length})`, '', ...lines.slice(0, MAX_LINES));
    if (lines.length > MAX_LINES) out.push(`- … and ${lines.length - MAX_LINES} more: see the run's reports`);
  }
  return `${out.join('\n')}\n\n`;
}

function failureLine(c: CaseBrief & { headline: string; where: string }, failLevel: Level): string {
  const [mark, note] =
    c.status === 'error' ? ['⚠️', 'could not be tested'] : c.status !== 'failed' ? ['🧹', 'cleanup failed'] : acceptedByBaseline(c) ? ['📌', 'failed, a known deviation in the baseline, does not count'] : failsBelowLevel(c, failLevel) ? ['➖', `failed below ${failLevel}, does not count`] : ['❌', 'failed'];
  return `- ${mark} ${code(say(c.id, 200))} ${c.level}, ${note}: ${md(c.headline)} (${code(c.where)})`;
}

/**
 * Markdown text from any string: one line, markup characters backslash-escaped and `<`, `>` as
 * entities, so a message from a target can neither format the summary nor inject HTML into it.
 */
export function md(text: string): string {
  return say(text, 1000)
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_[\]#!|~]/g, '\\$&')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A code span for any string: backticks inside become quotes, so the span cannot be closed early. */
function code(text: string): string {
  return `\`${say(text, 300).replace(/`/g, "'")}\``;
}
