import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchemaLoadError, createSchemaStore } from '../../../src/assert/index.js';
import { ERROR_SCHEMA, JOB_SCHEMA, SCHEMAS, createdJob } from '../helpers.js';

const loaded = () => createSchemaStore([join(SCHEMAS, 'graph'), join(SCHEMAS, 'common')]);
const BROKEN = join(SCHEMAS, 'broken');

describe('createSchemaStore', () => {
  it('accepts the documented create response, $refs by relative path, by $id and outside the dirs included', () => {
    expect(loaded().validator(JOB_SCHEMA)(createdJob())).toEqual([]);
  });

  it('follows each kind of $ref to the file that holds the constraint', () => {
    const job = createdJob();
    job.schedule.state = 'Running'; // ./synchronizationSchedule.schema.json, by relative path
    job.status.code = 'Done'; // https://fixtures…/synchronizationStatus.schema.json, by $id
    job.synchronizationJobSettings = [{ value: 'x' }]; // ../extra/keyValuePair.schema.json, not under the dirs
    const pointers = loaded().validator(JOB_SCHEMA)(job).map((v) => `${v.pointer} ${v.keyword}`);
    expect(pointers).toEqual(['/schedule/state enum', '/status/code enum', '/synchronizationJobSettings/0 required']);
  });

  it('validates against the schema at a fragment', () => {
    const mainError = loaded().validator(`${ERROR_SCHEMA}#/$defs/mainError`);
    expect(mainError({ code: 'BadRequest', message: '' })).toEqual([]);
    expect(mainError({ error: { code: 'BadRequest', message: '' } }).map((v) => v.message)).toEqual([
      "must have required property 'code'",
      "must have required property 'message'",
    ]);
  });

  it('compiles once: the same ref gives the same validator', () => {
    const store = loaded();
    expect(store.validator(JOB_SCHEMA)).toBe(store.validator(JOB_SCHEMA));
    expect(store.validator(`${ERROR_SCHEMA}#/$defs/mainError`)).toBe(store.validator(`${ERROR_SCHEMA}#/$defs/mainError`));
    expect(store.validator(ERROR_SCHEMA)).not.toBe(store.validator(`${ERROR_SCHEMA}#/$defs/mainError`));
  });

  it('reports a violation with where, which keyword, the constraint and the offending value', () => {
    const job = createdJob();
    job.status.countSuccessiveCompleteFailures = '0';
    expect(loaded().validator(JOB_SCHEMA)(job)).toEqual([
      {
        pointer: '/status/countSuccessiveCompleteFailures',
        keyword: 'type',
        message: 'must be integer',
        schemaPath: '#/properties/countSuccessiveCompleteFailures/type',
        params: { type: 'integer' },
        constraint: 'integer',
        value: '0',
      },
    ]);
  });
});

describe('createSchemaStore with a schema it cannot use', () => {
  const store = () => createSchemaStore([BROKEN]);
  const file = (name: string) => join(BROKEN, name);

  it.each([
    ['missing.schema.json', 'schema file not found (check the $ref path)'],
    ['not-json.schema.json', 'not valid JSON: Expected double-quoted property name'],
    ['unknown-keyword.schema.json', 'invalid schema (in this file or one it references): strict mode: unknown keyword: "example"'],
    ['bad-type.schema.json', 'not a valid JSON Schema: schema is invalid'],
    ['draft-07.schema.json', '"$schema": "http://json-schema.org/draft-07/schema#" is not supported; write "https://json-schema.org/draft/2020-12/schema"'],
  ])('%s: throws a SchemaLoadError naming the file and the problem', (name, problem) => {
    const attempt = () => store().validator(file(name));
    expect(attempt).toThrow(SchemaLoadError);
    expect(attempt).toThrow(`${file(name)}: `);
    expect(attempt).toThrow(problem);
  });

  it('names the file and the $ref that resolves nowhere', () => {
    expect(() => store().validator(file('dangling-ref.schema.json'))).toThrow(
      `${file('dangling-ref.schema.json')}: $ref "${new URL('no-such-file.schema.json', `file://${BROKEN}/`).href}" does not resolve: there is no such schema file`,
    );
  });

  it('says why a $ref to a broken file does not resolve', () => {
    expect(() => store().validator(file('refs-broken-file.schema.json'))).toThrow(
      /refs-broken-file\.schema\.json: \$ref ".*not-json\.schema\.json" does not resolve: it points at a schema that failed to load: .*not valid JSON/,
    );
  });

  it('names the pointer that leads nowhere in a fragment', () => {
    expect(() => createSchemaStore([join(SCHEMAS, 'common')]).validator(`${ERROR_SCHEMA}#/$defs/nope`)).toThrow(
      `${ERROR_SCHEMA}: no schema at "#/$defs/nope" (check the pointer after "#")`,
    );
  });

  it('loads the good files of a directory that also holds broken ones, and fails only on use', () => {
    expect(() => createSchemaStore([BROKEN, join(SCHEMAS, 'graph'), join(SCHEMAS, 'common')])).not.toThrow();
  });

  it('refuses a directory that does not exist, and a relative path', () => {
    expect(() => createSchemaStore([join(SCHEMAS, 'nope')])).toThrow(`schema directory not found: ${join(SCHEMAS, 'nope')}`);
    expect(() => store().validator('schemas/api/job.schema.json')).toThrow('schema path must be absolute, got "schemas/api/job.schema.json"');
  });
});

describe('createSchemaStore and $id', () => {
  it('names a $ref by $id that no loaded schema declares', () => {
    const store = createSchemaStore([join(SCHEMAS, 'graph')]);
    expect(() => store.validator(JOB_SCHEMA)).toThrow(
      'synchronizationJob.schema.json: $ref "https://fixtures.graph-sync-conformance.test/synchronizationStatus.schema.json" does not resolve: no loaded schema has that $id',
    );
  });

  it('names both files when two declare the same $id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gsc-assert-'));
    const schema = JSON.stringify({ $id: 'https://fixtures.graph-sync-conformance.test/twice.schema.json', type: 'object' });
    try {
      writeFileSync(join(dir, 'a.schema.json'), schema);
      writeFileSync(join(dir, 'b.schema.json'), schema);
      expect(() => createSchemaStore([dir]).validator(join(dir, 'b.schema.json'))).toThrow(
        `${join(dir, 'b.schema.json')}: $id "https://fixtures.graph-sync-conformance.test/twice.schema.json" is already declared by ${join(dir, 'a.schema.json')}`,
      );
      expect(createSchemaStore([dir]).validator(join(dir, 'a.schema.json'))({})).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
