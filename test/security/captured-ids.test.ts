import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gsc, tempDir } from '../e2e/support.js';
import { createExample } from '../fixtures/graph/examples.js';

/**
 * Issue 9 §2: a captured value never steers a request. A hostile target answers a create with an
 * id that is a path (`../../../../users/bob`), or holds a lone surrogate or a control character.
 * The run must call that an unusable id (a finding), never put it into a path, and never send
 * the run's token anywhere but the job's own collection.
 */
const SP = '5e1f0c3a-6b7d-4e2f-9a81-0c2d3e4f5a6b';
const TEMPLATE = 'BoxOutDelta';
const TOKEN = 'TEST-ONLY-captured-ids-token-8c1d';

let server: Server;
let base: string;
/** The id the next create answers with. */
let hostileId = '';
/** Jobs the target holds (ids as it answered them). */
const jobs: string[] = [];
/** Every request the target saw: method and raw path. */
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const path = req.url ?? '';
      seen.push(`${req.method} ${path}`);
      const json = (status: number, value?: unknown): void => {
        res.writeHead(status, value === undefined ? {} : { 'content-type': 'application/json' });
        res.end(value === undefined ? undefined : JSON.stringify(value));
      };
      const collection = `/v1.0/servicePrincipals/${SP}/synchronization/jobs`;
      if (req.method === 'GET' && path === `/v1.0/servicePrincipals/${SP}/synchronization/templates`) return json(200, { value: [{ id: TEMPLATE }] });
      if (req.method === 'GET' && path === collection) return json(200, { value: jobs.map((id) => ({ id, templateId: TEMPLATE })) });
      if (req.method === 'POST' && path === collection) {
        jobs.push(hostileId);
        return json(201, { ...createExample(), '@odata.context': `${base}/$metadata#servicePrincipals('${SP}')/synchronization/jobs/$entity`, id: hostileId, templateId: TEMPLATE });
      }
      if (req.method === 'DELETE' && path.startsWith(`${collection}/`)) return json(204);
      json(404, { error: { code: 'NotFound', message: 'no such route' } });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));
beforeEach(() => {
  seen.length = 0;
  jobs.length = 0;
});

async function createAgainst(id: string) {
  hostileId = id;
  const out = tempDir('gsc-ids-');
  const run = await gsc(['run', '--target', base, '--service-principal', SP, '--template', TEMPLATE, '--grep', '^create/answers-201-with-a-job$', '--reporter', 'console,json', '--out', out], { env: { GSC_TOKEN: TOKEN } });
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { cases: { id: string; status: string; steps: { findings: { check: string; message: string }[] }[] }[] };
  return { run, results, out };
}

describe('an id that would steer the request', () => {
  it.each([
    ['a path climbing out of the collection', '../../../../users/bob'],
    ['a dot segment', '..'],
    ['a slash', 'job/1'],
    ['a lone surrogate', 'BoxOutDelta.\ud800.job'],
    ['a control character', 'BoxOutDelta.\u0000.job'],
  ])('%s is an "unusable id" finding, and no request leaves the job collection', async (_what, id) => {
    const { run, results } = await createAgainst(id);
    expect(run.code, run.stderr).toBe(1);
    const c = results.cases.find((x) => x.id === 'create/answers-201-with-a-job')!;
    expect(c.status).toBe('failed');
    expect(c.steps.flatMap((s) => s.findings).map((f) => f.check)).toContain('unusable-id');
    expect(run.stderr + run.stdout).not.toMatch(/internal error|URI malformed/);
    for (const r of seen) expect(r).toMatch(new RegExp(`^(GET|POST) /v1\\.0/servicePrincipals/${SP}/synchronization/(templates|jobs)$`));
    expect(seen.filter((r) => r.startsWith('DELETE'))).toEqual([]);
    // Never deleted by a path, the job is left to the listing: the run names it for gsc cleanup.
    expect(run.stderr).toMatch(/1 job\(s\) this run created may be left behind .*gsc cleanup --target \S+ --ledger/);
  });
});

describe('an ordinary id with characters a path must escape', () => {
  it('is sent percent-encoded as one path segment', async () => {
    const { run } = await createAgainst('BoxOutDelta.a b#c?d%e');
    expect(run.code, run.stdout).toBe(0);
    expect(seen).toContain(`DELETE /v1.0/servicePrincipals/${SP}/synchronization/jobs/BoxOutDelta.a%20b%23c%3Fd%25e`);
  });
});
