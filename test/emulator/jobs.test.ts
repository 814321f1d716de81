import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { Client, DATE_TIME, GUID } from './client.js';
import { createExample } from '../fixtures/graph/examples.js';

const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
let c: Client;

beforeAll(async () => {
  c = new Client(await startEmulator());
});
afterAll(() => c.handle.close());

describe('create a job (POST …/synchronization/jobs)', () => {
  it('answers 201 with a job exactly like the docs example', async () => {
    const res = await c.create({ templateId: 'BoxOutDelta' });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe(JSON_TYPE);
    expect(res.headers['odata-version']).toBe('4.0');
    const { '@odata.context': context, id, ...rest } = res.json;
    expect(context).toBe(`${c.handle.url}/$metadata#servicePrincipals('${c.sp}')/synchronization/jobs/$entity`);
    expect(id).toMatch(/^BoxOutDelta\.[0-9a-f]{32}\.[0-9a-f]{32}$/);
    const { id: _placeholder, ...documented } = createExample();
    expect(rest).toEqual({ ...documented, synchronizationJobSettings: [{ name: 'QuarantineTooManyDeletesThreshold', value: '500' }] });
  });

  it('keeps the synchronizationJobSettings sent, over the template defaults, and ignores other properties', async () => {
    const res = await c.create({
      templateId: 'BoxOutDelta',
      synchronizationJobSettings: [{ name: 'QuarantineTooManyDeletesThreshold', value: '50' }, { name: 'Extra', value: null }],
      schedule: { state: 'Active' },
    });
    expect(res.status).toBe(201);
    expect(res.json.synchronizationJobSettings).toEqual([
      { name: 'QuarantineTooManyDeletesThreshold', value: '50' },
      { name: 'Extra', value: null },
    ]);
    expect(res.json.schedule.state).toBe('Disabled');
  });

  it('gives every job its own id', async () => {
    const ids = await Promise.all([c.newJob(), c.newJob(), c.newJob('Slack')]);
    expect(new Set(ids).size).toBe(3);
    expect(ids[2]).toMatch(/^Slack\./);
  });

  it.each([
    ['no templateId', {}],
    ['templateId null', { templateId: null }],
    ['an empty templateId', { templateId: '' }],
    ['a number as templateId', { templateId: 42 }],
    ['a templateId the service principal has no template for', { templateId: 'Salesforce' }],
    ['settings that are not an array', { templateId: 'BoxOutDelta', synchronizationJobSettings: { a: 1 } }],
  ])('refuses %s with 400 BadRequest and creates nothing', async (_, body) => {
    const before = c.handle.jobs().length;
    const res = await c.create(body);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('BadRequest');
    expect(c.handle.jobs()).toHaveLength(before);
  });

  it("names the service principal's templates in the message when templateId is wrong", async () => {
    const res = await c.create({ templateId: 'Salesforce' });
    expect(res.json.error.message).toContain("'Salesforce'");
    expect(res.json.error.message).toContain('BoxOutDelta, Slack');
  });

  it.each([
    ['malformed JSON', '{"templateId": '],
    ['a JSON array', '[{"templateId": "BoxOutDelta"}]'],
    ['a JSON string', '"BoxOutDelta"'],
    ['an empty body', ''],
  ])('answers 400 to %s', async (_, raw) => {
    const res = await c.send('POST', c.jobs, { raw, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('BadRequest');
  });
});

describe('read and delete jobs', () => {
  it('lists the jobs in `value` and gets one by id', async () => {
    const id = await c.newJob();
    const list = await c.send('GET', c.jobs);
    expect(list.status).toBe(200);
    expect(list.json['@odata.context']).toBe(`${c.handle.url}/$metadata#servicePrincipals('${c.sp}')/synchronization/jobs`);
    expect(list.json.value.map((j: { id: string }) => j.id)).toContain(id);
    const one = await c.send('GET', c.job(id));
    expect(one.status).toBe(200);
    expect(one.json.id).toBe(id);
    expect(one.json['@odata.context']).toMatch(/\/jobs\/\$entity$/);
  });

  it('deletes with 204 and no body, after which GET answers 404', async () => {
    const id = await c.newJob();
    const del = await c.send('DELETE', c.job(id));
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect(del.headers['content-type']).toBeUndefined();
    expect((await c.send('GET', c.job(id))).status).toBe(404);
    expect(c.handle.jobs().some((j) => j.id === id)).toBe(false);
  });

  it('answers 404 with a Graph error for a job that does not exist, on GET and DELETE', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await c.send(method, c.job('BoxOutDelta.nope'));
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('NotFound');
    }
  });

  it("serves the job's schema", async () => {
    const id = await c.newJob();
    const res = await c.send('GET', c.job(id, '/schema'));
    expect(res.status).toBe(200);
    expect(res.json.directories.map((d: { name: string }) => d.name)).toEqual(['Azure Active Directory', 'Box']);
    expect(res.json.synchronizationRules[0].name).toBe('USER_TO_USER');
  });

  it("takes its own schema back unchanged with 204, and refuses a body that is no schema with 400", async () => {
    const id = await c.newJob();
    const read = await c.send('GET', c.job(id, '/schema'));
    const put = await c.send('PUT', c.job(id, '/schema'), { json: read.json });
    expect(put.status).toBe(204);
    expect(put.text).toBe('');
    const renamed = { ...read.json, synchronizationRules: [{ ...read.json.synchronizationRules[0], name: 'RENAMED' }] };
    expect((await c.send('PUT', c.job(id, '/schema'), { json: renamed })).status).toBe(204);
    expect((await c.send('GET', c.job(id, '/schema'))).json.synchronizationRules[0].name).toBe('RENAMED');
    const refused = await c.send('PUT', c.job(id, '/schema'), { json: { directories: [] } });
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('BadRequest');
  });

  it('serves the same routes under /beta and with a trailing slash', async () => {
    const beta = await fetch(`${c.handle.origin}/beta${c.jobs}/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.handle.fixtures.token}`, 'content-type': 'application/json' },
      body: '{"templateId":"Slack"}',
    });
    expect(beta.status).toBe(201);
    const body = (await beta.json()) as { '@odata.context': string };
    expect(body['@odata.context']).toContain('/beta/$metadata#');
  });
});

describe('templates', () => {
  it('lists templates with boolean flags and GUID applicationId, without inlining the schema', async () => {
    const res = await c.send('GET', `/servicePrincipals/${c.sp}/synchronization/templates`);
    expect(res.status).toBe(200);
    expect(res.json['@odata.context']).toMatch(/synchronization\/templates$/);
    expect(res.json.value.map((t: { id: string }) => t.id)).toEqual(['BoxOutDelta', 'Slack']);
    for (const t of res.json.value) {
      expect(typeof t.default).toBe('boolean');
      expect(typeof t.discoverable).toBe('boolean');
      expect(t.applicationId).toMatch(GUID);
      expect(t.schema).toBeUndefined();
    }
    expect(res.json.value[1].factoryTag).toBe('CustomSCIM');
  });

  it("serves a template's schema, and 404 for a template that does not exist", async () => {
    const ok = await c.send('GET', `/servicePrincipals/${c.sp}/synchronization/templates/Slack/schema`);
    expect(ok.status).toBe(200);
    expect(ok.json.id).toBe('Slack');
    expect((await c.send('GET', `/servicePrincipals/${c.sp}/synchronization/templates/Nope/schema`)).status).toBe(404);
  });
});

describe('a service principal that does not exist', () => {
  it('answers 404 Request_ResourceNotFound on every route', async () => {
    const other = '00000000-0000-4000-8000-000000000000';
    for (const [method, path] of [
      ['GET', `/servicePrincipals/${other}/synchronization/templates`],
      ['GET', `/servicePrincipals/${other}/synchronization/jobs`],
      ['POST', `/servicePrincipals/${other}/synchronization/jobs`],
    ] as const) {
      const res = await c.send(method, path, method === 'POST' ? { json: { templateId: 'BoxOutDelta' } } : {});
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('Request_ResourceNotFound');
      expect(res.json.error.message).toContain(other);
    }
  });

  it('matches service principal ids without regard to case', async () => {
    const res = await c.send('GET', `/servicePrincipals/${c.sp.toUpperCase()}/synchronization/jobs`);
    expect(res.status).toBe(200);
    expect(res.json.value.every((j: { status: { steadyStateLastAchievedTime: string } }) => DATE_TIME.test(j.status.steadyStateLastAchievedTime))).toBe(true);
  });
});
