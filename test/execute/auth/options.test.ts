import { describe, expect, it } from 'vitest';
import { createTokenProvider, SignInError, type CredentialOptions } from '../../../src/execute/auth/index.js';
import { APP, expectNoSecretIn, SECRET, TENANT } from '../../fixtures/auth/identities.js';

function refusal(o: CredentialOptions): SignInError {
  let caught: unknown;
  try {
    createTokenProvider(o);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(SignInError);
  const e = caught as SignInError;
  expect(e.code).toBe('incomplete');
  expectNoSecretIn([e.message, e.hint], [SECRET]);
  return e;
}

describe('options that cannot sign in are refused before anything is sent', () => {
  it('no credentials at all: names both ways, with flags and variables', () => {
    const e = refusal({});
    expect(e.message).toBe('no credentials were given');
    for (const name of ['--token', 'GSC_TOKEN', '--tenant-id', 'GSC_TENANT_ID', '--client-id', 'GSC_CLIENT_ID',
      '--client-secret', 'GSC_CLIENT_SECRET', '--client-certificate', 'GSC_CLIENT_CERTIFICATE_PATH']) {
      expect(e.hint).toContain(name);
    }
  });

  it('blank values count as unset (an exported but empty variable)', () => {
    expect(refusal({ token: '  ', tenantId: '', clientId: '' }).message).toBe('no credentials were given');
  });

  it('a client ID without a tenant', () => {
    const e = refusal({ clientId: APP, clientSecret: SECRET });
    expect(e.message).toBe('client credentials need the tenant to sign in to');
    expect(e.hint).toContain('--tenant-id (GSC_TENANT_ID)');
  });

  it('a tenant without a client ID', () => {
    const e = refusal({ tenantId: TENANT, clientSecret: SECRET });
    expect(e.message).toBe('client credentials need the application (client) ID');
    expect(e.hint).toContain('--client-id (GSC_CLIENT_ID)');
  });

  it('an app without a secret or certificate', () => {
    const e = refusal({ tenantId: TENANT, clientId: APP });
    expect(e.message).toBe(`the app ${APP} has no credential`);
    expect(e.hint).toMatch(/--client-secret \(GSC_CLIENT_SECRET\).*--client-certificate \(GSC_CLIENT_CERTIFICATE_PATH\)/);
  });

  it('both a secret and a certificate', () => {
    const e = refusal({ tenantId: TENANT, clientId: APP, clientSecret: SECRET, certificatePath: '/tmp/app.pem' });
    expect(e.message).toBe('both a client secret and a client certificate were given');
  });

  it('a token together with client options', () => {
    const e = refusal({ token: 'eyJ0eXAiOiJKV1QifQ.e30.sig', tenantId: TENANT, clientSecret: SECRET });
    expect(e.message).toBe('a token and client credentials (--tenant-id, --client-secret) were both given');
  });

  it('a multi-tenant alias as the tenant', () => {
    const e = refusal({ tenantId: 'organizations', clientId: APP, clientSecret: SECRET });
    expect(e.message).toBe('the tenant "organizations" is a multi-tenant alias, and an app signs in to one tenant');
  });

  it('a tenant that would change the token URL', () => {
    expect(refusal({ tenantId: 'contoso/../x', clientId: APP, clientSecret: SECRET }).message)
      .toBe('the tenant "contoso/../x" is neither a GUID nor a domain name');
  });

  it('a client ID that is not a GUID (an app name, say)', () => {
    const e = refusal({ tenantId: TENANT, clientId: 'my-sync-app', clientSecret: SECRET });
    expect(e.message).toBe('the client ID "my-sync-app" is not a GUID');
    expect(e.hint).toContain('application (client) ID');
  });

  it('an unknown cloud, listing the known ones', () => {
    const e = refusal({ tenantId: TENANT, clientId: APP, clientSecret: SECRET, cloud: 'germany' as never });
    expect(e.message).toBe('unknown cloud "germany"');
    expect(e.hint).toBe('set --cloud to one of: global, usgov, usgovdod, china');
  });

  it.each([
    ['login.microsoftonline.us', 'is not a URL'],
    ['http://127.0.0.1:8080', 'does not use https'],
    [`https://login.microsoftonline.com/${TENANT}`, 'has more than a host'],
  ])('an authority %s', (authority, what) => {
    const e = refusal({ tenantId: TENANT, clientId: APP, clientSecret: SECRET, authority });
    expect(e.message).toBe(`the authority "${authority}" ${what}`);
    expect(e.hint).toContain('--authority');
  });
});
