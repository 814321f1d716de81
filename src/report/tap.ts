import { stringify } from '../common/yaml.js';
import type { CaseResult, Level, Reporter, RunInfo, RunSummary } from '../model/index.js';
import { headline, runErrorText, say, skipReason, troubledSteps, where } from './explain.js';
import type { ReporterOptions } from './options.js';
import { redactText } from '../common/redact.js';
import { formatValue } from './values.js';
import { failsBelowLevel, notCountedBecause, verdictLine, type CaseBrief } from './verdict.js';
import { TextSpool } from './spool.js';
import { writeFileInPieces, type Write } from './write-file.js';

/** The file name inside `outDir`. */
export const TAP_FILE = 'results.tap';

/**
 * `<outDir>/results.tap` in TAP version 14, for TAP consumers: one test point per case, a YAML
 * diagnostic block for each that did not pass, the plan at the end (the number of cases that
 * ended) and `Bail out!` when the run stopped early. A failure below the failing level is
 * `not ok … # TODO`, which TAP does not count as a failure, so TAP agrees with the verdict.
 * Each case becomes its few lines as it ends; exchanges are not kept.
 */
export function createTapReporter(o: ReporterOptions): Reporter {
  let info: RunInfo | undefined;
  // The test points are kept on disk until the run ends, and written piece by piece.
  const spool = new TextSpool(o.outDir, TAP_FILE);
  const briefs: CaseBrief[] = [];
  return {
    name: 'tap',
    onRunStart(i: RunInfo) {
      info = i;
    },
    onCaseEnd(c: CaseResult) {
      briefs.push({ id: c.id, level: c.level, status: c.status, ...(c.baseline ? { baseline: c.baseline } : {}) });
      spool.add(tapTestPoint(c, briefs.length, info?.failLevel ?? 'MUST'));
    },
    async onRunEnd(summary: RunSummary) {
      try {
        await writeFileInPieces(o.outDir, TAP_FILE, (write) => writeTap(info, spool, briefs, summary, write));
      } finally {
        spool.close();
      }
    },
  };
}

/** Writes the whole TAP document around the test points, each point a piece of its own. */
export function writeTap(info: RunInfo | undefined, points: { readonly count: number; get(i: number): string }, briefs: CaseBrief[], summary: RunSummary, write: Write): void {
  const failLevel = info?.failLevel ?? 'MUST';
  const tool = `${info?.tool?.name ?? 'gsc'} ${info?.tool?.version ?? ''}`.trim();
  write(`TAP version 14\n# ${say(`${tool} against ${redactText(String(info?.target ?? '(unknown target)'))}, failing level ${failLevel}`)}\n`);
  for (let i = 0; i < points.count; i++) write(`${points.get(i)}\n`);
  const end = [`1..${points.count}`, `# ${say(verdictLine(summary, failLevel, briefs), 2000)}`];
  if (summary.aborted) end.push(`Bail out! ${say(runErrorText(summary.aborted))}`);
  write(`${end.join('\n')}\n`);
}

/**
 * One test point: `ok N - id: title`, with a `# SKIP` or `# TODO` directive where one applies
 * and, for a case that did not pass, its diagnostics as an indented YAML block.
 */
export function tapTestPoint(c: CaseResult, n: number, failLevel: Level): string {
  const description = escapeDescription(`${say(c.id, 200)}: ${say(c.title, 300)}`);
  if (c.status === 'passed') return `ok ${n} - ${description}`;
  if (c.status === 'skipped') return `ok ${n} - ${description} # SKIP ${skipReason(c)}`;
  const below = failsBelowLevel(c, failLevel);
  const directive = below ? ` # TODO failed at ${c.level}, ${notCountedBecause(c, failLevel)}: does not fail the run` : '';
  const yaml = stringify(diagnostics(c), { lineWidth: 0 }).trimEnd();
  return [`not ok ${n} - ${description}${directive}`, '  ---', ...yaml.split('\n').map((l) => `  ${l}`), '  ...'].join('\n');
}

/** The YAML diagnostics of a case that did not pass: what, where, and each finding. */
function diagnostics(c: CaseResult): Record<string, unknown> {
  const steps = troubledSteps(c).filter((s) => s.phase === 'main');
  const first = steps.flatMap((s) => s.findings ?? []).find((f) => f.span)?.span ?? steps[0]?.span ?? c.span;
  const d: Record<string, unknown> = {
    message: headline(c),
    severity: c.status === 'error' ? 'error' : 'fail',
    level: c.level,
    at: { file: say(first?.file ?? c.file, 500), line: first?.line ?? 0, column: first?.col ?? 0 },
  };
  if (c.doc) d.doc = say(c.doc, 500);
  const findings = steps.flatMap((s) =>
    (s.findings ?? []).map((f) => ({
      step: say(s.name, 80),
      check: say(f.check, 80),
      message: say(f.message),
      ...(f.pointer !== undefined ? { pointer: say(f.pointer, 200) } : {}),
      expected: formatValue(f.expected),
      actual: formatValue(f.actual),
      ...(f.span ? { at: where(f.span) } : {}),
    })),
  );
  if (findings.length) d.findings = findings;
  const errors = [c.error, ...steps.map((s) => s.error)].filter((e) => e !== undefined);
  if (errors.length) d.error = runErrorText(errors[0]);
  const sent = steps.find((s) => s.exchange)?.exchange;
  if (sent) d.exchange = { request: say(`${sent.request?.method ?? '?'} ${sent.request?.url ?? '?'}`, 500), status: sent.response?.status ?? 0 };
  return d;
}

/** TAP 14: a `#` in a description starts a directive unless escaped, and so `\` is escaped too. */
function escapeDescription(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/#/g, '\\#');
}
