import { constants, createHash, verify, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenProvider } from '../../../src/execute/auth/index.js';
import { startFakeEntra, TEST_CLIENT_PEM_PATH, type FakeEntra } from '../../fixtures/auth/fake-entra.js';
import { APP, expectNoSecretIn, TENANT } from '../../fixtures/auth/identities.js';

const PEM = readFileSync(TEST_CLIENT_PEM_PATH, 'utf8');
const CERT = new X509Certificate(PEM);
const KEY_BLOCK = /-----BEGIN PRIVATE KEY-----[\s\S]*?-----END PRIVATE KEY-----/.exec(PEM)![0];

let fake: FakeEntra;
beforeEach(async () => { fake = await startFakeEntra(); });
afterEach(async () => { await fake.close(); });

function signIn() {
  return createTokenProvider(
    { tenantId: TENANT, clientId: APP, certificatePath: TEST_CLIENT_PEM_PATH, authority: fake.authority },
    { dispatcher: fake.dispatcher },
  );
}

function decodeJwt(jwt: string) {
  const [h, p, s] = jwt.split('.');
  const json = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  return { header: json(h!), payload: json(p!), signingInput: `${h}.${p}`, signature: Buffer.from(s!, 'base64url') };
}

describe('signing in with a client certificate', () => {
  it('sends a client assertion signed by the certificate key, and no secret', async () => {
    const token = await signIn().getToken();

    expect(token).toBe(fake.issued[0]);
    const form = fake.tokenRequests[0]!.form;
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('scope')).toBe('https://graph.microsoft.com/.default');
    expect(form.get('client_secret')).toBeNull();
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    const jwt = decodeJwt(form.get('client_assertion')!);
    expect(jwt.header.alg).toBe('PS256');
    const valid = verify('sha256', Buffer.from(jwt.signingInput), {
      key: CERT.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    }, jwt.signature);
    expect(valid).toBe(true);
  });

  it('names the certificate by its SHA-256 thumbprint and sends the certificate itself as x5c', async () => {
    await signIn().getToken();

    const { header } = decodeJwt(fake.tokenRequests[0]!.form.get('client_assertion')!);
    expect(header['x5t#S256']).toBe(createHash('sha256').update(CERT.raw).digest('base64url'));
    expect(header.x5c).toEqual([CERT.raw.toString('base64')]);
  });

  it('addresses the assertion to the token endpoint, issued by and about the app', async () => {
    await signIn().getToken();

    const { payload } = decodeJwt(fake.tokenRequests[0]!.form.get('client_assertion')!);
    expect(payload.aud).toBe(`${fake.authority}/${TENANT}/oauth2/v2.0/token`);
    expect(payload.iss).toBe(APP);
    expect(payload.sub).toBe(APP);
    expect(typeof payload.jti).toBe('string');
    expect((payload.exp as number) - (payload.nbf as number)).toBe(600);
  });

  it('describes the certificate by the SHA-1 thumbprint the portal shows, and hides the key and the assertion', async () => {
    const p = signIn();
    await p.getToken();
    const assertion = fake.tokenRequests[0]!.form.get('client_assertion')!;

    expect(p.describe()).toContain(`(certificate 4FE96B4787735A2290ADEC7020F924AF7D132386 from ${TEST_CLIENT_PEM_PATH})`);
    expect(p.secrets()).toEqual(expect.arrayContaining([KEY_BLOCK, assertion, fake.issued[0]]));
    expectNoSecretIn([p.describe()], [KEY_BLOCK, assertion, fake.issued[0]!]);
  });
});
