import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenProvider, SignInError } from '../../../src/execute/auth/index.js';
import { startFakeEntra, tokenReply, aadstsReply, type FakeEntra } from '../../fixtures/auth/fake-entra.js';
import { APP, expectNoSecretIn, SECRET, TENANT } from '../../fixtures/auth/identities.js';

let fake: FakeEntra;
beforeEach(async () => { fake = await startFakeEntra(); });
afterEach(async () => { await fake.close(); });

function signIn(now?: () => number) {
  return createTokenProvider(
    { tenantId: TENANT, clientId: APP, clientSecret: SECRET, authority: fake.authority },
    { dispatcher: fake.dispatcher, ...(now ? { now } : {}) },
  );
}

/** A clock the test moves by hand. */
function manualClock() {
  let t = Date.now();
  return { now: () => t, advance: (seconds: number) => { t += seconds * 1000; } };
}

describe('signing in with a client secret', () => {
  it('posts a form-encoded client-credentials request for the Graph scope to the tenant token endpoint', async () => {
    const token = await signIn().getToken();

    expect(token).toBe(fake.issued[0]);
    expect(fake.tokenRequests).toHaveLength(1);
    const req = fake.tokenRequests[0]!;
    expect(req.tenant).toBe(TENANT);
    expect(req.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(req.form.get('grant_type')).toBe('client_credentials');
    expect(req.form.get('client_id')).toBe(APP);
    expect(req.form.get('client_secret')).toBe(SECRET);
    expect(req.form.get('scope')).toBe('https://graph.microsoft.com/.default');
    expect(req.form.get('client_assertion')).toBeNull();
  });

  it('talks only to the authority it was given: its OpenID configuration, then its token endpoint', async () => {
    await signIn().getToken();

    expect(new Set(fake.origins)).toEqual(new Set([fake.authority]));
    expect(fake.seen.map((s) => s.replace(/\?.*$/, ''))).toEqual([
      `GET /${TENANT}/v2.0/.well-known/openid-configuration`,
      `POST /${TENANT}/oauth2/v2.0/token`,
    ]);
  });

  it('reuses the token for the run: two calls, one token request', async () => {
    const p = signIn();
    const first = await p.getToken();
    const second = await p.getToken();

    expect(second).toBe(first);
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('shares one token request between concurrent callers', async () => {
    const p = signIn();
    const tokens = await Promise.all([p.getToken(), p.getToken(), p.getToken(), p.getToken()]);

    expect(new Set(tokens).size).toBe(1);
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('renews an hour-long token five minutes before it expires, not earlier', async () => {
    const clock = manualClock();
    const p = signIn(clock.now);
    const first = await p.getToken();

    clock.advance(3000); // 50 min: 9 min left
    expect(await p.getToken()).toBe(first);
    expect(fake.tokenRequests).toHaveLength(1);

    clock.advance(300); // 55 min: under 5 min left
    const renewed = await p.getToken();
    expect(renewed).not.toBe(first);
    expect(renewed).toBe(fake.issued[1]);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('renews a short-lived token halfway through its life', async () => {
    fake.onToken((_r, n) => tokenReply(n, 60));
    const clock = manualClock();
    const p = signIn(clock.now);
    const first = await p.getToken();

    clock.advance(20);
    expect(await p.getToken()).toBe(first);
    clock.advance(12);
    expect(await p.getToken()).not.toBe(first);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('keeps using a still-valid token when a renewal fails, and fails once it has expired', async () => {
    fake.onToken((_r, n) => (n === 1 ? tokenReply(n) : { status: 503, text: 'Service Unavailable', contentType: 'text/plain' }));
    const clock = manualClock();
    const p = signIn(clock.now);
    const first = await p.getToken();

    clock.advance(3400); // due for renewal, about 3 min left
    expect(await p.getToken()).toBe(first);
    expect(fake.tokenRequests).toHaveLength(2);
    expect(await p.getToken()).toBe(first); // backing off: no new request right away
    expect(fake.tokenRequests).toHaveLength(2);

    clock.advance(300); // expired
    await expect(p.getToken()).rejects.toMatchObject({ name: 'SignInError', code: 'unreachable' });
  });

  it('says who signs in without revealing the secret, and lists the secret and every token for redaction', async () => {
    const p = signIn();
    await p.getToken();

    expect(p.describe()).toBe(`client credentials for app ${APP} in tenant ${TENANT} (secret), ` +
      `signing in at ${fake.authority} for https://graph.microsoft.com/.default`);
    expect(p.secrets()).toEqual(expect.arrayContaining([SECRET, fake.issued[0]]));
    expectNoSecretIn([p.describe()], [SECRET, fake.issued[0]!]);
  });

  it('tries again on the next call after a refused sign-in', async () => {
    fake.onToken((_r, n) => (n === 1 ? aadstsReply(7000215, 'invalid_client', 'Invalid client secret provided.', 401) : tokenReply(n)));
    const p = signIn();

    await expect(p.getToken()).rejects.toBeInstanceOf(SignInError);
    expect(await p.getToken()).toBe(fake.issued[0]);
  });
});
