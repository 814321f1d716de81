import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultFixtures, FixtureError, loadFixtures, parseFixtures, startEmulator } from '../../src/emulator/index.js';
import { Client, withEmulator } from './client.js';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'emulator');

/** The message a bad fixtures text gives. */
function problems(text: string): string {
  try {
    parseFixtures(text, 'f.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(FixtureError);
    return (error as Error).message;
  }
  throw new Error('expected the fixtures to be refused');
}

describe('fixtures files', () => {
  it('default.yaml spells out exactly the built-in fixtures', async () => {
    expect(await loadFixtures(join(dir, 'default.yaml'))).toEqual(defaultFixtures());
  });

  it('reads JSON too, filling in defaults for optional template keys', async () => {
    const f = await loadFixtures(join(dir, 'two-apps.json'));
    expect(f.tokens).toEqual(['token-for-ci', 'token-for-local-runs']);
    expect(f.servicePrincipals[1]?.templates[1]).toEqual({
      id: 'salesforceSandbox',
      factoryTag: null,
      applicationId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
      default: false,
      discoverable: false,
      description: null,
      metadata: [],
      schema: { directories: [], synchronizationRules: [] },
      jobSettings: [],
    });
  });

  it('serves what the fixtures say: their service principals, templates and tokens', async () => {
    const fixtures = await loadFixtures(join(dir, 'two-apps.json'));
    await withEmulator({ fixtures }, async (c) => {
      expect(c.handle.fixtures).toEqual({ servicePrincipalId: '1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0', templateId: 'scim', token: 'token-for-ci' });
      const other = '/servicePrincipals/2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d/synchronization/jobs';
      expect((await c.send('POST', other, { json: { templateId: 'salesforce' }, auth: 'Bearer token-for-local-runs' })).status).toBe(201);
      expect((await c.send('POST', other, { json: { templateId: 'scim' } })).status).toBe(400);
      expect((await c.send('GET', other, { auth: 'Bearer gsc-emulator-token' })).status).toBe(401);
    });
  });

  it('reports every mistake in a file with file:line:col, what is wrong and how to fix it', async () => {
    const file = join(dir, 'invalid', 'typos.yaml');
    const error = await loadFixtures(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FixtureError);
    expect((error as Error).message.split('\n')).toEqual([
      `${file}:4:12: servicePrincipals[0].appId: must be a GUID such as 8e4c2a10-5b3d-4f6e-9a7c-1d2e3f405a6b`,
      `${file}:8:9: servicePrincipals[0].templates[0]: unknown key \`discoverble\`; did you mean \`discoverable\`?`,
      `${file}:9:18: servicePrincipals[0].templates[0].default: must be boolean`,
      `${file}:10:9: tokens: must list at least one entry`,
    ]);
  });

  it('points at YAML syntax errors', () => {
    expect(problems('tokens: [a]\ntokens: [b]\n')).toBe('f.yaml:2:1: not valid YAML or JSON: Map keys must be unique');
  });

  it('refuses duplicate ids and names missing keys', () => {
    const sp = (id: string): string => `  - { id: ${id}, appId: ${id}, displayName: d, templates: [{ id: A }, { id: a }] }\n`;
    const text = `servicePrincipals:\n${sp('8e4c2a10-5b3d-4f6e-9a7c-1d2e3f405a6b')}${sp('8E4C2A10-5B3D-4F6E-9A7C-1D2E3F405A6B')}tokens: [t]\n`;
    expect(problems(text)).toContain('f.yaml:3:11: servicePrincipals[1].id: 8e4c2a10-5b3d-4f6e-9a7c-1d2e3f405a6b is listed twice');
    expect(problems(text)).toContain('servicePrincipals[0].templates[1].id: a is listed twice for this service principal');
    expect(problems('tokens: [t]\n')).toBe('f.yaml:1:1: the file: missing key `servicePrincipals`; add it');
  });

  it('says so when the file does not exist', async () => {
    await expect(loadFixtures('/no/such/fixtures.yaml')).rejects.toThrow(
      '/no/such/fixtures.yaml:1:1: cannot read the fixtures file (no such file); check the path given to --fixtures',
    );
  });

  it('refuses fixtures built in code when they are invalid', async () => {
    const fixtures = defaultFixtures();
    fixtures.tokens = [];
    await expect(startEmulator({ fixtures })).rejects.toThrow('invalid fixtures:\n  tokens: must list at least one entry');
  });

  it('gives an emulator its own copy: changing the fixtures afterwards changes nothing', async () => {
    const fixtures = defaultFixtures();
    const h = await startEmulator({ fixtures });
    fixtures.tokens[0] = 'changed';
    const c = new Client(h);
    expect((await c.send('GET', c.jobs)).status).toBe(200);
    await h.close();
  });
});
