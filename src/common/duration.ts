/**
 * The one duration grammar, for flags, GSC_* variables, the config file and suites alike:
 * a number and its unit, `500ms`, `30s`, `1.5s`, `2m`, `1h`. The unit is required: a bare `30`
 * could mean 30 ms or 30 s, and guessing wrong is silent.
 */

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The grammar as a JSON Schema / ECMAScript pattern (schemas/*.schema.json hold the same text). */
export const DURATION_PATTERN = '^(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:ms|s|m|h)$';
const DURATION = new RegExp(DURATION_PATTERN);

/** What the units are, for hints. */
export const DURATION_UNITS = 'ms, s, m or h: 500ms, 30s, 2m';

/** A duration in milliseconds, or why the text is not one (a phrase to follow `value: `). */
export type DurationParse = { ms: number } | { problem: string };

/**
 * Parses a duration to whole milliseconds. A bare number is refused with the unit it lacks
 * (`30` -> "add a unit, e.g. 30s or 30ms"); so is a YAML number.
 */
export function parseDuration(value: unknown): DurationParse {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined) return { problem: `a duration is text with a unit (${DURATION_UNITS})` };
  if (/^[0-9]+(?:\.[0-9]+)?$/.test(text)) return { problem: `add a unit, e.g. ${text}s or ${text}ms` };
  const m = /^([0-9.]+)([a-z]+)$/.exec(text);
  if (!DURATION.test(text) || m === null) return { problem: `not a duration: write a number and its unit (${DURATION_UNITS})` };
  return { ms: Math.round(Number(m[1]) * (UNITS[m[2]!] ?? 1)) };
}

/** Milliseconds, or undefined when `value` is not a duration of at least `min` ms. */
export function durationMs(value: unknown, min = 0): number | undefined {
  const parsed = parseDuration(value);
  return 'ms' in parsed && parsed.ms >= min ? parsed.ms : undefined;
}
