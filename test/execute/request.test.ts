import { describe, expect, it } from 'vitest';
import type { Expectation, RequestSpec } from '../../src/model/index.js';
import { INVALID_TOKEN, MALFORMED_AUTHORIZATION, buildRequest, resolveExpectation } from '../../src/execute/request.js';

const span = { file: 'x.yaml', line: 1, col: 1 };
const spec = (over: Partial<RequestSpec>): RequestSpec => ({ method: 'POST', path: '/servicePrincipals/{{sp}}/synchronization/jobs', headers: {}, auth: 'run', span, ...over });
const vars = new Map([['sp', 'sp-1'], ['templateId', 'BoxOutDelta']]);
const token = async () => 'the-run-token';

describe('building a request', () => {
  it('joins the base URL and path, serialises JSON and sets its content type', async () => {
    const req = await buildRequest(spec({ json: { templateId: '{{templateId}}' } }), 'http://127.0.0.1:1/v1.0/', vars, token);
    expect(req.url).toBe('http://127.0.0.1:1/v1.0/servicePrincipals/sp-1/synchronization/jobs');
    expect(req.body).toBe('{"templateId":"BoxOutDelta"}');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers.authorization).toBe('Bearer the-run-token');
    expect(req.headers['client-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
  it('sends a raw body byte for byte and keeps the content type the case gives', async () => {
    const req = await buildRequest(spec({ raw: '{"templateId": ', headers: { 'Content-Type': 'text/plain' } }), 'http://h/v1.0', vars, token);
    expect(req.body).toBe('{"templateId": ');
    expect(req.headers['content-type']).toBe('text/plain');
  });
  it.each([
    ['none', undefined],
    ['invalid', `Bearer ${INVALID_TOKEN}`],
    ['malformed', MALFORMED_AUTHORIZATION],
  ] as const)('with auth %s sends Authorization %s and never the run token', async (auth, header) => {
    const req = await buildRequest(spec({ auth }), 'http://h/v1.0', vars, token);
    expect(req.headers.authorization).toBe(header);
  });
  it('makes the invalid token a well-formed JWT, so the target must check it, not just parse it', () => {
    const [header, payload] = INVALID_TOKEN.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toMatchObject({ typ: 'JWT' });
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toHaveProperty('aud');
  });
  it('resolves templates in header and value expectations', () => {
    const e: Expectation = {
      headers: [{ name: 'client-request-id', equals: '{{templateId}}', span }],
      schemas: [],
      values: [{ pointer: '/templateId', equals: '{{templateId}}', span }, { pointer: '/x', contains: { id: '{{sp}}' }, span }],
    };
    const r = resolveExpectation(e, vars);
    expect(r.headers[0]!.equals).toBe('BoxOutDelta');
    expect(r.values[0]!.equals).toBe('BoxOutDelta');
    expect(r.values[1]!.contains).toEqual({ id: 'sp-1' });
  });
});
