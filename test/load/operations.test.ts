import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closestOperations, findOperation, loadOperations, pathMatches, type Operation } from '../../src/load/index.js';
import { tempDir } from '../fixtures/temp.js';
import { FIXTURES } from './helpers.js';

const JOBS = '/servicePrincipals/{servicePrincipal-id}/synchronization/jobs';
const JOB = `${JOBS}/{synchronizationJob-id}`;

describe('reading the OpenAPI documents in specs/', () => {
  it('lists every operation with its method, path, id and file', async () => {
    const { operations, diagnostics } = await loadOperations(join(FIXTURES, 'specs'));
    expect(diagnostics).toEqual([]);
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual([`GET ${JOBS}`, `POST ${JOBS}`, `GET ${JOB}`, `PATCH ${JOB}`, `DELETE ${JOB}`, `POST ${JOB}/start`]);
    expect(operations[1]).toMatchObject({ method: 'POST', path: JOBS, operationId: 'servicePrincipals.synchronization.CreateJobs', file: 'test/fixtures/suites/specs/openapi.yaml', creates: true });
  });

  it('knows an operation creates a resource when it answers 201, and no other', async () => {
    const { operations } = await loadOperations(join(FIXTURES, 'specs'));
    expect(operations.filter((o) => o.creates).map((o) => `${o.method} ${o.path}`)).toEqual([`POST ${JOBS}`]);
  });

  it('reports a missing folder instead of throwing', async () => {
    const { operations, diagnostics } = await loadOperations(join(FIXTURES, 'no-such-specs'));
    expect(operations).toEqual([]);
    expect(diagnostics).toMatchObject([{ code: 'missing-specs', severity: 'error' }]);
    expect(diagnostics[0]?.message).toContain('no such file or folder');
  });

  it('reports documents that are not OpenAPI 3 or not YAML, and keeps the good ones', async () => {
    const dir = tempDir('gsc-specs-');
    writeFileSync(join(dir, 'a-swagger.json'), JSON.stringify({ swagger: '2.0', paths: {} }));
    writeFileSync(join(dir, 'b-broken.yaml'), 'openapi: 3.0.1\npaths: [\n');
    writeFileSync(join(dir, 'c-good.yml'), `openapi: 3.1.0\npaths:\n  /things:\n    get: { operationId: list }\n    parameters: []\n`);
    writeFileSync(join(dir, 'notes.txt'), 'not a spec');
    const { operations, diagnostics } = await loadOperations(dir);
    expect(diagnostics.map((d) => d.code)).toEqual(['invalid-spec', 'yaml-syntax']);
    expect(diagnostics[0]?.hint).toContain('Swagger 2.0');
    expect(operations.map((o) => [o.method, o.path, o.operationId])).toEqual([['GET', '/things', 'list']]);
  });
});

describe('matching a request path to an operation', () => {
  it('lets a {param} stand for one segment, and a {{variable}} fill only a {param}', () => {
    expect(pathMatches('/servicePrincipals/{{servicePrincipalId}}/synchronization/jobs', JOBS)).toBe(true);
    expect(pathMatches('/servicePrincipals/abc/synchronization/jobs/{{jobId}}', JOB)).toBe(true);
    expect(pathMatches('/servicePrincipals/{{sp}}/synchronization/{{what}}', JOBS)).toBe(false);
    expect(pathMatches('/servicePrincipals/{{sp}}/synchronization/jobs/x/y', JOB)).toBe(false);
    expect(pathMatches('/servicePrincipals//synchronization/jobs', JOBS)).toBe(false);
  });

  it('ignores a trailing slash and the query string', () => {
    expect(pathMatches('/servicePrincipals/{{sp}}/synchronization/jobs/', JOBS)).toBe(true);
    expect(pathMatches('/servicePrincipals/{{sp}}/synchronization/jobs?$select=id', JOBS)).toBe(true);
  });

  it('compares literal segments exactly', () => {
    expect(pathMatches('/servicePrincipals/{{sp}}/synchronization/Jobs', JOBS)).toBe(false);
  });

  const ops: Operation[] = [
    { method: 'GET', path: JOBS, file: 'x', creates: false },
    { method: 'POST', path: JOBS, file: 'x', creates: true },
    { method: 'GET', path: JOB, file: 'x', creates: false },
    { method: 'POST', path: `${JOB}/start`, file: 'x', creates: false },
  ];

  it('finds the operation by method and path', () => {
    expect(findOperation(ops, 'POST', '/servicePrincipals/{{sp}}/synchronization/jobs')).toBe(ops[1]);
    expect(findOperation(ops, 'DELETE', '/servicePrincipals/{{sp}}/synchronization/jobs')).toBeUndefined();
  });

  it('ranks the closest operations for a typo: same shape first', () => {
    const closest = closestOperations(ops, 'POST', '/servicePrincipals/{{sp}}/synchronization/jobs/{{id}}/strat', 2);
    expect(closest.map((o) => o.path)).toEqual([`${JOB}/start`, JOB]);
  });
});
