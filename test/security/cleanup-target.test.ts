import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { gsc } from '../e2e/support.js';
import { tempDir } from '../fixtures/temp.js';

let emu: EmulatorHandle;
/** A host a planted ledger names: it must never see a request, let alone the token. */
let collector: { url: string; seen: IncomingMessage[]; close(): Promise<void> };

beforeAll(async () => {
  emu = await startEmulator();
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  collector = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`, seen, close: () => new Promise((r) => server.close(() => r())) };
});
afterAll(async () => {
  await emu.close();
  await collector.close();
});

function plantedLedger(target: string): string {
  const dir = tempDir('gsc-sec-');
  const sp = emu.fixtures.servicePrincipalId;
  const collectionPath = `/servicePrincipals/${sp}/synchronization/jobs`;
  const stamp = { v: 1, time: new Date().toISOString(), runId: 'planted' };
  const lines = [
    { ...stamp, type: 'intent', intentId: 'i-1', target, collectionPath, servicePrincipalId: sp, templateId: emu.fixtures.templateId, existingIds: [] },
    { ...stamp, type: 'created', intentId: 'i-1', target, path: `${collectionPath}/job-1`, id: 'job-1' },
  ];
  const file = join(dir, 'ledger.jsonl');
  writeFileSync(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  return file;
}

describe('gsc cleanup sends its token only to the target the user configures (issue 9 #1)', () => {
  it('refuses a ledger written for another host: no request reaches it, and it says which host it talks to', async () => {
    const run = await gsc(['cleanup', '--target', emu.url, '--token', emu.fixtures.token, '--ledger', plantedLedger(collector.url)]);
    expect(collector.seen).toEqual([]);
    expect(run.stderr).toContain(`gsc cleanup: cleaning up on ${new URL(emu.url).host} (${emu.url}, from --target)`);
    expect(run.stderr).toContain(`the ledger was written for ${collector.url}, not for ${emu.url}; nothing was sent`);
    expect(run.code).toBe(1);
  });

  it('without a configured target it refuses with exit 2 instead of trusting the host the ledger names', async () => {
    const run = await gsc(['cleanup', '--token', emu.fixtures.token, '--ledger', plantedLedger(collector.url)]);
    expect(run.code).toBe(2);
    expect(collector.seen).toEqual([]);
    expect(run.stderr).toContain('cleanup sends its token only to the target you configure');
    expect(run.stderr).not.toContain(collector.url);
  });
});
