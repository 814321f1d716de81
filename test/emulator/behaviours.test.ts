import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCEPTED_SECRET_TOKEN, listBehaviours, runEmulatorCommand, startEmulator } from '../../src/emulator/index.js';
import { Client } from './client.js';

// What each real-service switch makes the emulator do, seen as a client sees it.
let c: Client | undefined;
afterEach(async () => {
  await c?.handle.close();
  c = undefined;
});
const emulator = async (...behaviours: string[]): Promise<Client> => (c = new Client(await startEmulator({ behaviours })));
const PROVISION = (ruleId: string) => ({ parameters: [{ ruleId, subjects: [{ objectId: 'u1', objectTypeName: 'User' }] }] });
const credentials = (token: string) => ({ useSavedCredentials: false, credentials: [{ key: 'BaseAddress', value: 'https://scim.example/scim' }, { key: 'SecretToken', value: token }] });

describe('the real-service behaviours', () => {
  it('template-starts-paused: a new job is Paused, Disabled, PT40M, with progress []', async () => {
    const e = await emulator('template-starts-paused');
    const job = (await e.create()).json;
    expect([job.status.code, job.schedule.state, job.schedule.interval, job.status.progress]).toEqual(['Paused', 'Disabled', 'PT40M', []]);
  });

  it('conflict-on-first-delete: the first DELETE answers 409 Conflict and keeps the job, the next deletes it', async () => {
    const e = await emulator('conflict-on-first-delete');
    const id = await e.newJob();
    const first = await e.send('DELETE', e.job(id));
    expect([first.status, first.json.error.code]).toEqual([409, 'Conflict']);
    expect(e.handle.jobs()).toHaveLength(1);
    expect((await e.send('DELETE', e.job(id))).status).toBe(204);
    expect(e.handle.jobs()).toHaveLength(0);
  });

  it('paged-lists: one job per page, linked by @odata.nextLink to the last', async () => {
    const e = await emulator('paged-lists');
    const ids = [await e.newJob(), await e.newJob(), await e.newJob()];
    const seen: string[] = [];
    let url: string | undefined = `${e.handle.url}${e.jobs}`;
    while (url !== undefined) {
      const page = (await (await fetch(url, { headers: { authorization: `Bearer ${e.handle.fixtures.token}` } })).json()) as { value: { id: string }[]; '@odata.nextLink'?: string };
      expect(page.value).toHaveLength(1);
      seen.push(...page.value.map((j) => j.id));
      url = page['@odata.nextLink'];
    }
    expect(seen).toEqual(ids);
  });

  it('read-lag: a new job reads 404 and is not listed for a while, and writes see it at once', async () => {
    const e = await emulator('read-lag');
    const id = await e.newJob();
    expect((await e.send('GET', e.job(id))).status).toBe(404);
    expect((await e.send('GET', e.jobs)).json.value).toEqual([]);
    expect((await e.send('POST', e.job(id, '/start'))).status).toBe(204);
  });

  it("rules-checked: provisionOnDemand refuses a rule the job's schema lacks, with RequestParameterInvalid", async () => {
    const e = await emulator('rules-checked');
    const id = await e.newJob();
    const refused = await e.send('POST', e.job(id, '/provisionOnDemand'), { json: PROVISION('not-a-rule') });
    expect([refused.status, refused.json.error.code]).toEqual([400, 'RequestParameterInvalid']);
    expect(refused.json.error.message).toContain('the job does not include the rule');
    const rule = (await e.send('GET', e.job(id, '/schema'))).json.synchronizationRules[0].id;
    expect((await e.send('POST', e.job(id, '/provisionOnDemand'), { json: PROVISION(rule) })).status).toBe(200);
  });

  it("credentials-checked: validateCredentials accepts only the application's SecretToken", async () => {
    const e = await emulator('credentials-checked');
    const id = await e.newJob();
    const refused = await e.send('POST', e.job(id, '/validateCredentials'), { json: credentials('made-up') });
    expect([refused.status, refused.json.error.code]).toEqual([400, 'BadRequest']);
    const accepted = await e.send('POST', e.job(id, '/validateCredentials'), { json: credentials(ACCEPTED_SECRET_TOKEN) });
    expect([accepted.status, accepted.text]).toEqual([204, '']);
  });

  it('unknown-error-401: an unknown service principal and a read-only write answer 401 UnknownError with an empty message', async () => {
    const e = await emulator('unknown-error-401');
    const unknown = await e.send('GET', '/servicePrincipals/00000000-0000-4000-8000-000000000001/synchronization/jobs');
    expect([unknown.status, unknown.json.error.code, unknown.json.error.message]).toEqual([401, 'UnknownError', '']);
    const write = await e.send('POST', e.jobs, { json: { templateId: 'BoxOutDelta' }, auth: 'Bearer gsc-emulator-read-only-token' });
    expect([write.status, write.json.error.code]).toEqual([401, 'UnknownError']);
  });

  it('without them: a read-only token reads, and its writes answer 403', async () => {
    const e = await emulator();
    const auth = 'Bearer gsc-emulator-read-only-token';
    expect((await e.send('GET', e.jobs, { auth })).status).toBe(200);
    const write = await e.send('POST', e.jobs, { json: { templateId: 'BoxOutDelta' }, auth });
    expect([write.status, write.json.error.code]).toEqual([403, 'Authorization_RequestDenied']);
    expect(e.handle.jobs()).toEqual([]);
  });

  it('all turns every one on; an unknown name is refused with a did-you-mean', async () => {
    const e = await emulator('all');
    expect((await e.create()).json.status.code).toBe('Paused');
    await expect(startEmulator({ behaviours: ['paged-list'] })).rejects.toThrow(/unknown behaviour 'paged-list' \(did you mean 'paged-lists'\?\)/);
  });
});

describe('gsc emulator --list-behaviours and --behave', () => {
  const io = () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d) => (out += String(d)));
    stderr.on('data', (d) => (err += String(d)));
    return { stdout, stderr, out: () => out, err: () => err };
  };

  it('lists every behaviour with what it does and where it is seen', async () => {
    const s = io();
    expect(await runEmulatorCommand(['--list-behaviours'], s)).toBe(0);
    for (const b of listBehaviours()) expect(s.out()).toMatch(new RegExp(`^${b.name} +${b.does.slice(0, 20).replace(/[()[\].*+?]/g, '\\$&')}`, 'm'));
    expect(s.out()).toContain('seen: https://');
  });

  it('says which behaviours it acts, and refuses an unknown one with exit 2', async () => {
    const stop = new AbortController();
    const s = io();
    const code = runEmulatorCommand(['--behave', 'paged-lists,read-lag'], { ...s, signal: stop.signal });
    for (let i = 0; i < 200 && !s.out().includes('Behaving'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(s.out()).toContain('Behaving as the real service does: paged-lists, read-lag');
    stop.abort();
    expect(await code).toBe(0);
    const bad = io();
    expect(await runEmulatorCommand(['--behave', 'nope'], bad)).toBe(2);
    expect(bad.err()).toContain("unknown behaviour 'nope'");
  });
});
