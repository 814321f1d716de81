import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../src/model/index.js';
import { routeIsMissing } from '../../src/execute/route-missing.js';

const JOB = 'https://emulator.test/v1.0/servicePrincipals/sp-1/synchronization/jobs/BoxOutDelta.abc';

function answer(status: number, body: unknown, url = JOB): Exchange {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const response: Exchange['response'] = { status, headers: {}, body: text };
  try {
    response.json = JSON.parse(text);
  } catch {
    // a plain-text body stays text
  }
  return { request: { method: 'GET', url, headers: {} }, response, durationMs: 1 };
}

describe('an answer that shows a route does not exist ends an eventually step at once', () => {
  it('a 404 from a server that has no such route (no Graph error body) is a missing route', () => {
    expect(routeIsMissing(answer(404, 'Cannot GET /v1.0/servicePrincipals/sp-1/synchronization/jobs/BoxOutDelta.abc'))).toBe(true);
  });

  it('a 404 Graph error that names no job is a missing route', () => {
    expect(routeIsMissing(answer(404, { error: { code: 'Request_ResourceNotFound', message: "Resource not found for the segment 'start'." } }))).toBe(true);
  });

  it('a 405 is a missing route: a method never becomes allowed by waiting', () => {
    expect(routeIsMissing(answer(405, { error: { code: 'MethodNotAllowed', message: 'The HTTP method is not allowed.' } }))).toBe(true);
  });

  it('a 404 Graph error naming the job is eventual consistency, worth polling again', () => {
    expect(routeIsMissing(answer(404, { error: { code: 'NotFound', message: "The synchronization job 'BoxOutDelta.abc' does not exist." } }))).toBe(false);
  });

  it('any other answer is not about the route', () => {
    expect(routeIsMissing(answer(200, { id: 'BoxOutDelta.abc' }))).toBe(false);
    expect(routeIsMissing(answer(400, 'bad'))).toBe(false);
  });
});
