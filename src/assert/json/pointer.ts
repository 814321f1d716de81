/**
 * JSON pointers for expectations: the grammar is the shared one (src/common/pointer.ts); here a
 * malformed pointer is a mistake in the expectation, raised as {@link InvalidExpectationError}.
 */
import { pointerProblem, pointerTokens, resolveTokens, type Resolution } from '../../common/pointer.js';
import { InvalidExpectationError } from '../errors.js';

export { escapeToken, formatPointer, type Resolution } from '../../common/pointer.js';

/**
 * Splits a pointer into unescaped reference tokens.
 * @throws InvalidExpectationError when the text is not a JSON pointer.
 */
export function parsePointer(pointer: string): string[] {
  const tokens = pointerTokens(pointer);
  if (tokens === undefined) throw new InvalidExpectationError(`"${pointer}" is not a JSON pointer: ${pointerProblem(pointer) ?? 'it must be "" or start with "/"'}`);
  return tokens;
}

/** Appends a pointer relative to `base` ("" is `base` itself): ("/a", "/b/0") -> "/a/b/0". */
export function joinPointer(base: string, relative: string): string {
  return base + relative;
}

/**
 * Resolves a pointer in a parsed JSON document. "-" (the index after the last element) and
 * inherited properties such as "constructor" never resolve.
 * @throws InvalidExpectationError when the text is not a JSON pointer.
 */
export function resolvePointer(document: unknown, pointer: string): Resolution {
  return resolveTokens(document, parsePointer(pointer));
}
