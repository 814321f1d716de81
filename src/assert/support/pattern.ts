import { compileUserPattern, type UserPattern } from '../../common/user-pattern.js';
import type { SourceSpan } from '../../model/index.js';
import { InvalidExpectationError } from '../errors.js';

// Patterns repeat across every case of a run; compile each once. RE2 (linear time) with no flags,
// as the loader checked it.
const compiled = new Map<string, UserPattern>();

/**
 * The compiled pattern for `pattern`.
 * @throws InvalidExpectationError when RE2 cannot compile it.
 */
export function compilePattern(pattern: string, span?: SourceSpan): UserPattern {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    const re = compileUserPattern(pattern);
    if ('error' in re) throw new InvalidExpectationError(`pattern /${pattern}/ is not a valid regular expression: ${re.error}`, span);
    regex = re;
    compiled.set(pattern, regex);
  }
  return regex;
}
