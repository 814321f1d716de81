import { describe, expect, it } from 'vitest';
import { firstDifference, hasJsonType, jsonEqual, jsonTypeOf, preview } from '../../../src/assert/index.js';

describe('firstDifference', () => {
  it('finds no difference between equal documents, whatever their key order', () => {
    expect(firstDifference({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBeUndefined();
    expect(jsonEqual(null, null)).toBe(true);
  });

  it.each([
    ['a changed scalar', { state: 'Disabled' }, { state: 'Active' }, { pointer: '/state', expected: 'Disabled', actual: 'Active' }],
    ['a missing key', { a: 1, b: 2 }, { a: 1 }, { pointer: '/b', expected: 2, actual: undefined }],
    ['an extra key', { a: 1 }, { a: 1, z: 0 }, { pointer: '/z', expected: undefined, actual: 0 }],
    ['a longer array', [1, 2], [1, 2, 3], { pointer: '/2', expected: undefined, actual: 3 }],
    ['a deep difference', { s: { l: [{ k: 'x' }] } }, { s: { l: [{ k: 'y' }] } }, { pointer: '/s/l/0/k', expected: 'x', actual: 'y' }],
    ['a type change', { v: null }, { v: {} }, { pointer: '/v', expected: null, actual: {} }],
    ['an array against an object', [], {}, { pointer: '', expected: [], actual: {} }],
    ['1 against "1"', 1, '1', { pointer: '', expected: 1, actual: '1' }],
    ['a key needing escape', { 'a/b': 1 }, { 'a/b': 2 }, { pointer: '/a~1b', expected: 1, actual: 2 }],
  ])('points at %s', (_, expected, actual, difference) => {
    expect(firstDifference(expected, actual)).toEqual(difference);
  });
});

describe('jsonTypeOf / hasJsonType', () => {
  it.each([
    [3, 'integer'],
    [3.5, 'number'],
    ['3', 'string'],
    [true, 'boolean'],
    [null, 'null'],
    [[], 'array'],
    [{}, 'object'],
  ])('%j is %s', (value, type) => {
    expect(jsonTypeOf(value)).toBe(type);
  });

  it('counts integers as numbers, as JSON Schema does, but not numbers as integers', () => {
    expect(hasJsonType(3, 'number')).toBe(true);
    expect(hasJsonType(JSON.parse('3.0'), 'integer')).toBe(true);
    expect(hasJsonType(3.5, 'integer')).toBe(false);
    expect(hasJsonType(null, 'object')).toBe(false);
    expect(hasJsonType([], 'object')).toBe(false);
  });
});

describe('preview', () => {
  it('leaves small values alone', () => {
    const job = { id: 'x', schedule: { state: 'Disabled' }, tags: [1, 2] };
    expect(preview(job)).toEqual(job);
  });

  it('cuts long strings, long containers and deep nesting', () => {
    expect(preview('x'.repeat(500))).toBe(`${'x'.repeat(200)}… (500 chars)`);
    expect(preview(Array.from({ length: 20 }, (_, i) => i))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, '… 8 more']);
    expect(preview({ a: { b: { c: { d: 1 } } } })).toEqual({ a: { b: { c: '{…}' } } });
  });
});
