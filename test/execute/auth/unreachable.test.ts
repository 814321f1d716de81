import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenProvider, SignInError, type AuthDeps, type TokenProvider } from '../../../src/execute/auth/index.js';
import { startFakeEntra, type FakeEntra } from '../../fixtures/auth/fake-entra.js';
import { APP, expectNoSecretIn, SECRET, TENANT } from '../../fixtures/auth/identities.js';

let fake: FakeEntra;
beforeEach(async () => { fake = await startFakeEntra(); });
afterEach(async () => { await fake.close(); });

function signIn(authority = fake.authority, deps: AuthDeps = { dispatcher: fake.dispatcher }): TokenProvider {
  return createTokenProvider({ tenantId: TENANT, clientId: APP, clientSecret: SECRET, authority }, deps);
}

async function failure(p: TokenProvider): Promise<SignInError> {
  const err = await p.getToken().then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(SignInError);
  const e = err as SignInError;
  expectNoSecretIn([e.message, e.hint, e.stack ?? ''], p.secrets());
  return e;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('when no usable answer comes back', () => {
  it('says the connection was refused, and where', async () => {
    const authority = `https://127.0.0.1:${await closedPort()}`;

    const e = await failure(signIn(authority));

    expect(e.code).toBe('unreachable');
    expect(e.message).toBe(`could not sign in: ${authority}/${TENANT}/v2.0/.well-known/openid-configuration: the connection was refused`);
    expect(e.hint).toMatch(/check the network path to 127\.0\.0\.1:\d+ .*--authority/);
  });

  it('names an untrusted TLS certificate and how to trust an inspecting proxy', async () => {
    const untrusting = new Agent();
    try {
      const e = await failure(signIn(fake.authority, { dispatcher: untrusting }));

      expect(e.code).toBe('unreachable');
      expect(e.message).toMatch(/: its TLS certificate is not trusted \((SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT)\)$/);
      expect(e.hint).toMatch(/NODE_EXTRA_CA_CERTS/);
    } finally {
      await untrusting.close();
    }
  });

  it('gives up on a token endpoint that never answers, within the deadline', async () => {
    fake.onToken(() => ({ status: 200, hang: true }));
    const started = Date.now();

    const e = await failure(signIn(fake.authority, { dispatcher: fake.dispatcher, timeoutMs: 300 }));

    expect(Date.now() - started).toBeLessThan(5000);
    expect(e.code).toBe('unreachable');
    expect(e.message).toBe(`could not sign in: ${fake.authority}/${TENANT}/oauth2/v2.0/token: it did not answer within 0.3 s`);
  });

  it('recognises an authority that answers with an HTML page instead of a token', async () => {
    fake.onToken(() => ({ status: 404, text: '<html><body>Not Found</body></html>', contentType: 'text/html' }));

    const e = await failure(signIn());

    expect(e.code).toBe('unreachable');
    expect(e.message).toMatch(/: it answered HTTP 404 with a body that is not JSON \(text\/html\)$/);
  });

  it('recognises a host that serves no OpenID configuration', async () => {
    fake.onMetadata({ status: 404, body: { message: 'no such route' } });

    const e = await failure(signIn());

    expect(e.code).toBe('unreachable');
    expect(e.message).toBe(`could not sign in: ${fake.authority} did not serve an OpenID configuration at ${fake.authority}/${TENANT}/v2.0/.well-known/openid-configuration`);
    expect(e.hint).toMatch(/--cloud and --authority/);
    expect(fake.tokenRequests).toHaveLength(0);
  });

  it('refuses a 200 answer that carries no access token', async () => {
    fake.onToken(() => ({ status: 200, body: { token_type: 'Bearer', expires_in: 3599 } }));

    const e = await failure(signIn());

    expect(e.code).toBe('unreachable');
    expect(e.message).toMatch(/answered without an access token/);
  });
});
