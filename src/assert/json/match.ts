import { jsonEqual } from './equal.js';

/**
 * Whether a value matches a pattern: an object pattern matches an object that holds at least its
 * keys, each matching; anything else must be deeply equal. Lets a case say "a job with this id"
 * without restating the whole job, whose other fields the service may change.
 */
export function jsonMatches(pattern: unknown, value: unknown): boolean {
  if (pattern !== null && typeof pattern === 'object' && !Array.isArray(pattern)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const object = value as Record<string, unknown>;
    return Object.entries(pattern).every(([k, p]) => Object.hasOwn(object, k) && jsonMatches(p, object[k]));
  }
  return jsonEqual(pattern, value);
}
