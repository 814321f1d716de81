/**
 * Text hygiene shared by every reporter: response bodies are untrusted and may hold terminal
 * escapes, NULs, lone surrogates or megabytes of data. Everything printed or written goes
 * through {@link visible} and, when it can be long, {@link truncate}.
 */

/**
 * Characters that must not reach a terminal or an XML 1.0 file as they are: C0 controls other
 * than tab and newline (CR too, since a lone CR rewrites the line in a CI log), DEL, C1 controls,
 * bidi overrides (they reorder what a reader sees), U+FFFE/U+FFFF and lone surrogates.
 */
const UNSAFE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Makes text safe to print and to put in XML: CRLF becomes LF and every unsafe character is
 * shown as a `\uXXXX` escape, so the evidence stays readable instead of vanishing.
 */
export function visible(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The result of {@link truncate}: the kept text and how much was cut. */
export interface Truncated {
  text: string;
  /** Characters left out; 0 when the text was kept whole. */
  omittedChars: number;
}

/**
 * Keeps at most `maxChars` characters and `maxLines` lines, never cutting a surrogate pair in two.
 */
export function truncate(text: string, maxChars: number, maxLines: number): Truncated {
  let end = Math.min(text.length, Math.max(0, maxChars));
  let lineEnd = -1;
  for (let i = 0, lines = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10 && ++lines >= maxLines) {
      lineEnd = i;
      break;
    }
  }
  if (lineEnd >= 0) end = lineEnd;
  if (end < text.length && end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return end >= text.length ? { text, omittedChars: 0 } : { text: text.slice(0, end), omittedChars: text.length - end };
}

/** Cuts a one-line value to `max` characters with an ellipsis, for inline display. */
export function clip(text: string, max: number): string {
  const t = truncate(text, max, Number.MAX_SAFE_INTEGER);
  return t.omittedChars > 0 ? `${t.text}…` : t.text;
}

/** `350 ms`, `1.2 s`, `2 min 5 s`: short enough for a progress line. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '? ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** `1 case`, `2 cases`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
