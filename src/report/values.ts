import { redactJson } from '../common/redact.js';
import { clip, visible } from './text.js';

/** How long an expected or actual value may be on one line before it is clipped. */
export const VALUE_CHARS = 300;

/**
 * One expected/actual value as a reader should see it: JSON (so `"201"` and `201` differ),
 * `(absent)` for a pointer that did not resolve, secrets hidden, clipped to one sane line.
 */
export function formatValue(value: unknown, max = VALUE_CHARS): string {
  const safe = redactJson(value);
  if (safe === undefined) return '(absent)';
  let text: string;
  try {
    text = JSON.stringify(safe) ?? String(safe);
  } catch {
    text = String(safe);
  }
  return visible(clip(text, max));
}

/** Pretty-printed, redacted JSON of a value; `undefined` when it has no JSON form. */
export function prettyJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(redactJson(value), null, 2);
  } catch {
    return undefined;
  }
}
