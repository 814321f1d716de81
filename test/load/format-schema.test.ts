import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileFormatSchema, type FormatSchema } from '../../src/load/format-schema.js';
import { FORMAT_SCHEMA } from './helpers.js';

type Schema = Record<string, unknown>;
const root = JSON.parse(readFileSync(FORMAT_SCHEMA, 'utf8')) as Schema;
const defs = root.$defs as Record<string, Schema>;

/** Every subschema with the path to it. */
function* walk(schema: unknown, path: string): Generator<[string, Schema]> {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return;
  const s = schema as Schema;
  yield [path, s];
  for (const key of ['properties', '$defs'] as const) for (const [k, v] of Object.entries((s[key] ?? {}) as Schema)) yield* walk(v, `${path}/${key}/${k}`);
  for (const key of ['items', 'additionalProperties', 'propertyNames'] as const) yield* walk(s[key], `${path}/${key}`);
  for (const key of ['oneOf', 'anyOf'] as const) for (const [i, v] of ((s[key] ?? []) as unknown[]).entries()) yield* walk(v, `${path}/${key}/${i}`);
}

describe('suite.schema.json, the format of suite files', () => {
  it('is a draft 2020-12 schema with an $id', () => {
    expect(root.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(root.$id).toMatch(/suite\.schema\.json$/);
  });

  it('gives every property a title and a description, for editor help', () => {
    for (const [path, s] of walk(root, '#')) {
      if (!/\/properties\/[^/]+$/.test(path)) continue;
      expect(typeof s.title, `${path} title`).toBe('string');
      expect(typeof s.description, `${path} description`).toBe('string');
    }
  });

  it('closes every object, so an unknown key is an error', () => {
    for (const [path, s] of walk(root, '#')) {
      if (s.type === 'object' && s.properties !== undefined) expect(s.additionalProperties, path).toBe(false);
    }
  });

  it('keeps the union convention the loader relies on: oneOf alone, every branch a $ref', () => {
    for (const [path, s] of walk(root, '#')) {
      if (s.oneOf === undefined && s.anyOf === undefined) continue;
      // Keywords starting with $ at the root ($schema, $id, $comment, $defs) validate nothing.
      const validating = Object.keys(s).filter((k) => !['oneOf', 'title', 'description'].includes(k) && !(path === '#' && k.startsWith('$')));
      expect(validating, path).toEqual([]);
      for (const branch of s.oneOf as Schema[]) expect(Object.keys(branch), path).toEqual(['$ref']);
    }
    expect(Object.keys(defs).length).toBeGreaterThan(10);
  });

  it('compiles, and reports a broken schema file as a diagnostic', async () => {
    expect((await compileFormatSchema(FORMAT_SCHEMA)).schema).toBeDefined();
    const missing = await compileFormatSchema('/nonexistent/suite.schema.json');
    expect(missing.schema).toBeUndefined();
    expect(missing.diagnostics).toMatchObject([{ code: 'unreadable-file', severity: 'error' }]);
  });
});

describe('validating against it, one error per problem', () => {
  let schema: FormatSchema | undefined;
  beforeAll(async () => {
    schema = (await compileFormatSchema(FORMAT_SCHEMA)).schema;
  });
  const suite = (step: unknown) => ({
    suite: 'a/b',
    title: 'T',
    doc: 'https://example.com/doc',
    cases: [{ id: 'a/c', title: 'T', level: 'MUST', steps: [{ name: 's', request: { method: 'GET', path: '/x' }, ...(step as object) }] }],
  });

  it('accepts a minimal suite', () => {
    expect(schema?.validate(suite({}))).toEqual([]);
  });

  it('collapses a union to the branch the value fits: a string status speaks as a class', () => {
    const errors = schema?.validate(suite({ expect: { status: '4XX' } })) ?? [];
    expect(errors.map((e) => [e.keyword, e.instancePath])).toEqual([['enum', '/cases/0/steps/0/expect/status']]);
  });

  it('collapses a union no branch fits into one type error naming the forms', () => {
    const errors = schema?.validate(suite({ expect: { status: true } })) ?? [];
    expect(errors).toHaveLength(1);
    expect(errors[0]?.params).toMatchObject({ expected: ['a status code', 'a status class', 'a list of statuses'] });
  });

  it('reaches into nested unions: an item of a status list', () => {
    const errors = schema?.validate(suite({ expect: { status: [200, 'teapot', 999] } })) ?? [];
    expect(errors.map((e) => [e.keyword, e.instancePath])).toEqual([
      ['enum', '/cases/0/steps/0/expect/status/1'],
      ['maximum', '/cases/0/steps/0/expect/status/2'],
    ]);
  });

  it('leaves malformed pointers and durations to the checks that explain them', () => {
    expect(schema?.validate(suite({ capture: { id: 'id' }, eventually: { timeout: 'soon' }, expect: { status: 200, json: { id: { type: 'string' } } } }))).toEqual([]);
  });
});
