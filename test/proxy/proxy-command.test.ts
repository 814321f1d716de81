import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { gsc, tempDir } from '../e2e/support.js';

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});

/** `gsc proxy ARGS` in-process: the three exchanges an SDK sends through it, then what it printed. */
async function proxyThree(args: string[]) {
  let stderr = '';
  const done = gsc(['proxy', '--upstream', emu.url, '--exit-after', '3', '--reporter', 'console', '--out', tempDir(), ...args], { onOutput: (stream, text) => void (stream === 'stderr' && (stderr += text)) });
  for (let i = 0; i < 500 && !/listening on (\S+),/.test(stderr); i++) await new Promise((r) => setTimeout(r, 10));
  const url = /listening on (\S+),/.exec(stderr)![1]!;
  const jobs = `${url}/servicePrincipals/${emu.fixtures.servicePrincipalId}/synchronization/jobs`;
  const headers = { authorization: `Bearer ${emu.fixtures.token}`, 'content-type': 'application/json' };
  await (await fetch(jobs, { method: 'POST', headers, body: '{}' })).arrayBuffer(); // no templateId: a finding
  await (await fetch(jobs, { headers })).arrayBuffer();
  await (await fetch(`${url}/nothing/here`, { headers })).arrayBuffer(); // an operation specs/ lacks
  return done;
}

describe('gsc proxy on the console', () => {
  it('says it checks the exchanges as they pass, and in the end how many it checked and how they fared: never "0 cases"', async () => {
    const r = await proxyThree([]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Checking up to 3 exchanges against specs/ as they pass through, failing level MUST');
    expect(r.stdout).not.toMatch(/\d+ cases?\b/);
    expect(r.stdout).toContain('NOT conformant at level MUST: 1 exchange failed (0001 servicePrincipal.synchronization_CreateJob).');
    expect(r.stdout).toContain('gsc: 1 passed, 1 failed, 0 errors, 1 skipped');
  });

  it('refuses --level, since every exchange is judged by the documented contract (MUST) and no lower level could fail it', async () => {
    const r = await gsc(['proxy', '--upstream', emu.url, '--level', 'SHOULD']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('gsc proxy: --level: the proxy judges every exchange by the documented contract, all of it MUST, so there is no lower level to fail on; leave --level out');
    expect((await gsc(['proxy', '--help'])).stdout).not.toContain('--level');
  });
});
