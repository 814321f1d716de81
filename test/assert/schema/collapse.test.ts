import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSchemaStore } from '../../../src/assert/index.js';
import { COMBINATORS_SCHEMA, SCHEMAS } from '../helpers.js';

const validate = createSchemaStore([join(SCHEMAS, 'combinators')]).validator(COMBINATORS_SCHEMA);
const explain = (value: unknown) => validate(value).map((v) => `${v.pointer} ${v.message}`);

describe('oneOf/anyOf cascades collapse to the violation that explains them', () => {
  it.each([
    ['null or a pair', { nullableRef: null, oneOfRef: null, enumOrNull: null, nested: null }],
    ['a pair', { nullableRef: { key: 'k', value: 1 }, oneOfRef: { key: 'k' }, nested: [null, { key: 'k' }] }],
    ['one enum member', { enumOrNull: 'A' }],
    ['an object with the second shape', { twoObjects: { x: 1 } }],
  ])('accepts %s', (_, value) => {
    expect(validate(value)).toEqual([]);
  });

  it('reports the errors inside the branch whose type fits, not "must be null" nor "must match a schema in anyOf"', () => {
    expect(explain({ nullableRef: { key: 1, value: 'x' } })).toEqual(['/nullableRef/key must be string', '/nullableRef/value must be integer']);
    expect(explain({ oneOfRef: {} })).toEqual(["/oneOfRef must have required property 'key'"]);
  });

  it('reports one type violation when no branch fits the type', () => {
    const [violation, ...rest] = validate({ nullableRef: 'x' });
    expect(rest).toEqual([]);
    expect(violation).toMatchObject({ pointer: '/nullableRef', keyword: 'type', message: 'must be object or null', constraint: ['object', 'null'], value: 'x' });
  });

  it('reports the enum of an enum-or-null, not the null branch', () => {
    expect(validate({ enumOrNull: 'C' })).toMatchObject([{ pointer: '/enumOrNull', keyword: 'enum', constraint: ['A', 'B'], value: 'C' }]);
  });

  it('reports "exactly one" when a value matches several oneOf branches', () => {
    expect(explain({ either: 'long enough' })).toEqual(['/either must match exactly one schema in oneOf']);
  });

  it('reports the closest branch when several fit the type', () => {
    expect(explain({ twoObjects: { a: 1 } })).toEqual(["/twoObjects must have required property 'x'"]);
  });

  it('collapses nested combinators level by level', () => {
    expect(explain({ nested: [null, { key: 2 }, 'x'] })).toEqual(['/nested/1/key must be string', '/nested/2 must be object or null']);
    expect(explain({ nested: 'x' })).toEqual(['/nested must be array or null']);
  });

  it('keeps the errors of sibling properties in order around a collapsed combinator', () => {
    expect(explain({ enumOrNull: 1, nullableRef: 'x', nested: 'x' })).toEqual([
      '/nullableRef must be object or null',
      '/enumOrNull must be equal to one of the allowed values',
      '/nested must be array or null',
    ]);
  });

  it('reports the then-branch of an if, without the "must match then schema" echo', () => {
    expect(explain({ conditional: { kind: 'n' } })).toEqual(["/conditional must have required property 'n'"]);
    expect(validate({ conditional: { kind: 'other' } })).toEqual([]);
  });

  it('names the extra property when a schema closes an object (and only then)', () => {
    expect(validate({ closed: { a: 1, '@odata.type': '#x' } })).toMatchObject([
      { pointer: '/closed', keyword: 'additionalProperties', message: "must NOT have additional property '@odata.type'", constraint: false },
    ]);
    expect(validate({ nullableRef: { key: 'k', '@odata.type': '#x' }, '@odata.context': 'x' })).toEqual([]);
  });
});
