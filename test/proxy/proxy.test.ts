import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import type { CaseResult, Reporter, RunSummary } from '../../src/model/index.js';
import { startProxy, type ProxyHandle } from '../../src/proxy/index.js';
import { tempDir } from '../fixtures/temp.js';

const root = join(import.meta.dirname, '..', '..');
const dirs = { specsDir: join(root, 'specs'), schemasDir: join(root, 'schemas') };

/** A reporter that keeps what it is given, as a test reads it. */
function collector(): Reporter & { cases: CaseResult[]; summary?: RunSummary } {
  const r: Reporter & { cases: CaseResult[]; summary?: RunSummary } = { name: 'collect', cases: [], onCaseEnd: (c) => void r.cases.push(c), onRunEnd: (s) => void (r.summary = s) };
  return r;
}

const open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function emulator(deviations: string[] = []): Promise<EmulatorHandle> {
  const emu = await startEmulator({ deviations });
  open.push(emu);
  return emu;
}

async function proxy(upstream: string, more: { record?: string; exitAfter?: number } = {}): Promise<ProxyHandle & { reporter: ReturnType<typeof collector> }> {
  const reporter = collector();
  const p = await startProxy({ upstream, ...dirs, reporter, ...more });
  open.push({ close: () => p.stop() });
  return Object.assign(p, { reporter });
}

/** The findings of a case, as `step: check` lines. */
const findings = (c: CaseResult | undefined) => (c?.steps ?? []).flatMap((s) => s.findings.map((f) => `${s.name}: ${f.check}`));

describe('gsc proxy, as an SDK team uses it', () => {
  it('streams the answer back unchanged: status, headers and the exact bytes, even compressed or binary', async () => {
    const gz = gzipSync(Buffer.from('{"value":[]}'));
    const binary = Buffer.from([0, 255, 254, 1, 2, 3, 0xc3]);
    const upstream: Server = createServer((req, res) => {
      const body = req.url?.endsWith('/gz') ? gz : binary;
      res.writeHead(207, { 'content-type': 'application/octet-stream', 'x-odd': 'Value  With  Spaces', 'content-encoding': req.url?.endsWith('/gz') ? 'gzip' : 'identity' });
      res.write(body.subarray(0, 3));
      setTimeout(() => res.end(body.subarray(3)), 20);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    open.push({ close: () => new Promise((resolve) => upstream.close(resolve)) });
    const p = await proxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1.0`);
    for (const [suffix, expected] of [['bin', binary], ['gz', gz]] as const) {
      // undici's request, unlike fetch, hands over the bytes as sent: nothing decompressed.
      const res = await request(`${p.url}/anything/${suffix}`);
      const bytes = Buffer.from(await res.body.arrayBuffer());
      expect(res.statusCode).toBe(207);
      expect(res.headers['x-odd']).toBe('Value  With  Spaces');
      expect(bytes.equals(expected)).toBe(true);
    }
    await p.stop();
    expect(p.reporter.cases.map((c) => c.status)).toEqual(['skipped', 'skipped']);
    expect(p.reporter.cases[0]?.skipReason).toContain('unknown operation: specs/ holds no GET /anything/bin');
  });

  it('passes a faithful create, get and delete with no finding, and reports each by its operation', async () => {
    const emu = await emulator();
    const p = await proxy(emu.url);
    const sp = emu.fixtures.servicePrincipalId;
    const auth = { authorization: `Bearer ${emu.fixtures.token}`, 'content-type': 'application/json' };
    const created = await fetch(`${p.url}/servicePrincipals/${sp}/synchronization/jobs`, { method: 'POST', headers: auth, body: JSON.stringify({ templateId: emu.fixtures.templateId }) });
    const job = (await created.json()) as { id: string };
    await (await fetch(`${p.url}/servicePrincipals/${sp}/synchronization/jobs/${job.id}`, { headers: auth })).arrayBuffer();
    await (await fetch(`${p.url}/servicePrincipals/${sp}/synchronization/jobs/${job.id}`, { method: 'DELETE', headers: auth })).arrayBuffer();
    const summary = await p.stop();
    expect(p.reporter.cases.map((c) => [c.id, c.status, findings(c)])).toEqual([
      ['0001 servicePrincipal.synchronization_CreateJob', 'passed', []],
      ['0002 servicePrincipal.synchronization_GetJob', 'passed', []],
      ['0003 servicePrincipal.synchronization_DeleteJob', 'passed', []],
    ]);
    expect(summary.verdict).toBe('conformant');
  });

  it('flags a create without templateId as a request finding, and one without credentials', async () => {
    const emu = await emulator();
    const p = await proxy(emu.url);
    const jobs = `${p.url}/servicePrincipals/${emu.fixtures.servicePrincipalId}/synchronization/jobs`;
    await (await fetch(jobs, { method: 'POST', headers: { authorization: `Bearer ${emu.fixtures.token}`, 'content-type': 'application/json' }, body: '{}' })).arrayBuffer();
    await (await fetch(jobs)).arrayBuffer();
    const summary = await p.stop();
    const [create, list] = p.reporter.cases;
    expect(findings(create)).toEqual(['request: body-matches-schema']);
    expect(create?.steps[0]?.findings[0]?.message).toBe("request body must have required property 'templateId'");
    // The emulator rightly answered 400 with a Graph error: the answer itself is documented.
    expect(create?.steps[1]?.status).toBe('passed');
    expect(findings(list)).toEqual(['request: header-is-present']);
    expect(summary.verdict).toBe('non-conformant');
  });

  it('flags a deviating answer as a response finding: a create answering 200', async () => {
    const emu = await emulator(['create-answers-200']);
    const p = await proxy(emu.url, { exitAfter: 1 });
    await (await fetch(`${p.url}/servicePrincipals/${emu.fixtures.servicePrincipalId}/synchronization/jobs`, { method: 'POST', headers: { authorization: `Bearer ${emu.fixtures.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ templateId: emu.fixtures.templateId }) })).arrayBuffer();
    const summary = await p.done;
    expect(findings(p.reporter.cases[0])).toEqual(['response: status-is-expected']);
    expect(p.reporter.cases[0]?.steps[1]?.findings[0]).toMatchObject({ message: 'status must be one of 201, 4xx, 5xx', actual: 200 });
    expect(summary.verdict).toBe('non-conformant');
  });

  it('flags a new job whose schedule is not Disabled as a response finding at /schedule/state', async () => {
    const emu = await emulator(['new-job-schedule-active']);
    const p = await proxy(emu.url, { exitAfter: 1 });
    await (await fetch(`${p.url}/servicePrincipals/${emu.fixtures.servicePrincipalId}/synchronization/jobs`, { method: 'POST', headers: { authorization: `Bearer ${emu.fixtures.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ templateId: emu.fixtures.templateId }) })).arrayBuffer();
    await p.done;
    expect(findings(p.reporter.cases[0])).toEqual(['response: body-matches-schema']);
    expect(p.reporter.cases[0]?.steps[1]?.findings[0]).toMatchObject({ pointer: '/schedule/state', actual: 'Active', expected: { enum: ['Disabled'] } });
  });

  it('answers 502 with a Graph error when the upstream is down, and counts it as an error, not a pass', async () => {
    const emu = await emulator();
    const url = emu.url;
    await emu.close();
    const p = await proxy(url);
    const res = await fetch(`${p.url}/servicePrincipals/x/synchronization/jobs`, { headers: { authorization: 'Bearer abcdefgh' } });
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BadGateway');
    const summary = await p.stop();
    expect(p.reporter.cases[0]?.status).toBe('error');
    expect(summary.verdict).toBe('incomplete');
  });

  it('records a HAR 1.2 file in which no token appears', async () => {
    const emu = await emulator();
    const har = join(tempDir(), 'traffic.har');
    const p = await proxy(emu.url, { record: har });
    const jobs = `${p.url}/servicePrincipals/${emu.fixtures.servicePrincipalId}/synchronization/jobs`;
    const secret = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl';
    await (await fetch(jobs, { method: 'POST', headers: { authorization: `Bearer ${emu.fixtures.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ templateId: emu.fixtures.templateId, note: secret }) })).arrayBuffer();
    // Provisioning secrets of the connected app are secrets too.
    const secrets = { value: [{ key: 'SecretToken', value: 'connected-app-secret-42' }] };
    await (await fetch(jobs.replace(/jobs$/, 'secrets'), { method: 'PUT', headers: { authorization: `Bearer ${emu.fixtures.token}`, 'content-type': 'application/json' }, body: JSON.stringify(secrets) })).arrayBuffer();
    await p.stop();
    const text = readFileSync(har, 'utf8');
    const doc = JSON.parse(text) as { log: { version: string; entries: { request: { method: string; headers: { name: string; value: string }[] }; response: { status: number } }[] } };
    expect(doc.log.version).toBe('1.2');
    expect(doc.log.entries.map((e) => [e.request.method, e.response.status])).toEqual([['POST', 201], ['PUT', 204]]);
    expect(doc.log.entries[0]?.request.headers).toContainEqual({ name: 'authorization', value: 'Bearer [REDACTED]' });
    expect(text).not.toContain(emu.fixtures.token);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('connected-app-secret-42');
  });
});
