import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OpenAPIV3 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const SPEC_URL = new URL('../../specs/openapi.yaml', import.meta.url);
const spec = parse(readFileSync(SPEC_URL, 'utf8')) as OpenAPIV3.Document;

const SP = '/servicePrincipals/{servicePrincipal-id}/synchronization';
const JOB = `${SP}/jobs/{synchronizationJob-id}`;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

interface Op {
  method: string;
  path: string;
  op: OpenAPIV3.OperationObject;
  pathItem: OpenAPIV3.PathItemObject;
}

const operations: Op[] = Object.entries(spec.paths ?? {}).flatMap(([path, item]) =>
  METHODS.flatMap((method) => {
    const op = item?.[method];
    return op && item ? [{ method: method.toUpperCase(), path, op, pathItem: item }] : [];
  }),
);

/** The success codes each operation's learn.microsoft.com page gives; `2XX` where no page documents it. */
const SUCCESS: Array<[string, string, string]> = [
  ['GET', `${SP}/templates`, '200'],
  ['GET', `${SP}/templates/{synchronizationTemplate-id}/schema`, '200'],
  ['GET', `${SP}/jobs`, '200'],
  ['POST', `${SP}/jobs`, '201'],
  ['GET', JOB, '200'],
  ['PATCH', JOB, '2XX'],
  ['DELETE', JOB, '204'],
  ['POST', `${JOB}/start`, '204'],
  ['POST', `${JOB}/microsoft.graph.start`, '204'],
  ['POST', `${JOB}/pause`, '204'],
  ['POST', `${JOB}/microsoft.graph.pause`, '204'],
  ['POST', `${JOB}/restart`, '204'],
  ['POST', `${JOB}/microsoft.graph.restart`, '204'],
  ['POST', `${JOB}/provisionOnDemand`, '200'],
  ['POST', `${JOB}/microsoft.graph.provisionOnDemand`, '200'],
  ['POST', `${JOB}/validateCredentials`, '204'],
  ['POST', `${JOB}/microsoft.graph.validateCredentials`, '204'],
  ['POST', `${SP}/jobs/validateCredentials`, '2XX'],
  ['POST', `${SP}/jobs/microsoft.graph.validateCredentials`, '2XX'],
  ['GET', `${JOB}/schema`, '200'],
  ['PUT', `${JOB}/schema`, '204'],
  ['PUT', `${SP}/secrets`, '204'],
];

/** Every `$ref` string anywhere under `node`. */
function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => (key === '$ref' && typeof value === 'string' ? [value] : refsIn(value)));
}

/** Follows a local `#/…` reference inside the spec. */
function resolveLocal(ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], spec);
}

function deref<T>(node: T | OpenAPIV3.ReferenceObject): T {
  return ('$ref' in (node as object) ? resolveLocal((node as OpenAPIV3.ReferenceObject).$ref) : node) as T;
}

describe('specs/openapi.yaml', () => {
  it('is an OpenAPI 3.0.x document with paths', () => {
    expect(spec.openapi).toMatch(/^3\.0\.\d+$/);
    expect(operations.length).toBeGreaterThan(0);
  });

  it('points every external $ref at an existing file under schemas/api/', () => {
    const external = [...new Set(refsIn(spec).filter((r) => !r.startsWith('#')))];
    expect(external.length).toBeGreaterThan(0);
    for (const ref of external) {
      expect(ref, ref).toMatch(/^\.\.\/schemas\/api\/[A-Za-z]+\.schema\.json$/);
      expect(existsSync(fileURLToPath(new URL(ref, SPEC_URL))), `${ref} does not exist`).toBe(true);
    }
  });

  it('resolves every local $ref inside the document', () => {
    for (const ref of new Set(refsIn(spec).filter((r) => r.startsWith('#/')))) {
      expect(resolveLocal(ref), ref).toBeDefined();
    }
  });

  it('gives every operation a unique operationId', () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(duplicates).toEqual([]);
  });

  it('describes exactly the operations the suites exercise, each with its documented success code', () => {
    const described = operations.map((o) => `${o.method} ${o.path}`).sort();
    expect(described).toEqual(SUCCESS.map(([m, p]) => `${m} ${p}`).sort());
    for (const [method, path, code] of SUCCESS) {
      const op = operations.find((o) => o.method === method && o.path === path);
      const codes = Object.keys(op?.op.responses ?? {}).filter((c) => c !== 'default');
      expect(codes, `${method} ${path}`).toEqual([code]);
    }
  });

  it('answers errors of every operation with the OData error body', () => {
    const error = deref<OpenAPIV3.ResponseObject>({ $ref: '#/components/responses/error' });
    expect(error.content?.['application/json']?.schema).toEqual({ $ref: '../schemas/api/odataError.schema.json' });
    for (const { method, path, op } of operations) {
      expect(op.responses.default, `${method} ${path}`).toEqual({ $ref: '#/components/responses/error' });
    }
  });

  it('links every operation to its learn.microsoft.com page', () => {
    for (const { method, path, op } of operations) {
      expect(op.externalDocs?.url, `${method} ${path}`).toMatch(/^https:\/\/learn\.microsoft\.com\/graph\/api\/[a-z0-9/-]+\?view=graph-rest-1\.0$/);
    }
  });

  it('declares every path parameter under its official name', () => {
    const official = new Set(['servicePrincipal-id', 'synchronizationJob-id', 'synchronizationTemplate-id']);
    for (const { path, pathItem } of operations) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = (pathItem.parameters ?? []).map((p) => deref<OpenAPIV3.ParameterObject>(p));
      expect(declared.map((p) => p.name).sort(), path).toEqual([...inPath].sort());
      for (const p of declared) {
        expect(official.has(p.name), p.name).toBe(true);
        expect(p).toMatchObject({ in: 'path', required: true });
      }
    }
  });

  it('routes every bound action under both spellings, with the same success code', () => {
    const actions = operations.filter((o) => /\/(start|pause|restart|provisionOnDemand|validateCredentials)$/.test(o.path));
    expect(actions.length).toBeGreaterThanOrEqual(6);
    for (const plain of actions) {
      const qualifiedPath = plain.path.replace(/\/(\w+)$/, '/microsoft.graph.$1');
      const qualified = operations.find((o) => o.method === plain.method && o.path === qualifiedPath);
      expect(qualified, qualifiedPath).toBeDefined();
      expect(Object.keys(qualified?.op.responses ?? {})).toEqual(Object.keys(plain.op.responses));
      expect(qualified?.op.requestBody).toEqual(plain.op.requestBody);
    }
  });

  it('marks the operations no page documents', () => {
    const undocumented = operations.filter((o) => (o.op as Record<string, unknown>)['x-undocumented'] === true).map((o) => `${o.method} ${o.path}`);
    expect(undocumented.sort()).toEqual([`PATCH ${JOB}`, `POST ${SP}/jobs/microsoft.graph.validateCredentials`, `POST ${SP}/jobs/validateCredentials`].sort());
  });

  it('requires templateId to create a job and a value array to save secrets', () => {
    const body = (method: string, path: string) => {
      const op = operations.find((o) => o.method === method && o.path === path)?.op;
      const request = deref<OpenAPIV3.RequestBodyObject>(op?.requestBody ?? { $ref: '#/missing' });
      return deref<OpenAPIV3.SchemaObject>(request.content['application/json']?.schema ?? { $ref: '#/missing' });
    };
    expect(body('POST', `${SP}/jobs`).required).toEqual(['templateId']);
    expect(body('PUT', `${SP}/secrets`).required).toEqual(['value']);
  });

  it('authenticates with a bearer token', () => {
    expect(spec.security).toEqual([{ bearer: [] }]);
    expect(spec.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
