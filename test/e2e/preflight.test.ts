import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { gsc, targetFlags, tempDir } from './support.js';

/**
 * Issue 8 §5: the user's mistakes are named as theirs, before any write. A typo in the template,
 * a service principal that does not answer, a target URL without its version: each stops the
 * run with what it can mean and how to fix it, never a page of failed cases.
 */
let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

/** What the emulator was sent, method and path, since the test began. */
const sent: string[] = [];
let tap: Server;
let tapUrl: string;
/** A loopback stand-in for a tenant whose sync routes answer as `answer` says; it records every request. */
let answer: (req: IncomingMessage, res: ServerResponse) => void;
beforeAll(async () => {
  tap = createServer((req, res) => {
    sent.push(`${req.method} ${req.url}`);
    answer(req, res);
  });
  await new Promise<void>((done) => tap.listen(0, '127.0.0.1', done));
  tapUrl = `http://127.0.0.1:${(tap.address() as AddressInfo).port}/v1.0`;
});
afterAll(() => new Promise<void>((done) => tap.close(() => done())));
beforeEach(() => {
  sent.length = 0;
});

function reply(status: number, error: { code: string; message: string }): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { ...error, innerError: { 'request-id': 'r1', date: '2026-12-01T00:00:00' } } }));
  };
}

const SP = '0b7a3f5e-1111-4222-8333-944445555666';
const tenantFlags = (): string[] => ['--target', tapUrl, '--token', 'T-preflight-token', '--service-principal', SP, '--template', 'BoxOutDelta', '--allow-writes'];

describe('a template the service principal does not have', () => {
  it('exits 2 naming its templates with did-you-mean, and writes nothing', async () => {
    const flags = targetFlags(emu).map((f) => (f === emu.fixtures.templateId ? `${emu.fixtures.templateId.slice(0, -1)}x` : f));
    const run = await gsc(['run', ...flags, '--out', tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--template "${emu.fixtures.templateId.slice(0, -1)}x" is not a template of the service principal ${emu.fixtures.servicePrincipalId}: it lists ${emu.fixtures.templateId}`);
    expect(run.stderr).toContain(`(did you mean ${emu.fixtures.templateId}?); nothing was written`);
    expect(run.stdout).not.toMatch(/FAIL|NOT conformant/);
    expect(emu.jobs()).toEqual([]);
  });
});

describe('a service principal that does not answer', () => {
  it('401 UnknownError with an empty message, as the real service answers an unknown or unreplicated one: exit 3 with each meaning, nothing written', async () => {
    answer = reply(401, { code: 'UnknownError', message: '' });
    const run = await gsc(['run', ...tenantFlags(), '--out', tempDir()]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`GET …/servicePrincipals/${SP}/synchronization/templates answered 401 UnknownError. Here a 401 can mean any of:`);
    expect(run.stderr).toContain(`the service principal ${SP} does not exist in this tenant`);
    expect(run.stderr).toContain('not replicated yet');
    expect(run.stderr).toContain('the app lacks permission (Synchronization.ReadWrite.All');
    expect(sent.every((r) => r.startsWith('GET '))).toBe(true);
    expect(sent.length).toBeGreaterThan(0);
  });

  it('403: exit 3 naming a missing permission, ownership and replication', async () => {
    answer = reply(403, { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' });
    const run = await gsc(['run', ...tenantFlags(), '--out', tempDir()]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('answered 403 Authorization_RequestDenied (Insufficient privileges to complete the operation.). Here a 403 can mean: the app lacks permission');
    expect(run.stderr).toContain(`the app is not an owner of the service principal ${SP}`);
    expect(sent.every((r) => r.startsWith('GET '))).toBe(true);
  });

  it('404 in the directory\'s words: exit 3, the id is not a service principal here (object id, not application id)', async () => {
    const run = await gsc(['run', ...targetFlags(emu).map((f) => (f === emu.fixtures.servicePrincipalId ? SP : f)), '--out', tempDir()]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`answered 404 Request_ResourceNotFound: the service principal ${SP} was not found`);
    expect(run.stderr).toContain("the enterprise application's object id, not its application id");
    expect(run.stdout).not.toContain('FAIL');
    expect(emu.jobs()).toEqual([]);
  });

  it('a bare 404 from a target that leaves the templates route out lets the run go on', async () => {
    answer = (req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('no route');
    };
    const run = await gsc(['run', ...tenantFlags(), '--grep', '^create/answers-201', '--out', tempDir()]);
    expect(run.stderr).not.toContain('was not found');
    expect(sent.some((r) => r.startsWith('POST '))).toBe(true);
  });
});

describe('a target URL without its version segment', () => {
  it.each([
    [(base: string) => base.replace(/\/v1\.0$/, ''), /does not end in a version segment: add \/v1\.0 \(or \/beta\), e\.g\. http:\/\/127\.0\.0\.1:\d+\/v1\.0/],
    [(base: string) => `${base}/servicePrincipals`, /does not end in a version segment: give the base URL only, http:\/\/127\.0\.0\.1:\d+\/v1\.0/],
  ])('exits 2 with the fix, and sends nothing', async (url, message) => {
    const run = await gsc(['run', ...tenantFlags().map((f) => (f === tapUrl ? url(tapUrl) : f)), '--out', tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(sent).toEqual([]);
  });
});
