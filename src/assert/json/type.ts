import type { JsonType } from '../../model/index.js';

/**
 * The JSON type of a parsed value, the narrowest JSON Schema name: whole numbers are
 * `integer` (as 1.0 is in JSON Schema), other numbers `number`.
 */
export function jsonTypeOf(value: unknown): JsonType | 'undefined' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'object':
      return 'object';
    default:
      return 'undefined';
  }
}

/** True when `value` has JSON type `type`; an integer is also a `number`, as in JSON Schema. */
export function hasJsonType(value: unknown, type: JsonType): boolean {
  const actual = jsonTypeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}
