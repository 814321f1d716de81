import { compileUserPattern, patternHint } from '../common/user-pattern.js';
import type { Case, Suite } from '../model/index.js';

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

/** A case chosen to run, or one left out with the reason (reported as skipped). */
export interface Planned {
  suite: string;
  case: Case;
  /** Set when the case is selected but must not run, e.g. writes without `--allow-writes`. */
  skipReason?: string;
}

/** Thrown for a selection that cannot be applied (an invalid --grep pattern). */
export class SelectionError extends Error {}

/** Compiles `--grep` with RE2 (linear time, case-insensitive); a bad pattern is the user's error, said plainly. */
function grepMatcher(grep: string | undefined): (c: Case) => boolean {
  if (!grep) return () => true;
  const re = compileUserPattern(grep, 'i');
  if ('error' in re) throw new SelectionError(`--grep ${JSON.stringify(grep)} is not a valid regular expression: ${re.error} (${patternHint(grep)})`);
  return (c) => re.test(c.id) === true || re.test(c.title) === true;
}

function tagMatcher(tags: string[] | undefined): (c: Case) => boolean {
  const wanted = (tags ?? []).filter((t) => t && !t.startsWith('!'));
  const unwanted = (tags ?? []).filter((t) => t.startsWith('!')).map((t) => t.slice(1));
  return (c) => (wanted.length === 0 || c.tags.some((t) => wanted.includes(t))) && !c.tags.some((t) => unwanted.includes(t));
}

/** The cases a run would execute, in file order then case order. */
export function selectCases(suites: Suite[], selection: Selection): Planned[] {
  const byGrep = grepMatcher(selection.grep);
  const byTags = tagMatcher(selection.tags);
  return suites.flatMap((s) => s.cases.filter((c) => byGrep(c) && byTags(c)).map((c) => ({ suite: s.id, case: c })));
}
