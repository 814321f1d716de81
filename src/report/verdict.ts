import { LEVELS } from '../model/index.js';
import type { CaseResult, Counts, Level, RunSummary } from '../model/index.js';
import { formatDuration, plural, visible } from './text.js';

/**
 * The prefix CI looks for: `<word>: N passed, N failed` is the one shape pipelines grep, so the
 * summary line keeps it exactly and always ends the console output.
 */
export const SUMMARY_PREFIX = 'gsc';

/** `gsc: 12 passed, 0 failed, 0 errors, 1 skipped (1.2 s)`; plain text, never coloured. */
export function summaryLine(counts: Partial<Counts> | undefined, durationMs: number): string {
  const n = (k: keyof Counts) => counts?.[k] ?? 0;
  return `${SUMMARY_PREFIX}: ${n('passed')} passed, ${n('failed')} failed, ${n('error')} errors, ${n('skipped')} skipped (${formatDuration(durationMs)})`;
}

/** True when a case of this level counts at the failing level (it is as strict or stricter). */
export function countsAt(level: Level, failLevel: Level): boolean {
  const i = LEVELS.indexOf(level);
  return i < 0 || i <= Math.max(0, LEVELS.indexOf(failLevel));
}

/** What the verdict and the level tables need of a case; reporters that keep little keep this. */
export type CaseBrief = Pick<CaseResult, 'id' | 'level' | 'status'> & Partial<Pick<CaseResult, 'baseline'>>;

/** True for a failure the baseline (`--baseline`) accepts as a known deviation. */
export function acceptedByBaseline(c: Pick<CaseResult, 'status'> & Partial<Pick<CaseResult, 'baseline'>>): boolean {
  return c.status === 'failed' && c.baseline?.state === 'accepted';
}

/**
 * True for a failure that does not fail the run: its level is below `--level`, or the baseline
 * accepts it as a known deviation.
 */
export function failsBelowLevel(c: Pick<CaseResult, 'level' | 'status'> & Partial<Pick<CaseResult, 'baseline'>>, failLevel: Level): boolean {
  return c.status === 'failed' && (!countsAt(c.level, failLevel) || acceptedByBaseline(c));
}

/** Why a failure does not fail the run: `below the failing level MUST` or the baseline's reason. */
export function notCountedBecause(c: Pick<CaseResult, 'level' | 'status'> & Partial<Pick<CaseResult, 'baseline'>>, failLevel: Level): string {
  if (acceptedByBaseline(c)) return `a known deviation the baseline accepts (${visible(c.baseline?.reason ?? '').replace(/\n/g, ' ')}${c.baseline?.expires ? `, until ${visible(c.baseline.expires)}` : ''})`;
  return `below the failing level ${failLevel}`;
}

/** Cases by requirement level, then by status: the table every summary starts with. */
export type LevelTally = Record<Level, Counts>;

/** Counts cases by level and status; every level and status is present, zero when none. */
export function tallyByLevel(cases: Iterable<Pick<CaseResult, 'level' | 'status'>>): LevelTally {
  const zero = (): Counts => ({ passed: 0, failed: 0, error: 0, skipped: 0 });
  const out = Object.fromEntries(LEVELS.map((l) => [l, zero()])) as LevelTally;
  for (const c of cases) {
    const row = out[c.level];
    if (row && Object.hasOwn(row, c.status)) row[c.status]++;
  }
  return out;
}

/** How each skip reason reads in a verdict; a code not listed reads as itself. */
const SKIP_WORDS: Readonly<Record<string, string>> = {
  'needs-allow-writes': 'need --allow-writes',
  'needs-variable': 'need a user variable',
  'optional-route-missing': 'optional route not implemented by the target',
  'unknown-operation': 'an operation specs/ does not hold',
};

/**
 * On how much a verdict stands: `3 of 38 cases (35 skipped: need --allow-writes)`, from the
 * summary's counts and its skips by reason; with several reasons each says how many.
 */
export function scopeText(summary: Pick<RunSummary, 'counts' | 'skips'>, subject: 'case' | 'exchange' = 'case'): string {
  const c = summary.counts ?? ({} as Partial<Counts>);
  const skipped = c.skipped ?? 0;
  const total = (c.passed ?? 0) + (c.failed ?? 0) + (c.error ?? 0) + skipped;
  const ran = total - skipped;
  if (skipped === 0) return `${ran} of ${plural(total, subject)}`;
  const reasons = Object.entries(summary.skips ?? {}).filter(([, n]) => n > 0);
  const words = (code: string): string => visible(SKIP_WORDS[code] ?? code);
  const why = reasons.length === 1 ? words(reasons[0]![0]) : reasons.map(([code, n]) => `${n} ${words(code)}`).join(', ');
  return `${ran} of ${plural(total, subject)} (${skipped} skipped${why ? `: ${why}` : ''})`;
}

/** `MUST`, `MUST or SHOULD`, `MUST, SHOULD or MAY`. */
function orList(levels: readonly Level[]): string {
  return levels.length <= 1 ? levels.join('') : `${levels.slice(0, -1).join(', ')} or ${levels[levels.length - 1]}`;
}

/**
 * `2 MUST cases failed`, or across levels `3 cases failed, 2 MUST and 1 SHOULD`; what `gsc proxy`
 * judged reads `3 exchanges failed`.
 */
function failedText(failed: readonly CaseBrief[], subject: 'case' | 'exchange'): string {
  if (subject === 'exchange') return `${plural(failed.length, 'exchange')} failed`;
  const byLevel = LEVELS.map((l) => [l, failed.filter((c) => c.level === l).length] as const).filter(([, n]) => n > 0);
  if (byLevel.length === 1) return `${plural(failed.length, `${byLevel[0]![0]} case`)} failed`;
  const parts = byLevel.map(([l, n]) => `${n} ${l}`);
  return `${plural(failed.length, 'case')} failed, ${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** How many skipped MUST cases a verdict names before "and N more". */
const NAMED_SKIPS = 3;

/** ` (a, b, c, and 4 more)`: the skipped MUST cases `--require-all` counts, as far as `cases` holds them. */
function namedSkips(cases: readonly CaseBrief[], required: number): string {
  const ids = cases.filter((c) => c.status === 'skipped' && c.level === 'MUST').slice(0, NAMED_SKIPS).map((c) => visible(String(c.id)));
  if (ids.length === 0) return '';
  const more = required > ids.length ? `, and ${required - ids.length} more` : '';
  return ` (${ids.join(', ')}${more})`;
}

/**
 * One sentence: is the target conformant at the failing level, on how many cases, and why not. The engine's
 * `conformant` decides; the case lists only explain it. `subject` words the results: a suite's
 * cases, or the exchanges `gsc proxy` judged.
 */
export function verdictLine(summary: RunSummary, failLevel: Level, cases: readonly CaseBrief[], subject: 'case' | 'exchange' = 'case'): string {
  const levels = orList(LEVELS.filter((l) => countsAt(l, failLevel)));
  const failed = cases.filter((c) => c.status === 'failed');
  const known = failed.filter((c) => acceptedByBaseline(c));
  const counting = failed.filter((c) => countsAt(c.level, failLevel) && !acceptedByBaseline(c));
  const below = failed.length - counting.length - known.length;
  const fixed = cases.filter((c) => c.baseline?.state === 'fixed').length;
  const errors = cases.filter((c) => c.status === 'error').length;
  const notes: string[] = [];
  if (below > 0) notes.push(`${plural(below, 'failure')} below ${failLevel} ${below === 1 ? 'does' : 'do'} not count`);
  if (known.length > 0) notes.push(`${plural(known.length, 'known deviation')} in the baseline ${known.length === 1 ? 'does' : 'do'} not count`);
  if (fixed > 0) notes.push(`${plural(fixed, 'baselined case')} now ${fixed === 1 ? 'passes' : 'pass'}: remove ${fixed === 1 ? 'its entry' : 'their entries'} from the baseline`);
  if (errors > 0) notes.push(`${plural(errors, subject)} could not be tested`);
  if (summary.aborted) notes.push(summary.aborted.code === 'duration' ? 'the duration ended before every selected case ran once' : 'the run was aborted, so the verdict is incomplete');
  const required = summary.requiredSkipped ?? 0;
  if (required > 0) notes.push(`${plural(required, 'MUST case')} skipped${namedSkips(cases, required)}, and --require-all needs every one to run`);
  const tail = notes.map((n) => `; ${n}`).join('');
  if (summary.conformant) return `Conformant on ${scopeText(summary, subject)}, at level ${failLevel}: no ${levels} ${subject} failed${tail}.`;
  if (summary.verdict === 'incomplete') return `Conformance NOT shown at level ${failLevel}: no ${levels} ${subject} failed, but not everything was tested${tail}.`;
  const ids = counting.slice(0, 5).map((c) => visible(String(c.id)));
  const more = counting.length > ids.length ? `, and ${counting.length - ids.length} more` : '';
  const which = counting.length ? `: ${failedText(counting, subject)} (${ids.join(', ')}${more})` : '';
  return `NOT conformant at level ${failLevel}${which}${tail}.`;
}
