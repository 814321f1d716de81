import { existsSync, readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { runEmulatorCommand } from '../../src/emulator/index.js';

/** Runs `gsc emulator ARGS` in-process until `until` is seen on stdout; returns what it printed and a stop function. */
async function emulatorCommand(args: string[]): Promise<{ out: () => string; err: () => string; stop: () => Promise<number> }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const controller = new AbortController();
  const code = runEmulatorCommand(args, { stdout, stderr, signal: controller.signal });
  for (let i = 0; i < 200 && !/listening on|replaying/.test(out); i++) {
    if (err !== '') break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return { out: () => out, err: () => err, stop: () => (controller.abort(), code) };
}

describe('gsc emulator --tls', () => {
  it('serves HTTPS with a certificate made at start-up, prints its path for NODE_EXTRA_CA_CERTS, and removes it at the end', async () => {
    const emu = await emulatorCommand(['--tls']);
    const url = /listening on (https:\/\/\S+)/.exec(emu.out())?.[1];
    const certFile = /NODE_EXTRA_CA_CERTS=(\S+?);/.exec(emu.out())?.[1];
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\.0$/);
    expect(certFile && existsSync(certFile)).toBe(true);
    const dispatcher = new Agent({ connect: { ca: readFileSync(certFile!, 'utf8') } });
    const res = await request(`${url}/servicePrincipals/x/synchronization/jobs`, { dispatcher, headers: { authorization: 'Bearer gsc-emulator-token' } });
    expect(res.statusCode).toBe(404);
    const body = (await res.body.json()) as { error: { code: string } };
    expect(body.error.code).toMatch(/ResourceNotFound/);
    // Without the certificate, a client refuses the connection: it is not trusted by default.
    await expect(request(`${url}/servicePrincipals/x/synchronization/jobs`)).rejects.toThrow(/certificate/i);
    await dispatcher.close();
    expect(await emu.stop()).toBe(0);
    expect(existsSync(certFile!)).toBe(false);
  });

  it('refuses --cert without --key, with a message saying so', async () => {
    const emu = await emulatorCommand(['--cert', 'a.pem']);
    expect(await emu.stop()).toBe(2);
    expect(emu.err()).toContain('--cert and --key go together');
  });
});
