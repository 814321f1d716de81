import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { Client, GUID } from './client.js';

let c: Client;

beforeAll(async () => {
  c = new Client(await startEmulator());
});
afterAll(() => c.handle.close());

describe('authentication', () => {
  it.each([
    ['no Authorization header', null, 'Access token is empty.'],
    ['an empty Authorization header', '', 'Access token is empty.'],
    ['a Basic credential', 'Basic dXNlcjpwYXNz', 'CompactToken parsing failed with error code: 80049217'],
    ['a bearer token that is garbage', 'Bearer not-a-token', 'CompactToken parsing failed with error code: 80049217'],
    ['a bearer scheme without a token', 'Bearer', 'CompactToken parsing failed with error code: 80049217'],
    ['a JWT-shaped bearer token the emulator does not know', 'Bearer eyJ0eXAi.eyJhdWQi.c2ln', 'Access token validation failure. Invalid audience.'],
  ])('answers 401 InvalidAuthenticationToken to %s', async (_, auth, message) => {
    const res = await c.send('GET', c.jobs, { auth });
    expect(res.status).toBe(401);
    expect(res.json.error).toMatchObject({ code: 'InvalidAuthenticationToken', message });
  });

  it('checks credentials before anything else, even on paths that do not exist', async () => {
    expect((await c.send('GET', '/nothing/here', { auth: null })).status).toBe(401);
  });

  it('accepts the scheme in any case', async () => {
    expect((await c.send('GET', c.jobs, { auth: `bearer ${c.handle.fixtures.token}` })).status).toBe(200);
  });
});

describe('error bodies', () => {
  it('have exactly error.code, error.message and innerError {date without offset, request-id, client-request-id}', async () => {
    const res = await c.send('GET', c.job('Nope'), { headers: { 'client-request-id': 'my-correlation-id' } });
    expect(res.status).toBe(404);
    expect(Object.keys(res.json)).toEqual(['error']);
    expect(Object.keys(res.json.error)).toEqual(['code', 'message', 'innerError']);
    const inner = res.json.error.innerError;
    expect(Object.keys(inner)).toEqual(['date', 'request-id', 'client-request-id']);
    expect(inner.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(inner['request-id']).toBe(res.headers['request-id']);
    expect(inner['client-request-id']).toBe('my-correlation-id');
    expect(res.headers['content-type']).toMatch(/^application\/json;odata\.metadata=minimal/);
  });

  it('answer 404 ResourceNotFound naming the segment for an unknown path', async () => {
    const res = await c.send('GET', `/servicePrincipals/${c.sp}/synchronization/jobz`);
    expect(res.status).toBe(404);
    expect(res.json.error).toMatchObject({ code: 'ResourceNotFound', message: "Resource not found for the segment 'jobz'. Paths start with /v1.0 or /beta." });
    expect((await fetch(`${c.handle.origin}/v2.0${c.jobs}`, { headers: { authorization: `Bearer ${c.handle.fixtures.token}` } })).status).toBe(404);
  });

  it('answer 405 with Allow for a known path and another method', async () => {
    const res = await c.send('PATCH', c.jobs, { json: {} });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, POST');
    expect(res.json.error.code).toBe('MethodNotAllowed');
  });
});

describe('headers on every answer', () => {
  it('carry a new request-id GUID, Date, and client-request-id equal to request-id when none was sent', async () => {
    const a = await c.send('GET', c.jobs);
    const b = await c.send('GET', c.jobs);
    expect(a.headers['request-id']).toMatch(GUID);
    expect(a.headers['request-id']).not.toBe(b.headers['request-id']);
    expect(a.headers['client-request-id']).toBe(a.headers['request-id']);
    expect(Number.isNaN(Date.parse(a.headers.date ?? ''))).toBe(false);
  });

  it("echo the caller's client-request-id, on success and on errors", async () => {
    for (const path of [c.jobs, c.job('Nope')]) {
      const res = await c.send('GET', path, { headers: { 'client-request-id': '7d3c1e52-0000-4000-8000-000000000001' } });
      expect(res.headers['client-request-id']).toBe('7d3c1e52-0000-4000-8000-000000000001');
    }
  });

  it('carry OData-Version and the Graph Content-Type on JSON, and neither on 204', async () => {
    const json = await c.send('GET', c.jobs);
    expect(json.headers['odata-version']).toBe('4.0');
    expect(json.headers['content-type']).toBe('application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8');
    const id = await c.newJob();
    const empty = await c.send('DELETE', c.job(id));
    expect(empty.headers['content-type']).toBeUndefined();
    expect(empty.headers['odata-version']).toBeUndefined();
    expect(empty.headers['request-id']).toMatch(GUID);
  });
});
