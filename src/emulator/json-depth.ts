/**
 * Request bodies are parsed only after a linear scan has shown their brackets nest no deeper
 * than a cap: a body nested millions of levels deep would otherwise exhaust the heap while
 * parsing. The engine has the same guard for answers; the emulator keeps its own small copy,
 * since it imports no engine code.
 */

/** Deeper than any Graph payload. */
export const MAX_JSON_DEPTH = 256;

/** Whether `text`'s arrays and objects nest deeper than `max`, brackets inside strings not counted. One pass, stops early. */
export function nestsDeeperThan(text: string, max: number = MAX_JSON_DEPTH): boolean {
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
