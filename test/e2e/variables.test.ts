import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { gsc, targetFlags, tempDir } from './support.js';

interface Results { cases: { id: string; status: string; skipReason?: string }[] }
const results = (out: string) => JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;

describe('gsc run with user variables', () => {
  it('skips a case whose variable is missing, naming it and how to give it', async () => {
    const emu = await startEmulator();
    const out = tempDir();
    try {
      const run = await gsc(['run', ...targetFlags(emu), '--grep', 'provision-on-demand', '--out', out, '--reporter', 'json,console']);
      expect(run.code).toBe(0);
      const cases = results(out).cases;
      expect(cases.map((c) => c.status)).toEqual(['skipped', 'skipped']);
      expect(cases[0]?.skipReason).toBe('needs {{vars.provisionUserId}}: give --var provisionUserId=VALUE, or set GSC_VAR_PROVISIONUSERID, or vars: in the config target');
      expect(emu.requestCount()).toBeLessThan(3); // the preflight only: nothing of the skipped cases was sent
    } finally {
      await emu.close();
    }
  });

  it('runs it once given, with a secret from the environment that appears in no output', async () => {
    const emu = await startEmulator();
    const out = tempDir();
    const secret = 'sEcReT-5f3a9c1e7b';
    try {
      const run = await gsc(
        ['run', ...targetFlags(emu), '--grep', 'validate-credentials/answers-204|provision-on-demand/answers', '--var', 'scimBaseAddress=https://scim.example/scim', '--out', out, '--reporter', 'json,junit,console', '--verbose'],
        { env: { GSC_SECRET_SCIMSECRETTOKEN: secret, GSC_VAR_PROVISIONUSERID: '6b4d6a2e-0c1f-4c8e-9d3a-5e7f8a9b0c1d' } },
      );
      expect(results(out).cases.map((c) => [c.id, c.status])).toEqual([
        ['validate-credentials/answers-204', 'passed'],
        ['provision-on-demand/answers-200-with-a-pair', 'passed'],
      ]);
      expect(run.code).toBe(0);
      for (const text of [run.stdout, run.stderr, ...readdirSync(out).map((f) => readFileSync(join(out, f), 'utf8'))]) expect(text).not.toContain(secret);
    } finally {
      await emu.close();
    }
  });

  it('refuses a --var that is not NAME=VALUE before sending anything (exit 2)', async () => {
    const run = await gsc(['run', '--var', 'provisionUserId', '--grep', 'provision']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--var takes NAME=VALUE');
  });

  it('needs nothing against the embedded emulator: its own data fills the variables', async () => {
    const out = tempDir();
    const run = await gsc(['run', '--grep', 'provision-on-demand/answers|validate-credentials|low-privilege', '--out', out, '--reporter', 'json']);
    expect(results(out).cases.map((c) => c.status)).toEqual(['passed', 'passed', 'passed', 'passed']);
    expect(run.code).toBe(0);
  });
});
