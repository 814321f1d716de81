import { compileUserPattern, patternHint } from '../common/user-pattern.js';
import type { Case, PlannedCase, Suite } from '../model/index.js';

/** What a user asked to run. */
export interface Selection {
  /** A regular expression (RE2 syntax, case-insensitive) matched against each case's id and title. */
  grep?: string;
  /**
   * Tags: a case runs when it has any of the plain tags (or there are none) and none of the
   * tags written with a leading `!`.
   */
  tags?: string[];
}

/**
 * Thrown for a selection that cannot be applied (an invalid grep pattern). `option` names the
 * selection field, so a caller can word it as its flag or variable (`--grep`, `GSC_GREP`).
 */
export class SelectionError extends Error {
  constructor(
    readonly option: 'grep',
    readonly value: string,
    readonly reason: string,
  ) {
    super(`--${option} ${JSON.stringify(value)} is not a valid regular expression: ${reason}`);
    this.name = 'SelectionError';
  }

  /** The same message, naming the option as the caller knows it. */
  describe(label: string): string {
    return `${label} ${JSON.stringify(this.value)} is not a valid regular expression: ${this.reason}`;
  }
}

/** Compiles the grep pattern with RE2 (linear time, case-insensitive); a bad pattern is the user's error, said plainly with how to fix it. */
function grepMatcher(grep: string | undefined): (c: Case) => boolean {
  if (!grep) return () => true;
  const re = compileUserPattern(grep, 'i');
  if ('error' in re) throw new SelectionError('grep', grep, `${re.error} (${patternHint(grep)})`);
  return (c) => re.test(c.id) === true || re.test(c.title) === true;
}

function tagMatcher(tags: string[] | undefined): (c: Case) => boolean {
  const wanted = (tags ?? []).filter((t) => t && !t.startsWith('!'));
  const unwanted = (tags ?? []).filter((t) => t.startsWith('!')).map((t) => t.slice(1));
  return (c) => (wanted.length === 0 || c.tags.some((t) => wanted.includes(t))) && !c.tags.some((t) => unwanted.includes(t));
}

/** The cases the selection takes, in file order then case order. */
export function selectCases(suites: Suite[], selection: Selection): PlannedCase[] {
  const byGrep = grepMatcher(selection.grep);
  const byTags = tagMatcher(selection.tags);
  return suites.flatMap((s) => s.cases.filter((c) => byGrep(c) && byTags(c)).map((c) => ({ suite: s.id, case: c })));
}
