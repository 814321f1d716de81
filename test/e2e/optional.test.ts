import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gsc, tempDir } from './support.js';

/**
 * An emulator that implements only create (and delete, so runs can tidy up): the shape of a
 * project that is just starting. Every other route answers 404 with a Graph error body.
 */
function createOnlyServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const error = (code: string, message: string) => JSON.stringify({ error: { code, message, innerError: { date: '2026-11-29T12:00:00' } } });
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const send = (status: number, text?: string) => {
        res.writeHead(status, text ? { 'content-type': 'application/json' } : {});
        res.end(text);
      };
      if (req.headers.authorization !== 'Bearer only-create-token') return send(401, error('InvalidAuthenticationToken', 'Access token is empty.'));
      const jobs = /^\/v1\.0\/servicePrincipals\/sp-1\/synchronization\/jobs(\/[^/]+)?$/.exec(req.url ?? '');
      if (jobs && req.method === 'DELETE' && jobs[1]) return send(204);
      if (!jobs || jobs[1] || req.method !== 'POST') return send(404, error('Request_ResourceNotFound', 'no such route'));
      let templateId: unknown;
      try {
        templateId = (JSON.parse(body) as { templateId?: unknown }).templateId;
      } catch {
        return send(400, error('BadRequest', 'malformed JSON'));
      }
      if (templateId !== 'BoxOutDelta') return send(400, error('BadRequest', 'unknown template'));
      return send(201, JSON.stringify({
        id: `BoxOutDelta.${Math.random().toString(16).slice(2)}`,
        templateId,
        schedule: { expiration: null, interval: 'P10675199DT2H48M5.4775807S', state: 'Disabled' },
        status: {
          code: 'NotConfigured', countSuccessiveCompleteFailures: 0, escrowsPruned: false, synchronizedEntryCountByType: [],
          lastExecution: null, lastSuccessfulExecution: null, lastSuccessfulExecutionWithExports: null, quarantine: null,
          steadyStateFirstAchievedTime: '0001-01-01T00:00:00Z', steadyStateLastAchievedTime: '0001-01-01T00:00:00Z', troubleshootingUrl: null,
        },
      }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  })));
}

describe('a target that implements only create', () => {
  let target: Awaited<ReturnType<typeof createOnlyServer>>;
  let out: string;
  let run: Awaited<ReturnType<typeof gsc>>;
  beforeAll(async () => {
    target = await createOnlyServer();
    out = tempDir();
    run = await gsc(['run', '--target', target.url, '--service-principal', 'sp-1', '--template', 'BoxOutDelta', '--out', out, '--consistency-timeout', '200ms',
      '--grep', '^(create/answers-201|create/new-job|start/|pause/|list/|templates/|schema/|get/answers)'], { env: { GSC_TOKEN: 'only-create-token' } });
  });
  afterAll(() => target.close());

  it('passes the create cases it supports', () => {
    expect(run.stdout).toContain('PASS  create/answers-201-with-a-job');
    expect(run.stdout).toContain('PASS  create/new-job-status-never-ran');
  });

  it('skips the optional lifecycle cases with the reason, instead of failing them', () => {
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { cases: { id: string; status: string; skipReason?: string; skipCode?: string }[] };
    const lifecycle = results.cases.filter((c) => !c.id.startsWith('create/'));
    expect(lifecycle.length).toBeGreaterThan(4);
    for (const c of lifecycle) {
      expect(c.status, c.id).toBe('skipped');
      expect(c.skipCode, c.id).toBe('optional-route-missing');
      expect(c.skipReason).toMatch(/the target answered 404 to (GET|POST) \/v1\.0\/servicePrincipals\/sp-1\/synchronization\/\S+: it does not implement this optional route/);
    }
    expect(run.stdout).toMatch(/SKIP  start\/answers-204-and-activates/);
  });

  it('skips each missing route at once: one request, no polling for consistency', () => {
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { cases: { id: string; status: string; steps: { status: string; attempts: number }[] }[] };
    const answered = results.cases.filter((c) => c.status === 'skipped').flatMap((c) => c.steps.filter((s) => s.status === 'failed'));
    expect(answered.length).toBeGreaterThan(4);
    for (const step of answered) expect(step.attempts).toBe(1);
  });

  it('is conformant: nothing it implements broke the contract', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^gsc: 6 passed, 0 failed, 0 errors, \d+ skipped/m); // answers-201 and the five new-job cases
  });
});
