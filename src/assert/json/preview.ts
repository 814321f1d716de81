/**
 * A bounded copy of a value for findings: reports must stay readable when a body is a
 * megabyte of JSON, yet keep the shape a reader needs to see what was wrong.
 */
export interface PreviewLimits {
  /** Longest string kept whole; longer ones end in "…". */
  maxString: number;
  /** Entries kept per object or array. */
  maxEntries: number;
  /** Nesting kept; deeper containers become "{…}" / "[…]". */
  maxDepth: number;
}

/** @default limits for findings */
export const DEFAULT_PREVIEW: PreviewLimits = { maxString: 200, maxEntries: 12, maxDepth: 3 };

/** Truncates strings, long containers and deep nesting; leaves small values untouched. */
export function preview(value: unknown, limits: PreviewLimits = DEFAULT_PREVIEW, depth = 0): unknown {
  if (typeof value === 'string') {
    return value.length > limits.maxString ? `${value.slice(0, limits.maxString)}… (${value.length} chars)` : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (depth >= limits.maxDepth) return value.length === 0 ? [] : '[…]';
    const items = value.slice(0, limits.maxEntries).map((item) => preview(item, limits, depth + 1));
    if (value.length > limits.maxEntries) items.push(`… ${value.length - limits.maxEntries} more`);
    return items;
  }
  const entries = Object.entries(value);
  if (depth >= limits.maxDepth) return entries.length === 0 ? {} : '{…}';
  const copy: Record<string, unknown> = {};
  for (const [key, item] of entries.slice(0, limits.maxEntries)) copy[key] = preview(item, limits, depth + 1);
  if (entries.length > limits.maxEntries) copy['…'] = `${entries.length - limits.maxEntries} more`;
  return copy;
}
