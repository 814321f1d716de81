import type { Baseline, BaselineMark, CaseResult } from '../model/index.js';

/**
 * Marks a case result with what the baseline says about it. Only the entry naming this exact
 * case applies, so a baseline never hides a failure of another case. A failure with an entry
 * whose `expires` day has passed (`today` is `YYYY-MM-DD`, UTC) counts again; a pass is `fixed`.
 */
export function applyBaseline(result: CaseResult, baseline: Baseline | undefined, today: string): CaseResult {
  const entry = baseline?.entries.find((e) => e.case === result.id);
  if (!entry) return result;
  const expired = entry.expires !== undefined && entry.expires < today;
  const state: BaselineMark['state'] | undefined = result.status === 'passed' ? 'fixed' : result.status === 'failed' ? (expired ? 'expired' : 'accepted') : undefined;
  if (!state) return result;
  return { ...result, baseline: { state, reason: entry.reason, ...(entry.expires ? { expires: entry.expires } : {}), span: entry.span } };
}
