/**
 * RFC 6901 JSON pointers: "" is the whole document, "/a/0" walks a key then an index,
 * "~1" stands for "/" and "~0" for "~".
 */
import { InvalidExpectationError } from '../errors.js';

/** Where a pointer led: the value when it resolves, nothing when it does not. */
export type Resolution = { found: true; value: unknown } | { found: false };

const NOT_FOUND: Resolution = { found: false };
/** RFC 6901 array indexes: no sign, no leading zero. */
const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

/**
 * Splits a pointer into unescaped reference tokens.
 * @throws InvalidExpectationError when the text is not a JSON pointer.
 */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new InvalidExpectationError(`"${pointer}" is not a JSON pointer: it must be "" or start with "/"`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map((token) => {
      if (/~(?![01])/.test(token)) {
        throw new InvalidExpectationError(`"${pointer}" is not a JSON pointer: "~" must be followed by 0 or 1`);
      }
      // ~1 first would turn "~01" into "/" instead of "~1".
      return token.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

/** Escapes one reference token ("a/b" -> "a~1b"). */
export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a pointer from unescaped tokens. */
export function formatPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => '/' + escapeToken(String(t))).join('');
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
  let current = document;
  for (const token of parsePointer(pointer)) {
    if (Array.isArray(current)) {
      if (!ARRAY_INDEX.test(token)) return NOT_FOUND;
      const index = Number(token);
      if (index >= current.length) return NOT_FOUND;
      current = current[index];
    } else if (current !== null && typeof current === 'object') {
      if (!Object.hasOwn(current, token)) return NOT_FOUND;
      current = (current as Record<string, unknown>)[token];
    } else {
      return NOT_FOUND;
    }
  }
  return { found: true, value: current };
}
