import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_USER_VARIABLES, startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { gsc, tempDir } from './support.js';

/**
 * README, "Checking a real tenant", step 2: a token that may read but not write (the app lacks
 * Synchronization.ReadWrite.All or Application.ReadWrite.OwnedBy) cannot test the writes. The run
 * says so, case by case, and ends incomplete (exit 3): never "NOT conformant at level MUST"
 * with a `status must be 201` per write, which would stop a release for a permission.
 */
/** The emulator's token that may read but not write. */
const READ_ONLY_TOKEN = EMULATOR_USER_VARIABLES['secrets.lowPrivilegeToken']!;

interface Results {
  verdict: string;
  cases: { id: string; status: string; error?: { code: string; message: string } }[];
}

describe.each([
  ['as the docs answer (403 Authorization_RequestDenied)', [], '403 Authorization_RequestDenied'],
  ['as the real service answers (401 UnknownError)', ['unknown-error-401'], '401 UnknownError'],
])('gsc run --allow-writes with a read-only token, the emulator %s', (_title, behaviours, refusal) => {
  let emu: EmulatorHandle;
  beforeAll(async () => {
    emu = await startEmulator({ behaviours });
  });
  afterAll(() => emu.close());

  const run = async () => {
    const out = tempDir();
    const cli = await gsc(['run', '--allow-writes', '--target', emu.url, '--service-principal', emu.fixtures.servicePrincipalId, '--out', out], { env: { GSC_TOKEN: READ_ONLY_TOKEN } });
    return { cli, results: JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results };
  };

  it('ends incomplete (exit 3), never NOT conformant: no case failed for want of the permission', async () => {
    const { cli, results } = await run();
    expect(cli.code).toBe(3);
    expect(cli.stdout).not.toContain('NOT conformant');
    expect(cli.stdout).toMatch(/Conformance NOT shown at level MUST: no MUST case failed, but not everything was tested; \d+ cases could not be tested\./);
    expect(results.verdict).toBe('incomplete');
    expect(results.cases.filter((c) => c.status === 'failed').map((c) => c.id)).toEqual([]);
  });

  it('says of each write it could not test what the refusal can mean: the permission the token lacks', async () => {
    const { cli, results } = await run();
    const create = results.cases.find((c) => c.id === 'create/answers-201-with-a-job');
    expect(create?.status).toBe('error');
    expect(create?.error?.code).toBe('auth');
    expect(create?.error?.message).toContain(`not permitted: POST …/synchronization/jobs answered ${refusal}, not 201, so the case could not be tested.`);
    expect(create?.error?.message).toContain('can mean: the app lacks permission (Synchronization.ReadWrite.All, or Application.ReadWrite.OwnedBy');
    expect(cli.stdout).toContain(`ERROR create/answers-201-with-a-job`);
    expect(cli.stdout).toContain(`error: auth: not permitted: POST …/synchronization/jobs answered ${refusal}, not 201`);
    expect(emu.jobs()).toEqual([]);
  });

  it('still judges the cases whose point is a refusal: a target that answers a missing token 403, not 401, fails them', async () => {
    const deviating = await startEmulator({ behaviours, deviations: ['auth-failure-403'] });
    try {
      const out = tempDir();
      const cli = await gsc(['run', '--allow-writes', '--target', deviating.url, '--service-principal', deviating.fixtures.servicePrincipalId, '--out', out], { env: { GSC_TOKEN: READ_ONLY_TOKEN } });
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
      const judged = ['create/requires-authorization', 'create/rejects-invalid-token', 'create/rejects-malformed-token'];
      expect(results.cases.filter((c) => judged.includes(c.id)).map((c) => `${c.id} ${c.status}`).sort()).toEqual(judged.map((id) => `${id} failed`).sort());
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain('NOT conformant at level MUST');
    } finally {
      await deviating.close();
    }
  });
});
