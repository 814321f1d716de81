import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/index.js';
import type { CreatedEntry, IntentEntry } from '../../../src/execute/ledger/index.js';
import { gsc } from '../../e2e/support.js';
import { workdir } from './support.js';

/** A team's config: the emulator as a named target, its token from a variable, a second target beside it. */
function teamConfig(emu: EmulatorHandle, token: string): string {
  return `
    $schema: ./node_modules/graph-sync-conformance/schemas/config.schema.json
    default: lab
    targets:
      lab:
        target: ${emu.url}
        token: { ${token} }
        servicePrincipal: ${emu.fixtures.servicePrincipalId}
        template: ${emu.fixtures.templateId}
        concurrency: 2
        consistencyTimeout: 2s
        tags: "!destructive"
      contoso:
        target: https://graph.microsoft.com/v1.0
        tenantId: contoso.onmicrosoft.com
        clientId: 00000000-0000-0000-0000-00000000000a
        clientSecret: { env: CONTOSO_CLIENT_SECRET }
        servicePrincipal: 11111111-1111-1111-1111-111111111111
  `;
}

describe('gsc run with nothing but a config file', () => {
  let emu: EmulatorHandle;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());

  it('tests the default target with its token from an environment variable, and cleans up', async () => {
    const dir = workdir(teamConfig(emu, 'env: LAB_TOKEN'));
    const run = await gsc(['run', '--out', 'reports', '--grep', '^(create|list)/'], { cwd: dir, env: { LAB_TOKEN: emu.fixtures.token } });
    expect(run.stderr).toContain('gsc: target lab of gsc.config.yaml (default)');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('PASS  create/answers-201-with-a-job');
    expect(run.stdout).toMatch(/^gsc: \d+ passed, 0 failed, 0 errors, 0 skipped/m);
    expect(emu.jobs()).toEqual([]);
    const results = JSON.parse(readFileSync(join(dir, 'reports', 'results.json'), 'utf8')) as { target: string };
    expect(JSON.stringify(results)).toContain(emu.url);
    for (const text of [run.stdout, run.stderr, ...readdirSync(join(dir, 'reports')).map((f) => readFileSync(join(dir, 'reports', f), 'utf8'))]) {
      expect(text).not.toContain(emu.fixtures.token);
    }
  });

  it('applies the target tags: destructive cases are left out', async () => {
    const dir = workdir(teamConfig(emu, 'env: LAB_TOKEN'));
    const all = await gsc(['list'], { cwd: dir });
    const destructive = all.stdout.split('\n').filter((l) => l.includes('destructive')).map((l) => l.split(/\s+/)[1]!);
    expect(destructive.length).toBeGreaterThan(0);
    const run = await gsc(['run', '--out', 'reports'], { cwd: dir, env: { LAB_TOKEN: emu.fixtures.token } });
    expect(run.code).toBe(0);
    for (const id of destructive) expect(run.stdout).not.toContain(id);
  });

  it('reads the token from a file the config names', async () => {
    const dir = workdir(teamConfig(emu, 'file: secrets/lab-token.txt'), { 'secrets/lab-token.txt': `${emu.fixtures.token}\n` });
    const run = await gsc(['run', '--out', 'reports', '--grep', '^list/'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(emu.fixtures.token);
  });

  it('lets a flag override the config file: a wrong --token is rejected, exit 3, and never echoed', async () => {
    const dir = workdir(teamConfig(emu, 'env: LAB_TOKEN'));
    const run = await gsc(['run', '--out', 'reports', '--grep', '^list/', '--token', 'not-the-lab-token'], { cwd: dir, env: { LAB_TOKEN: emu.fixtures.token } });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/rejected the run's credentials \(401 InvalidAuthenticationToken\)/);
    expect(run.stdout + run.stderr).not.toContain('not-the-lab-token');
  });

  it('gsc cleanup takes the target and the token from the config file', async () => {
    const dir = workdir(teamConfig(emu, 'env: LAB_TOKEN'));
    const collection = `/servicePrincipals/${emu.fixtures.servicePrincipalId}/synchronization/jobs`;
    const created = await fetch(`${emu.url}${collection}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.fixtures.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ templateId: emu.fixtures.templateId }),
    });
    const { id } = (await created.json()) as { id: string };
    // What a run killed right after this create would have left in its ledger.
    const stamp = { v: 1 as const, time: new Date().toISOString(), runId: 'killed-run' };
    const intent: IntentEntry = { ...stamp, type: 'intent', intentId: 'i-1', target: emu.url, collectionPath: collection, servicePrincipalId: emu.fixtures.servicePrincipalId, templateId: emu.fixtures.templateId, existingIds: [] };
    const done: CreatedEntry = { ...stamp, type: 'created', intentId: 'i-1', target: emu.url, path: `${collection}/${id}`, id };
    appendFileSync(join(dir, 'ledger.jsonl'), `${JSON.stringify(intent)}\n${JSON.stringify(done)}\n`);
    expect(emu.jobs().map((j) => j.id)).toEqual([id]);

    const run = await gsc(['cleanup', '--ledger', 'ledger.jsonl'], { cwd: dir, env: { LAB_TOKEN: emu.fixtures.token } });
    expect(run.stderr).toContain('gsc: target lab of gsc.config.yaml (default)');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/gsc cleanup: 1 deleted/);
    expect(emu.jobs()).toEqual([]);
    expect(run.stdout + run.stderr).not.toContain(emu.fixtures.token);
  });
});
