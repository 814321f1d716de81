import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exposureWarning } from '../../src/emulator/cli.js';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { listAllPages, nextLinkPath } from '../../src/execute/pages.js';
import { gsc } from '../e2e/support.js';
import { tempDir } from '../fixtures/temp.js';

const open: EmulatorHandle[] = [];
afterAll(async () => {
  for (const e of open) await e.close();
});
async function emulator(options: Parameters<typeof startEmulator>[0] = {}): Promise<EmulatorHandle> {
  const emu = await startEmulator(options);
  open.push(emu);
  return emu;
}
const jobsOf = (emu: EmulatorHandle) => `${emu.url}/servicePrincipals/${emu.fixtures.servicePrincipalId}/synchronization/jobs`;
async function create(emu: EmulatorHandle): Promise<Response> {
  return fetch(jobsOf(emu), { method: 'POST', headers: { authorization: `Bearer ${emu.fixtures.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ templateId: emu.fixtures.templateId }) });
}
async function list(emu: EmulatorHandle, url = jobsOf(emu)): Promise<{ value: { id: string }[]; '@odata.nextLink'?: string }> {
  return (await (await fetch(url, { headers: { authorization: `Bearer ${emu.fixtures.token}` } })).json()) as { value: { id: string }[]; '@odata.nextLink'?: string };
}

describe('the emulator cannot be grown without bound (issue 9 #10)', () => {
  it('refuses a create beyond its job cap with a Graph-shaped 403 QuotaExceeded', async () => {
    const emu = await emulator({ maxJobs: 3 });
    for (let i = 0; i < 3; i++) expect((await create(emu)).status).toBe(201);
    const refused = await create(emu);
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { error: { code: string; message: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe('QuotaExceeded');
    expect(body.error.message).toContain('--max-jobs');
    expect(Object.keys(body.error.innerError)).toEqual(['date', 'request-id', 'client-request-id']);
    expect(emu.jobs()).toHaveLength(3);
  });

  it('answers a list in pages of 100 linked by @odata.nextLink, and honours $top', async () => {
    const emu = await emulator();
    for (let i = 0; i < 101; i++) await create(emu);
    const first = await list(emu);
    expect(first.value).toHaveLength(100);
    expect(first['@odata.nextLink']).toBe(`${jobsOf(emu)}?$top=100&$skiptoken=100`);
    const second = await list(emu, first['@odata.nextLink']);
    expect(second.value).toHaveLength(1);
    expect(second['@odata.nextLink']).toBeUndefined();
    expect(new Set([...first.value, ...second.value].map((j) => j.id)).size).toBe(101);
    expect((await list(emu, `${jobsOf(emu)}?$top=7`)).value).toHaveLength(7);
  });

  it('warns when it listens beyond loopback with the default token', () => {
    expect(exposureWarning('0.0.0.0', false)).toMatch(/warning: listening on 0\.0\.0\.0, reachable from other machines, with the default token/);
    expect(exposureWarning('127.0.0.1', false)).toBeUndefined();
    expect(exposureWarning('0.0.0.0', true)).toBeUndefined();
  });
});

describe('the engine follows @odata.nextLink only within the target', () => {
  const base = 'https://graph.example.test/v1.0';

  it('keeps a link on the same origin and base path, and refuses others', () => {
    expect(nextLinkPath(`${base}/servicePrincipals/s/synchronization/jobs?$skiptoken=2`, base)).toEqual({ path: '/servicePrincipals/s/synchronization/jobs?$skiptoken=2' });
    for (const link of ['https://collector.example.test/v1.0/x', 'http://graph.example.test/v1.0/x', 'https://graph.example.test/beta/x', 'https://graph.example.test/v1.0/../beta/x', 'https://user:pw@graph.example.test/v1.0/x', 'https://graph.example.test/v1.0extra/x']) {
      expect([link, 'problem' in nextLinkPath(link, base)]).toEqual([link, true]);
    }
  });

  it('never requests a page on another host: the listing fails and says why', async () => {
    const asked: string[] = [];
    const result = await listAllPages('/jobs', base, async (path) => {
      asked.push(path);
      return { status: 200, body: JSON.stringify({ value: [{ id: 'a' }], '@odata.nextLink': 'https://collector.example.test/steal' }) };
    });
    expect(asked).toEqual(['/jobs']);
    expect(result).toMatchObject({ problem: expect.stringContaining('outside the target') });
  });

  it('gsc cleanup finds a lost create\'s job on a later page and deletes it', async () => {
    const emu = await emulator({ pageSize: 1 });
    const before: string[] = [];
    for (let i = 0; i < 2; i++) before.push(((await (await create(emu)).json()) as { id: string }).id);
    const sp = emu.fixtures.servicePrincipalId;
    const collectionPath = `/servicePrincipals/${sp}/synchronization/jobs`;
    const stamp = { v: 1, time: new Date().toISOString(), runId: 'killed-run' };
    const intent = { ...stamp, type: 'intent', intentId: 'i-1', target: emu.url, collectionPath, servicePrincipalId: sp, templateId: emu.fixtures.templateId, existingIds: before };
    // The create reached the emulator; its answer was lost with the run.
    const lost = ((await (await create(emu)).json()) as { id: string }).id;
    const ledger = join(tempDir(), 'ledger.jsonl');
    writeFileSync(ledger, `${JSON.stringify(intent)}\n`);

    const run = await gsc(['cleanup', '--target', emu.url, '--token', emu.fixtures.token, '--ledger', ledger]);
    expect(run.stdout).toContain('gsc cleanup: 1 deleted, 0 already gone, 0 failed, 0 possibly left behind');
    expect(emu.jobs().map((j) => j.id).sort()).toEqual(before.sort());
    expect(emu.jobs().map((j) => j.id)).not.toContain(lost);
  });
});
