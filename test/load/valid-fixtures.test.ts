import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Case, Step, Suite } from '../../src/model/index.js';
import { FIXTURES, lint } from './helpers.js';

const VALID = join(FIXTURES, 'valid');
const LIST = 'test/fixtures/suites/valid/list.yaml';
const CREATE = 'test/fixtures/suites/valid/create.yaml';

/** A span in `file` from line:col to endLine:endCol (end exclusive). */
const at = (file: string, line: number, col: number, endLine: number, endCol: number) => ({ file, line, col, endLine, endCol });

describe('loading the valid fixtures', () => {
  it('reports nothing and keeps the sources for formatting', async () => {
    const result = await lint(VALID);
    expect(result.diagnostics).toEqual([]);
    expect(result.suites.map((s) => s.id)).toEqual(['synchronization-jobs/create', 'synchronization-jobs/list']);
    expect([...result.sources.keys()]).toEqual([CREATE, LIST]);
  });

  it('builds the list suite exactly, every node with the span of its YAML', async () => {
    const { suites } = await lint(join(VALID, 'list.yaml'));
    const expected: Suite = {
      file: LIST,
      id: 'synchronization-jobs/list',
      title: 'List synchronizationJobs',
      cases: [
        {
          id: 'list/answers-200',
          title: 'Listing jobs answers 200 with a value array',
          level: 'MAY',
          tags: [],
          doc: 'https://learn.microsoft.com/graph/api/synchronization-synchronization-list-jobs?view=graph-rest-1.0',
          optional: false,
          writes: false,
          steps: [
            {
              name: 'list',
              request: {
                method: 'GET',
                path: '/servicePrincipals/{{servicePrincipalId}}/synchronization/jobs',
                headers: {},
                auth: 'run',
                operation: 'GET /servicePrincipals/{servicePrincipal-id}/synchronization/jobs',
                span: at(LIST, 11, 9, 11, 105),
              },
              expect: {
                status: { anyOf: [200], span: at(LIST, 13, 11, 13, 22) },
                headers: [],
                schemas: [],
                values: [
                  { pointer: '/value', type: 'array', span: at(LIST, 15, 23, 15, 34) },
                  { pointer: '/value', contains: { templateId: 'gsc-{{runId}}' }, negated: true, span: at(LIST, 15, 36, 15, 77) },
                  { pointer: '/@odata.context', present: true, span: at(LIST, 16, 32, 16, 45) },
                  { pointer: '/@odata.context', equals: '', negated: true, span: at(LIST, 16, 47, 16, 60) },
                ],
              },
              captures: [],
              span: at(LIST, 10, 9, 16, 62),
            },
          ],
          cleanup: [],
          span: at(LIST, 6, 5, 16, 62),
        },
      ],
    };
    expect(suites).toEqual([expected]);
  });

  describe('the create suite', () => {
    let happy: Case | undefined;
    let malformed: Case | undefined;
    let create: Step | undefined;
    let readBack: Step | undefined;
    beforeAll(async () => {
      const { suites } = await lint(join(VALID, 'create.yaml'));
      [happy, malformed] = suites[0]?.cases ?? [];
      [create, readBack] = happy?.steps ?? [];
    });

    it('applies the defaults: doc from the suite, optional false, auth run', () => {
      expect(happy?.doc).toBe('https://learn.microsoft.com/graph/api/synchronization-synchronization-post-jobs?view=graph-rest-1.0');
      expect(malformed?.doc).toBe('https://learn.microsoft.com/graph/errors');
      expect([happy?.optional, malformed?.optional]).toEqual([false, true]);
      expect(create?.request.auth).toBe('run');
      expect(malformed?.steps[0]?.request.auth).toBe('none');
      expect(happy?.rationale).toMatch(/^The page's prose says 201/);
    });

    it('marks a case that sends anything but GET as writing', () => {
      expect([happy?.writes, malformed?.writes]).toEqual([true, true]);
    });

    it('keeps bodies as written: JSON values with templates, raw text', () => {
      expect(create?.request.json).toEqual({ templateId: '{{templateId}}', tags: ['{{ runId }}', 1, null] });
      expect(malformed?.steps[0]?.request.raw).toBe('{"templateId": ');
      expect(malformed?.steps[0]?.request.json).toBeUndefined();
    });

    it('lower-cases expected header names but keeps request headers as written', () => {
      expect(create?.request.headers).toEqual({ Accept: 'application/json' });
      expect(create?.expect.headers).toEqual([
        { name: 'content-type', pattern: '^application/json', span: at(CREATE, 22, 13, 22, 59) },
        { name: 'request-id', present: true, span: at(CREATE, 23, 13, 23, 42) },
        { name: 'odata-version', equals: '4.0', span: at(CREATE, 24, 13, 24, 33) },
      ]);
    });

    it('splits a pointer with several predicates into one expectation each', () => {
      expect(create?.expect.values.map((v) => [v.pointer, Object.keys(v).filter((k) => k !== 'pointer' && k !== 'span')[0]])).toEqual([
        ['/id', 'type'],
        ['/id', 'nonEmpty'],
        ['/templateId', 'equals'],
        ['/status/lastExecution', 'equals'],
      ]);
      expect(create?.expect.values[3]).toEqual({ pointer: '/status/lastExecution', equals: null, span: at(CREATE, 30, 38, 30, 50) });
    });

    it('resolves schema $refs to absolute paths, keeping what was written', () => {
      const schemas = join(FIXTURES, 'schemas/job.schema.json');
      expect(create?.expect.schemas).toEqual([{ ref: schemas, written: '../schemas/job.schema.json', pointer: '', span: at(CREATE, 25, 11, 26, 45) }]);
      expect(readBack?.expect.schemas.map((s) => [s.ref, s.pointer])).toEqual([
        [`${schemas}#/$defs/status`, '/status'],
        [`${schemas}#status`, '/status'],
      ]);
    });

    it('reads statuses as codes and classes', () => {
      expect(create?.expect.status?.anyOf).toEqual([201]);
      expect(readBack?.expect.status?.anyOf).toEqual([200, '2xx']);
      expect(malformed?.steps[0]?.expect.status?.anyOf).toEqual(['4xx']);
      expect(malformed?.steps[0]?.expect.emptyBody).toEqual({ span: at(CREATE, 65, 11, 65, 26) });
    });

    it('reads captures from the body and from lower-cased headers', () => {
      expect(create?.captures).toEqual([
        { name: 'jobId', pointer: '/id', span: at(CREATE, 32, 11, 32, 21) },
        { name: 'requestId', header: 'request-id', span: at(CREATE, 33, 11, 33, 44) },
      ]);
    });

    it('turns durations into milliseconds, with a 1s default interval', () => {
      expect(readBack?.eventually).toEqual({ timeoutMs: 30_000, intervalMs: 500, span: at(CREATE, 44, 9, 44, 54) });
      expect(malformed?.steps[0]?.eventually).toMatchObject({ timeoutMs: 120_000, intervalMs: 1000 });
    });

    it('keeps cleanup steps apart, with an expectation that may be partial', () => {
      expect(happy?.cleanup.map((s) => [s.name, s.request.method, s.expect.status?.anyOf])).toEqual([['delete-job', 'DELETE', [204, 404]]]);
    });
  });
});
