import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { gsc, targetFlags, tempDir } from './support.js';

const SCHEMA = join(process.cwd(), 'schemas', 'suite.schema.json');

/** A suite that lists the jobs with pages: all and expects these value lines (`/pointer: {…}`), one per line. */
function suite(dir: string, expectations: string[]): string {
  const file = join(dir, 'pages.yaml');
  writeFileSync(file, `$schema: ${SCHEMA}
suite: paging/all
title: Paging
doc: https://learn.microsoft.com/graph/paging
cases:
  - id: paging/list-reads-every-page
    title: The list holds every job, on whatever page
    level: MUST
    steps:
      - name: list
        request:
          method: GET
          path: /servicePrincipals/{{servicePrincipalId}}/synchronization/jobs
          pages: all
        expect:
          status: 200
          json:
${expectations.map((e) => `            ${e}`).join('\n')}
            /@odata.nextLink: { absent: true }
`);
  return file;
}

describe('pages: all', () => {
  it('reads a paged list to its last @odata.nextLink and judges every item', async () => {
    const emu = await startEmulator({ behaviours: ['paged-lists'] });
    const dir = tempDir();
    try {
      const c = { method: 'POST', headers: { authorization: `Bearer ${emu.fixtures.token}`, 'content-type': 'application/json' }, body: '{"templateId":"BoxOutDelta"}' };
      const jobs = `${emu.url}/servicePrincipals/${emu.fixtures.servicePrincipalId}/synchronization/jobs`;
      for (let i = 0; i < 3; i++) await fetch(jobs, c);
      const listed = emu.jobs().map((j) => j.id);
      // The ids in the order the emulator lists them: page one holds the first, page three the last.
      suite(dir, [...listed.map((id, i) => `/value/${i}/id: { equals: "${id}" }`), '/value/3: { absent: true }']);
      const run = await gsc(['run', join(dir, 'pages.yaml'), ...targetFlags(emu), '--out', join(dir, 'out'), '--reporter', 'console', '--ledger', 'off']);
      expect(run.stdout).toContain('PASS  paging/list-reads-every-page');
      expect(run.code).toBe(0);
    } finally {
      await emu.close();
    }
  });

  it('never follows a link off the target: the step is in error and nothing is sent there', async () => {
    let elsewhere = 0;
    const other = createServer((_req, res) => {
      elsewhere++;
      res.end('{"value":[]}');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const otherPort = (other.address() as AddressInfo).port;
    const target = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.includes('/templates')) res.end('{"value":[{"id":"T"}]}');
      else res.end(JSON.stringify({ value: [{ id: 'a' }], '@odata.nextLink': `http://127.0.0.1:${otherPort}/v1.0/servicePrincipals/sp/synchronization/jobs?$skiptoken=1` }));
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    const dir = tempDir();
    try {
      suite(dir, ['/value: { equals: [] }']);
      const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/v1.0`;
      const run = await gsc(['run', join(dir, 'pages.yaml'), '--target', url, '--token', 't0k3n', '--service-principal', 'sp', '--template', 'T', '--out', join(dir, 'out'), '--reporter', 'console', '--ledger', 'off']);
      expect(run.stdout).toMatch(/ERROR +paging\/list-reads-every-page/);
      expect(run.stdout).toContain('outside the target');
      expect(elsewhere).toBe(0);
      expect(run.code).toBe(3);
    } finally {
      target.close();
      other.close();
    }
  });
});
