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

/**
 * One sentence: is the target conformant at the failing level, and why not. The engine's
 * `conformant` decides; the case lists only explain it.
 */
export function verdictLine(summary: RunSummary, failLevel: Level, cases: CaseResult[]): string {
  const levels = LEVELS.filter((l) => countsAt(l, failLevel)).join(' or ');
  const failed = cases.filter((c) => c.status === 'failed');
  const counting = failed.filter((c) => countsAt(c.level, failLevel));
  const below = failed.length - counting.length;
  const errors = cases.filter((c) => c.status === 'error').length;
  const notes: string[] = [];
  if (below > 0) notes.push(`${plural(below, 'failure')} below ${failLevel} ${below === 1 ? 'does' : 'do'} not count`);
  if (errors > 0) notes.push(`${plural(errors, 'case')} could not be tested`);
  if (summary.aborted) notes.push('the run was aborted, so the verdict is incomplete');
  const tail = notes.map((n) => `; ${n}`).join('');
  if (summary.conformant) return `Conformant at level ${failLevel}: no ${levels} case failed${tail}.`;
  if (summary.verdict === 'incomplete') return `Conformance NOT shown at level ${failLevel}: no ${levels} case failed, but not everything was tested${tail}.`;
  const ids = counting.slice(0, 5).map((c) => visible(String(c.id)));
  const more = counting.length > ids.length ? `, and ${counting.length - ids.length} more` : '';
  const which = counting.length ? `: ${plural(counting.length, `${levels} case`)} failed (${ids.join(', ')}${more})` : '';
  return `NOT conformant at level ${failLevel}${which}${tail}.`;
}
