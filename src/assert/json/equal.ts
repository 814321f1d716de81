import { escapeToken } from './pointer.js';

/** Where two JSON values first differ, with the values found there (undefined: missing there). */
export interface Difference {
  /** Pointer relative to the compared values ("" when they differ as a whole). */
  pointer: string;
  expected: unknown;
  actual: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The first place where `actual` differs from `expected` under JSON equality (key order does
 * not matter, array order does), or undefined when they are deeply equal. Objects are walked in
 * the expected value's key order, then the actual value's extra keys; arrays by index.
 */
export function firstDifference(expected: unknown, actual: unknown, at = ''): Difference | undefined {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const length = Math.max(expected.length, actual.length);
    for (let i = 0; i < length; i++) {
      const difference = i < expected.length && i < actual.length
        ? firstDifference(expected[i], actual[i], `${at}/${i}`)
        : { pointer: `${at}/${i}`, expected: expected[i], actual: actual[i] };
      if (difference) return difference;
    }
    return undefined;
  }
  if (isObject(expected) && isObject(actual)) {
    for (const key of Object.keys(expected)) {
      const pointer = `${at}/${escapeToken(key)}`;
      const difference = Object.hasOwn(actual, key)
        ? firstDifference(expected[key], actual[key], pointer)
        : { pointer, expected: expected[key], actual: undefined };
      if (difference) return difference;
    }
    const extra = Object.keys(actual).find((key) => !Object.hasOwn(expected, key));
    return extra === undefined ? undefined : { pointer: `${at}/${escapeToken(extra)}`, expected: undefined, actual: actual[extra] };
  }
  return expected === actual ? undefined : { pointer: at, expected, actual };
}

/** JSON deep equality. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return firstDifference(a, b) === undefined;
}
