import { describe, expect, it } from 'vitest';
import { runSettings, workdir } from './support.js';

const CONFIG = `
  targets:
    contoso:
      target: https://graph.microsoft.com/v1.0
      token: { env: CONTOSO_TOKEN }
      servicePrincipal: 11111111-1111-1111-1111-111111111111
      concurrency: 2
      maxRps: 0.5
      allowWrites: true
      tags: ["!destructive", "!needs-credentials"]
`;
const ENV = { CONTOSO_TOKEN: 'contoso-token-value' };

describe('where a setting comes from: flag > environment > config file > default', () => {
  const dir = workdir(CONFIG);

  it('takes a value only the config file gives from the file, and names the file and key', () => {
    const { settings } = runSettings(dir, [], ENV);
    expect(settings?.get('concurrency')).toBe('2');
    expect(settings?.source('concurrency')).toEqual({ kind: 'config', label: 'gsc.config.yaml targets.contoso.concurrency' });
    expect(settings?.get('max-rps')).toBe('0.5');
    expect(settings?.get('tags')).toBe('!destructive,!needs-credentials');
  });

  it('lets the environment beat the config file', () => {
    const { settings } = runSettings(dir, [], { ...ENV, GSC_CONCURRENCY: '4' });
    expect(settings?.get('concurrency')).toBe('4');
    expect(settings?.source('concurrency')).toEqual({ kind: 'env', label: 'GSC_CONCURRENCY' });
  });

  it('lets a flag beat the environment and the config file', () => {
    const { settings } = runSettings(dir, ['--concurrency', '8'], { ...ENV, GSC_CONCURRENCY: '4' });
    expect(settings?.get('concurrency')).toBe('8');
    expect(settings?.source('concurrency')).toEqual({ kind: 'flag', label: '--concurrency' });
  });

  it('leaves a setting nobody gives to the command default', () => {
    const { settings } = runSettings(dir, [], ENV);
    expect(settings?.get('timeout')).toBeUndefined();
    expect(settings?.source('timeout')).toBeUndefined();
  });

  it('reads booleans from the file, and lets the environment turn them off', () => {
    expect(runSettings(dir, [], ENV).settings?.flag('allow-writes')).toBe(true);
    const off = runSettings(dir, [], { ...ENV, GSC_ALLOW_WRITES: 'false' }).settings;
    expect(off?.flag('allow-writes')).toBe(false);
    expect(off?.source('allow-writes')).toEqual({ kind: 'env', label: 'GSC_ALLOW_WRITES' });
  });

  it('says which target it took and why', () => {
    expect(runSettings(dir, [], ENV).stderr).toBe('gsc: target contoso of gsc.config.yaml (the only target)\n');
  });

  it('resolves a secret only when it is used: GSC_TOKEN makes the unset CONTOSO_TOKEN irrelevant', () => {
    const { settings, stderr } = runSettings(dir, [], { GSC_TOKEN: 'env-token' });
    expect(settings?.get('token')).toBe('env-token');
    expect(settings?.source('token')).toEqual({ kind: 'env', label: 'GSC_TOKEN' });
    expect(stderr).not.toMatch(/CONTOSO_TOKEN/);
  });

  it('without a config file, settings come from flags and the environment alone', () => {
    const { settings, stderr } = runSettings(workdir(undefined), ['--concurrency', '3'], {});
    expect(settings?.get('concurrency')).toBe('3');
    expect(settings?.get('target')).toBeUndefined();
    expect(stderr).toBe('');
  });
});

describe('sign-in options are overridden together, not mixed across layers', () => {
  const dir = workdir(`
    targets:
      contoso:
        target: https://graph.microsoft.com/v1.0
        tenantId: contoso.onmicrosoft.com
        clientId: 00000000-0000-0000-0000-00000000000a
        clientSecret: { env: CONTOSO_CLIENT_SECRET }
        servicePrincipal: 11111111-1111-1111-1111-111111111111
  `);

  it('a token from the environment replaces the file client credentials, and says so', () => {
    const { settings, stderr } = runSettings(dir, [], { GSC_TOKEN: 'env-token' });
    expect(settings?.get('token')).toBe('env-token');
    for (const flag of ['tenant-id', 'client-id', 'client-secret']) expect(settings?.get(flag)).toBeUndefined();
    expect(stderr).toContain('gsc: note: GSC_TOKEN replaces the sign-in of target contoso in gsc.config.yaml: its tenantId, clientId, clientSecret are not used');
  });

  it('a secret from the environment replaces only the file secret: tenant and client id still come from the file', () => {
    const { settings } = runSettings(dir, [], { GSC_CLIENT_SECRET: 'env-secret' });
    expect(settings?.get('client-secret')).toBe('env-secret');
    expect(settings?.source('client-secret')).toEqual({ kind: 'env', label: 'GSC_CLIENT_SECRET' });
    expect(settings?.source('tenant-id')).toEqual({ kind: 'config', label: 'gsc.config.yaml targets.contoso.tenantId' });
  });

  it('a certificate flag replaces the file secret instead of clashing with it', () => {
    const { settings } = runSettings(dir, ['--client-certificate', 'cert.pem'], {});
    expect(settings?.get('client-certificate')).toBe('cert.pem');
    expect(settings?.get('client-secret')).toBeUndefined();
    expect(settings?.get('client-id')).toBe('00000000-0000-0000-0000-00000000000a');
  });
});
