import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { Client } from './client.js';

let c: Client;

beforeAll(async () => {
  c = new Client(await startEmulator());
});
afterAll(() => c.handle.close());

async function state(id: string): Promise<[string, string, string]> {
  const job = (await c.send('GET', c.job(id))).json;
  return [job.schedule.state, job.status.code, job.schedule.interval];
}

describe('start, pause and restart', () => {
  it('start answers 204 with no body; the job becomes Active and NotRun (started, not yet run)', async () => {
    const id = await c.newJob();
    const res = await c.send('POST', c.job(id, '/start'));
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers['content-type']).toBeUndefined();
    expect(await state(id)).toEqual(['Active', 'NotRun', 'PT40M']);
  });

  it('pause answers 204; the schedule and status become Paused', async () => {
    const id = await c.newJob();
    await c.send('POST', c.job(id, '/start'));
    expect((await c.send('POST', c.job(id, '/pause'))).status).toBe(204);
    expect(await state(id)).toEqual(['Paused', 'Paused', 'PT40M']);
  });

  it('restart accepts the documented comma-separated flags and no body at all', async () => {
    const id = await c.newJob();
    const flags = await c.send('POST', c.job(id, '/restart'), { json: { criteria: { resetScope: 'Watermark, Escrows, QuarantineState' } } });
    expect(flags.status).toBe(204);
    expect((await c.send('POST', c.job(id, '/restart'))).status).toBe(204);
    expect((await c.send('POST', c.job(id, '/restart'), { json: { criteria: { resetScope: 'Full' } } })).status).toBe(204);
    expect(await state(id)).toEqual(['Active', 'NotRun', 'PT40M']);
  });

  it.each([
    ['an unknown member', { criteria: { resetScope: 'Watermark, Everything' } }, "'Everything'"],
    ['a number', { criteria: { resetScope: 4 } }, 'comma-separated'],
    ['criteria that is not an object', { criteria: 'Full' }, 'criteria must be an object'],
  ])('restart refuses %s in resetScope with 400', async (_, body, words) => {
    const id = await c.newJob();
    const res = await c.send('POST', c.job(id, '/restart'), { json: body });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain(words);
  });

  it('answers the actions under their microsoft.graph. names too', async () => {
    const id = await c.newJob();
    expect((await c.send('POST', c.job(id, '/microsoft.graph.start'))).status).toBe(204);
    expect((await c.send('POST', c.job(id, '/microsoft.graph.pause'))).status).toBe(204);
    expect(await state(id)).toEqual(['Paused', 'Paused', 'PT40M']);
  });

  it('answers 404 for an action on a job that does not exist', async () => {
    expect((await c.send('POST', c.job('Nope.1.2', '/start'))).status).toBe(404);
  });
});

describe('validateCredentials', () => {
  it('answers 204 on a job, with credentials or saved ones', async () => {
    const id = await c.newJob();
    const creds = { credentials: [{ key: 'BaseAddress', value: 'https://scim.example.com' }, { key: 'SecretToken', value: 'x' }] };
    expect((await c.send('POST', c.job(id, '/validateCredentials'), { json: creds })).status).toBe(204);
    expect((await c.send('POST', c.job(id, '/validateCredentials'), { json: { useSavedCredentials: true } })).status).toBe(204);
  });

  it('answers 204 on the jobs collection, naming the template', async () => {
    const body = { applicationIdentifier: 'box', templateId: 'BoxOutDelta', useSavedCredentials: false, credentials: [] };
    expect((await c.send('POST', `${c.jobs}/validateCredentials`, { json: body })).status).toBe(204);
  });

  it('refuses a credential key that is not a synchronizationSecret', async () => {
    const id = await c.newJob();
    const res = await c.send('POST', c.job(id, '/validateCredentials'), { json: { credentials: [{ key: 'Bogus', value: 'x' }] } });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain('"Bogus" is not a synchronizationSecret member');
  });
});

describe('provisionOnDemand', () => {
  const body = { parameters: [{ ruleId: 'ea807875-5618-4f0a-9125-0b46a05298ca', subjects: [{ objectId: 'u1', objectTypeName: 'User' }] }] };

  it('answers 200 with a stringKeyStringValuePair of JSON strings, then 429 past 5 calls in 10 s', async () => {
    const id = await c.newJob();
    const res = await c.send('POST', c.job(id, '/provisionOnDemand'), { json: body });
    expect(res.status).toBe(200);
    expect(res.json['@odata.context']).toBe(`${c.handle.url}/$metadata#microsoft.graph.stringKeyStringValuePair`);
    expect(JSON.parse(res.json.key)).toEqual({ result: 'Success', details: {} });
    expect(JSON.parse(res.json.value).sourceIdentity.id).toBe('u1');
    for (let i = 0; i < 4; i++) expect((await c.send('POST', c.job(id, '/provisionOnDemand'), { json: body })).status).toBe(200);
    const sixth = await c.send('POST', c.job(id, '/provisionOnDemand'), { json: body });
    expect(sixth.status).toBe(429);
    expect(sixth.headers['retry-after']).toBe('10');
    expect(sixth.json.error.code).toBe('TooManyRequests');
  });

  it('refuses parameters without subjects', async () => {
    const id = await c.newJob();
    const res = await c.send('POST', c.job(id, '/provisionOnDemand'), { json: { parameters: [{ ruleId: 'r', subjects: [] }] } });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain('subjects must be a non-empty array');
  });
});

describe('PUT synchronization/secrets', () => {
  const path = (): string => `/servicePrincipals/${c.sp}/synchronization/secrets`;

  it('answers 204 with no body for synchronizationSecret keys', async () => {
    const res = await c.send('PUT', path(), { json: { value: [{ key: 'BaseAddress', value: 'https://scim.example.com' }, { key: 'SecretToken', value: 's' }] } });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
  });

  it.each([
    ['an unknown key', { value: [{ key: 'BaseAdress', value: 'x' }] }, 'is not a synchronizationSecret member'],
    ['the `credentials` name from the parameter table', { credentials: [{ key: 'BaseAddress', value: 'x' }] }, 'must hold `value`'],
    ['a value that is not an array', { value: { key: 'BaseAddress' } }, 'must be an array'],
  ])('refuses %s with 400', async (_, body, words) => {
    const res = await c.send('PUT', path(), { json: body });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain(words);
  });
});
