import type { Baseline, BaselineEntry, Diagnostic } from '../model/index.js';
import { didYouMean } from '../common/did-you-mean.js';
import { YamlFile, type Path } from './yaml-file.js';

const KEYS = ['case', 'reason', 'expires'] as const;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EXAMPLE = 'each entry is `- case: ID`, `reason: TEXT` and optionally `expires: YYYY-MM-DD`; see docs/baselines.md';

/**
 * Reads a baseline file (docs/baselines.md): a YAML list of `{ case, reason, expires? }`. Every
 * problem is a diagnostic at the key or value it is about, all of them in one pass; any error
 * means no baseline, since a half-read one could hide a failure it was not written for.
 * `caseIds` are the ids the suites define: an entry naming another id is a typo.
 */
export function parseBaseline(file: string, text: string, caseIds: readonly string[]): { baseline?: Baseline; diagnostics: Diagnostic[] } {
  const yaml = new YamlFile(file, text);
  const diagnostics = [...yaml.diagnostics];
  if (!yaml.readable) return { diagnostics };
  const problem = (code: string, message: string, path: Path, hint?: string, key = false): void => {
    diagnostics.push({ code, message, span: key ? yaml.keySpan(path) : yaml.valueSpan(path), severity: 'error', ...(hint ? { hint } : {}) });
  };
  if (yaml.empty) return { baseline: { file, entries: [] }, diagnostics };
  if (!Array.isArray(yaml.data)) {
    problem('not-a-list', 'a baseline is a YAML list of known deviations', [], EXAMPLE);
    return { diagnostics };
  }
  const known = new Set(caseIds);
  const seen = new Map<string, number>();
  const entries: BaselineEntry[] = [];
  yaml.data.forEach((item: unknown, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      problem('not-an-entry', 'a baseline entry is a mapping with `case` and `reason`', [i], EXAMPLE);
      return;
    }
    const entry = item as Record<string, unknown>;
    // A misspelt key is reported once, as the typo, not again as the key it stands for missing.
    const typos = new Set<string>();
    for (const key of Object.keys(entry)) {
      if ((KEYS as readonly string[]).includes(key)) continue;
      const guess = didYouMean(key, [...KEYS]);
      if (guess) typos.add(guess);
      problem('unknown-key', `unknown key \`${key}\` in a baseline entry`, [i, key], guess ? `did you mean \`${guess}\`?` : `the keys are ${KEYS.join(', ')}`, true);
    }
    const id = entry.case;
    if (typeof id === 'string' && id !== '') {
      if (!known.has(id)) {
        const guess = didYouMean(id, caseIds);
        problem('unknown-case', `no case has the id \`${id}\``, [i, 'case'], guess ? `did you mean \`${guess}\`?` : '`gsc list` shows the case ids');
      } else if (seen.has(id)) problem('duplicate-case', `\`${id}\` is already listed (entry ${seen.get(id)! + 1})`, [i, 'case'], 'keep one entry per case');
      else seen.set(id, i);
    } else if (!(id === undefined && typos.has('case'))) {
      problem(id === undefined ? 'missing-key' : 'invalid-value', 'a baseline entry needs `case`: the id of the failing case', id === undefined ? [i] : [i, 'case'], EXAMPLE);
    }
    const reason = entry.reason;
    if ((typeof reason !== 'string' || reason.trim() === '') && !(reason === undefined && typos.has('reason'))) problem(reason === undefined ? 'missing-key' : 'invalid-value', 'a baseline entry needs `reason`: why the deviation is accepted for now', reason === undefined ? [i] : [i, 'reason'], 'say what is known, e.g. a link to the issue that tracks it');
    const expires = entry.expires;
    if (expires !== undefined && !validDate(expires)) problem('invalid-date', `\`expires\` must be a date written YYYY-MM-DD, not ${JSON.stringify(expires)}`, [i, 'expires'], 'e.g. `expires: 2027-03-31`: the last day the entry holds');
    if (typeof id === 'string' && typeof reason === 'string') {
      entries.push({ case: id, reason, ...(typeof expires === 'string' ? { expires } : {}), span: yaml.keySpan([i]) });
    }
  });
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { baseline: { file, entries }, diagnostics };
}

/** A real calendar date written `YYYY-MM-DD`. */
function validDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}
