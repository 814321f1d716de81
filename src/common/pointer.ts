/**
 * RFC 6901 JSON pointers: "" is the whole document, "/a/0" walks a key then an index,
 * "~1" stands for "/" and "~0" for "~".
 */

/** Where a pointer led: the value when it resolves, nothing when it does not. */
export type Resolution = { found: true; value: unknown } | { found: false };

const NOT_FOUND: Resolution = { found: false };
/** RFC 6901 array indexes: no sign, no leading zero. */
const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

/**
 * Why a string is not a JSON pointer, or undefined when it is one.
 * `""` (the whole document) and `/a/b~1c` are pointers; `id`, `/a~2` are not.
 */
export function pointerProblem(pointer: string): string | undefined {
  if (pointer === '') return undefined;
  if (!pointer.startsWith('/')) return 'a JSON pointer starts with `/`';
  if (/~(?![01])/.test(pointer)) return '`~` must be written `~0`, and `/` inside a name `~1`';
  return undefined;
}

/** A pointer's unescaped reference tokens; undefined when the text is not a pointer. */
export function pointerTokens(pointer: string): string[] | undefined {
  if (pointerProblem(pointer) !== undefined) return undefined;
  if (pointer === '') return [];
  // ~1 first would turn "~01" into "/" instead of "~1".
  return pointer.slice(1).split('/').map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Escapes one reference token ("a/b" -> "a~1b"). */
export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a pointer from unescaped tokens. */
export function formatPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => '/' + escapeToken(String(t))).join('');
}

/**
 * Resolves unescaped tokens in a parsed JSON document. "-" (the index after the last element)
 * and inherited properties such as "constructor" never resolve.
 */
export function resolveTokens(document: unknown, tokens: readonly string[]): Resolution {
  let current = document;
  for (const token of tokens) {
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

/** Resolves a pointer in a parsed JSON document; a text that is no pointer finds nothing. */
export function resolvePointer(document: unknown, pointer: string): Resolution {
  const tokens = pointerTokens(pointer);
  return tokens === undefined ? NOT_FOUND : resolveTokens(document, tokens);
}
