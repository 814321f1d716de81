/**
 * JSON from others (a target's answers, a request to the emulator) is parsed only after a linear
 * scan has shown its brackets nest no deeper than a cap: a 16 MB answer nested 8,000,000 levels
 * deep would otherwise exhaust the heap while parsing, or the stack in the code that walks it.
 */

/** Deeper than any Graph payload; shallow enough for recursive code to walk safely. */
export const MAX_JSON_DEPTH = 256;

/** Whether `text`'s arrays and objects nest deeper than `max`, brackets inside strings not counted. One pass, stops early. */
export function nestsDeeperThan(text: string, max: number = MAX_JSON_DEPTH): boolean {
  // Nesting deeper than `max` takes more than `max` opening brackets.
  if (text.length <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** The words a too-deep document is refused with. */
export function tooDeepMessage(max: number = MAX_JSON_DEPTH): string {
  return `the JSON nests deeper than ${max} levels; it was not parsed`;
}

/** The result of {@link parseJson}: the value, or why there is none. */
export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: string; tooDeep: boolean };

/** `JSON.parse`, refusing a document nested deeper than `max` before parsing it. Never throws. */
export function parseJson(text: string, max: number = MAX_JSON_DEPTH): ParsedJson {
  if (nestsDeeperThan(text, max)) return { ok: false, error: tooDeepMessage(max), tooDeep: true };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err), tooDeep: false };
  }
}
