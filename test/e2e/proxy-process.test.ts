import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { removeBuiltCli, spawnGsc } from '../fixtures/remote-target/cli-process.js';
import { tempDir } from './support.js';

afterAll(() => removeBuiltCli());

describe('gsc proxy as a process', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('stops on %s: writes the reports and the HAR, removes its certificate, exits by the verdict', async (signal) => {
    const emu = await startEmulator();
    try {
      const out = tempDir();
      const proxy = spawnGsc(['proxy', '--upstream', emu.url, '--tls', '--out', out, '--reporter', 'json', '--record', join(out, 'traffic.har')]);
      await proxy.until(() => /NODE_EXTRA_CA_CERTS=/.test(proxy.stderr()), 'the certificate line', 20_000);
      const origin = /listening on (https:\/\/127\.0\.0\.1:\d+)/.exec(proxy.stderr())![1]!;
      const certFile = /NODE_EXTRA_CA_CERTS=(\S+)/.exec(proxy.stderr())![1]!;
      const { Agent, request } = await import('undici');
      const dispatcher = new Agent({ connect: { ca: readFileSync(certFile, 'utf8') } });
      const res = await request(`${origin}/v1.0/servicePrincipals/${emu.fixtures.servicePrincipalId}/synchronization/templates`, { dispatcher, headers: { authorization: `Bearer ${emu.fixtures.token}` } });
      expect(res.statusCode).toBe(200);
      await res.body.arrayBuffer();
      await dispatcher.close();
      proxy.child.kill(signal);
      expect(await proxy.exit()).toEqual({ code: 0, signal: null });
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { cases: { id: string; status: string }[] };
      expect(results.cases).toEqual([expect.objectContaining({ id: '0001 servicePrincipal.synchronization_ListTemplates', status: 'passed' })]);
      expect(existsSync(join(out, 'traffic.har'))).toBe(true);
      expect(existsSync(certFile)).toBe(false);
      expect(proxy.stderr() + proxy.stdout()).not.toContain(emu.fixtures.token);
    } finally {
      await emu.close();
    }
  }, 90_000);

  it('refuses to start without --upstream, saying how to give one (exit 2)', async () => {
    const proxy = spawnGsc(['proxy']);
    expect((await proxy.exit()).code).toBe(2);
    expect(proxy.stderr()).toContain('--upstream URL is required');
  }, 90_000);
});
