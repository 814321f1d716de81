import { createRequire } from 'node:module';

/**
 * Regular expressions written by users (`--grep`, a suite's `pattern:`) run on RE2, whose
 * matching time is linear in the input: a pattern such as `^(a+)+$` cannot pin the CPU, whatever
 * the answer it meets. RE2 has no lookaround and no backreferences; {@link patternHint} says how to
 * do without them.
 */

/** RE2 compiled to WebAssembly; loaded on first use, so commands without patterns do not pay for it. */
interface Re2Instance {
  test(input: string): boolean;
}
type Re2Class = new (pattern: string, flags?: string) => Re2Instance;
let re2: Re2Class | undefined;
function engine(): Re2Class {
  re2 ??= (createRequire(import.meta.url)('@adguard/re2-wasm') as { RE2: Re2Class }).RE2;
  return re2;
}

/**
 * The longest input a pattern is matched against, in UTF-16 code units. RE2's WebAssembly heap
 * is fixed (16 MiB), so a longer input could not be matched at all; a value this long is never a
 * legitimate id, date or header.
 */
export const MAX_PATTERN_INPUT = 1024 * 1024;

/** A compiled user pattern. */
export interface UserPattern {
  /** The pattern as written. */
  readonly source: string;
  /** Whether `input` matches; `'too-long'` for an input over {@link MAX_PATTERN_INPUT}, never matched. */
  test(input: string): boolean | 'too-long';
}

/**
 * Compiles `pattern` with RE2 (`flags`: `i` for case-insensitive). Returns the pattern, or the
 * reason it does not compile (RE2's words, e.g. `invalid perl operator: (?=`).
 */
export function compileUserPattern(pattern: string, flags: '' | 'i' = ''): UserPattern | { error: string } {
  let re: Re2Instance;
  try {
    re = new (engine())(pattern, `${flags}u`);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // "Invalid regular expression: /…/u: reason": keep the reason only, the pattern is shown by the caller.
    const tail = `/${flags}u: `;
    const cut = message.lastIndexOf(tail);
    return { error: cut >= 0 ? message.slice(cut + tail.length) : message };
  }
  return {
    source: pattern,
    test: (input) => (input.length > MAX_PATTERN_INPUT ? 'too-long' : re.test(input)),
  };
}

/** How to fix a pattern RE2 refuses, chosen by what it contains. */
export function patternHint(pattern: string): string {
  if (/\(\?<?[=!]/.test(pattern)) return 'patterns use RE2 syntax, which runs in linear time and has no lookahead or lookbehind: spell the alternatives out, e.g. `(?=\\d)(\\d+H)?(\\d+M)?` becomes `(\\d+H(\\d+M)?|\\d+M)`';
  if (/\\[1-9]|\\k</.test(pattern)) return 'patterns use RE2 syntax, which has no backreferences: match the repeated part explicitly';
  if (/\{\d{4,}/.test(pattern)) return 'RE2 allows repetition counts up to 1000: use + or * instead';
  return 'patterns use RE2 syntax (like JavaScript without lookaround or backreferences); escape ( ) [ ] { } * + ? . \\ with a backslash to match them literally';
}
