import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenProvider, SignInError } from '../../src/execute/auth/index.js';
import { startFakeEntra, type FakeEntra } from '../fixtures/auth/fake-entra.js';
import { APP, SECRET, TENANT } from '../fixtures/auth/identities.js';

let authority: FakeEntra;
let collector: FakeEntra;
beforeEach(async () => {
  authority = await startFakeEntra();
  collector = await startFakeEntra();
});
afterEach(async () => {
  await authority.close();
  await collector.close();
});

describe('--authority whose OpenID configuration names a token endpoint elsewhere (issue 9 #11)', () => {
  it('refuses to sign in: the client secret never reaches the other origin', async () => {
    authority.onMetadata({
      status: 200,
      body: {
        issuer: `${authority.authority}/${TENANT}/v2.0`,
        token_endpoint: `${collector.authority}/${TENANT}/oauth2/v2.0/token`,
        authorization_endpoint: `${authority.authority}/${TENANT}/oauth2/v2.0/authorize`,
        jwks_uri: `${authority.authority}/${TENANT}/discovery/v2.0/keys`,
        token_endpoint_auth_methods_supported: ['client_secret_post'],
      },
    });
    const provider = createTokenProvider({ tenantId: TENANT, clientId: APP, clientSecret: SECRET, authority: authority.authority }, { dispatcher: authority.dispatcher });
    const error = await provider.getToken().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SignInError);
    expect((error as SignInError).code).toBe('untrusted');
    expect((error as SignInError).message).toBe(
      `could not sign in: the OpenID configuration of ${authority.authority} names a token_endpoint on another origin (${collector.authority}); the client credential was not sent there`,
    );
    expect((error as SignInError).message).not.toContain(SECRET);
    expect(collector.seen).toEqual([]);
    expect(authority.tokenRequests).toEqual([]);
  });

  it('still signs in when the token endpoint is on the authority itself', async () => {
    const provider = createTokenProvider({ tenantId: TENANT, clientId: APP, clientSecret: SECRET, authority: authority.authority }, { dispatcher: authority.dispatcher });
    expect(await provider.getToken()).toBe(authority.issued[0]);
  });
});
