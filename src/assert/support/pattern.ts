import type { SourceSpan } from '../../model/index.js';
import { InvalidExpectationError } from '../errors.js';

// Patterns repeat across every case of a run; compile each once. No flags, so `test` keeps no
// state between calls and a pattern means what JavaScript's `new RegExp(p)` makes of it, which
// is what the loader checked.
const compiled = new Map<string, RegExp>();

/**
 * The compiled regular expression for `pattern`.
 * @throws InvalidExpectationError when it does not compile.
 */
export function compilePattern(pattern: string, span?: SourceSpan): RegExp {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(pattern);
    } catch (error) {
      throw new InvalidExpectationError(
        `pattern /${pattern}/ is not a valid regular expression: ${(error as Error).message}`,
        span,
      );
    }
    compiled.set(pattern, regex);
  }
  return regex;
}
