import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/execute/ledger/index.js';
import { gsc, tempDir } from './support.js';
import { foreignJob, newToken, startTenant } from '../fixtures/remote-target/tenant.js';

/** Issue 8 §8: `gsc cleanup` names a wrong ledger path before credentials, and its listings survive throttling and paging. */
describe('gsc cleanup with a ledger that is not there', () => {
  it('exits 2 before asking for credentials, naming the path and the flag', async () => {
    const dir = tempDir();
    const run = await gsc(['cleanup', '--ledger', 'nope/ledger.jsonl', '--target', 'https://graph.microsoft.com/v1.0'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`there is no ledger at ${join(dir, 'nope/ledger.jsonl')}: give the ledger the run wrote with --ledger FILE`);
    expect(run.stderr).not.toMatch(/credentials|--token/);
  });

  it('the default path too, when no run wrote one here', async () => {
    const run = await gsc(['cleanup'], { cwd: tempDir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/there is no ledger at .*reports\/ledger\.jsonl/);
  });
});

describe('gsc cleanup listings', () => {
  const SP = '00000000-0000-0000-0000-0000000000aa';
  const JOBS = `/v1.0/servicePrincipals/${SP}/synchronization/jobs`;
  let server: Server;
  let base: string;
  const seen: string[] = [];
  /** The lost create's job sits on page two, after a throttled first attempt. */
  let throttled = 0;
  const deleted: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const json = (status: number, body?: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      if (req.method === 'GET' && req.url === JOBS) {
        if (throttled++ === 0) return json(429, { error: { code: 'TooManyRequests', message: '' } }, { 'retry-after': '1' });
        return json(200, { value: [{ id: 'Old.1', templateId: 'T' }], '@odata.nextLink': `${base}/servicePrincipals/${SP}/synchronization/jobs?$skiptoken=2` });
      }
      if (req.method === 'GET' && req.url === `${JOBS}?$skiptoken=2`) return json(200, { value: [{ id: 'T.lost', templateId: 'T' }] });
      if (req.method === 'DELETE' && req.url?.startsWith(`${JOBS}/`)) {
        deleted.push(decodeURIComponent(req.url.slice(JOBS.length + 1)));
        return json(204);
      }
      json(404, { error: { code: 'NotFound', message: '' } });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('waits out a 429 and reads every page, so it finds a lost create\'s job on page two and deletes only it', async () => {
    const dir = tempDir();
    const file = join(dir, 'ledger.jsonl');
    const ledger = Ledger.open(file, { runId: 'run-1', target: base });
    ledger.recordIntent({ target: base, collectionPath: `/servicePrincipals/${SP}/synchronization/jobs`, servicePrincipalId: SP, templateId: 'T', existingIds: ['Old.1'] });
    ledger.close();

    const run = await gsc(['cleanup', '--ledger', file, '--target', base], { env: { GSC_TOKEN: 'TEST-ONLY-cleanup-token' } });

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(seen.filter((r) => r.startsWith('GET'))).toEqual([`GET ${JOBS}`, `GET ${JOBS}`, `GET ${JOBS}?$skiptoken=2`]);
    expect(deleted).toEqual(['T.lost']);
  });
});

describe('gsc cleanup --help', () => {
  it('says --target is the target the run used, needed with a token, never the ledger\'s, as a cleanup without it does', async () => {
    const help = await gsc(['cleanup', '--help']);
    const line = help.stdout.split('\n').find((l) => l.trimStart().startsWith('--target URL')) ?? '';
    expect(line).toContain('the target the run used; required with --token (the ledger never chooses where the token goes)');
    expect(line).toContain("default: with sign-in flags or --cloud, that cloud's Graph /v1.0");
    expect(line).not.toContain("the ledger's");

    const dir = tempDir();
    const file = join(dir, 'ledger.jsonl');
    Ledger.open(file, { runId: 'run-1', target: 'https://graph.microsoft.com/v1.0' }).close();
    const run = await gsc(['cleanup', '--ledger', file], { cwd: dir, env: { GSC_TOKEN: 'T-cleanup-help' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('which target? cleanup sends its token only to the target you configure, never to one a ledger names');
  });
});

describe('gsc cleanup run again after it reported jobs possibly left behind', () => {
  it('reports them again while they exist, and settles the lost create only once a listing shows them gone', async () => {
    const token = newToken();
    const emu = await startTenant(token);
    try {
      const collectionPath = `/servicePrincipals/${emu.fixtures.servicePrincipalId}/synchronization/jobs`;
      const file = join(tempDir(), 'ledger.jsonl');
      // A run lost the answer to its create; meanwhile two jobs appeared, and nothing tells which is its.
      const ledger = Ledger.open(file, { runId: 'run-1', target: emu.url });
      ledger.recordIntent({ target: emu.url, collectionPath, servicePrincipalId: emu.fixtures.servicePrincipalId, templateId: emu.fixtures.templateId, existingIds: [] });
      ledger.close();
      const jobs = [await foreignJob(emu, token), await foreignJob(emu, token)];
      const cleanup = () => gsc(['cleanup', '--ledger', file, '--target', emu.url, '--token', token]);

      const first = await cleanup();
      expect(first.code).toBe(1);
      expect(first.stdout).toContain('gsc cleanup: 0 deleted, 0 already gone, 0 failed, 2 possibly left behind');

      const second = await cleanup();
      expect(second.code).toBe(1);
      for (const id of jobs) expect(second.stdout).toMatch(new RegExp(`^POSSIBLY LEFT BEHIND +${id.replace(/\./g, '\\.')} `, 'm'));
      expect(second.stdout).toContain('gsc cleanup: 0 deleted, 0 already gone, 0 failed, 2 possibly left behind');
      expect(second.stdout).not.toContain('Nothing to clean up.');

      // The user checks them, finds them theirs, and deletes them by hand.
      for (const id of jobs) {
        const res = await fetch(`${emu.url}${collectionPath}/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
        expect(res.status).toBe(204);
      }
      const third = await cleanup();
      expect(third.code).toBe(0);
      expect(third.stdout).toContain('gsc cleanup: 0 deleted, 1 already gone, 0 failed, 0 possibly left behind');
      const fourth = await cleanup();
      expect(fourth.code).toBe(0);
      expect(fourth.stdout).toContain('Nothing to clean up.');
    } finally {
      await emu.close();
    }
  });
});
