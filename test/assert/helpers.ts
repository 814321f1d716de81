import { createExample } from '../fixtures/graph/examples.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Exchange, Expectation, SourceSpan } from '../../src/model/index.js';

/** The fixture schemas of these tests (never the real ones under schemas/api, which change). */
export const SCHEMAS = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'schemas');
export const JOB_SCHEMA = join(SCHEMAS, 'graph', 'synchronizationJob.schema.json');
export const ERROR_SCHEMA = join(SCHEMAS, 'common', 'odataError.schema.json');
export const COMBINATORS_SCHEMA = join(SCHEMAS, 'combinators', 'combinators.schema.json');

/** A span on line `line` of the suite file the expectations come from. */
export function at(line: number, col = 7): SourceSpan {
  return { file: 'suites/synchronization-jobs/create.yaml', line, col };
}

/** An expectation with nothing in it but what a test gives. */
export function expecting(parts: Partial<Expectation>): Expectation {
  return { headers: [], schemas: [], values: [], ...parts };
}

interface ResponseInit {
  status?: number;
  headers?: Record<string, string>;
  /** A body as text; parsed as JSON when it parses, as the executor records it. */
  body?: string;
  /** A JSON body, serialized. */
  json?: unknown;
}

/** A recorded exchange for a response, parsed the way the executor parses it. */
export function exchangeOf(init: ResponseInit = {}): Exchange {
  const body = init.json !== undefined ? JSON.stringify(init.json) : (init.body ?? '');
  const response: Exchange['response'] = { status: init.status ?? 200, headers: init.headers ?? {}, body };
  if (body !== '') {
    try {
      response.json = JSON.parse(body);
    } catch (error) {
      response.jsonError = (error as Error).message;
    }
  }
  return {
    request: { method: 'GET', url: 'http://127.0.0.1:1/v1.0/servicePrincipals/sp/synchronization/jobs', headers: { authorization: 'Bearer [REDACTED]' } },
    response,
    durationMs: 12,
  };
}

/** The job the documentation's create example answers, as the real service sends it (201, @odata.context). */
export function createdJob(): Record<string, any> {
  return {
    '@odata.context': "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals('sp')/synchronization/jobs/$entity",
    ...createExample(),
    id: 'BoxOutDelta.e4bbad1a9d2a4d0c9c1c5cc5c1ab4e35.1b1b7a9b-1bd3-4d8a-9e14-3c3e5b0b9d8f',
  };
}


/** Headers as Graph sends them on a create. */
export const GRAPH_HEADERS: Record<string, string> = {
  'content-type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
  'request-id': 'f45d08c0-6901-473a-90f5-7867287de97f',
  'client-request-id': 'f45d08c0-6901-473a-90f5-7867287de97f',
  'odata-version': '4.0',
  'strict-transport-security': 'max-age=31536000',
};

/** The create exchange: 201 and the documented job. */
export function createExchange(job: unknown = createdJob()): Exchange {
  const exchange = exchangeOf({ status: 201, headers: GRAPH_HEADERS, json: job });
  exchange.request = { ...exchange.request, method: 'POST', body: '{"templateId":"BoxOutDelta"}' };
  return exchange;
}
