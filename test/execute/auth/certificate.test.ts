import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readClientCertificate } from '../../../src/execute/auth/certificate.js';
import { createTokenProvider, SignInError } from '../../../src/execute/auth/index.js';
import { TEST_CLIENT_PEM_PATH } from '../../fixtures/auth/fake-entra.js';
import { APP, expectNoSecretIn, TENANT } from '../../fixtures/auth/identities.js';

const PEM = readFileSync(TEST_CLIENT_PEM_PATH, 'utf8');
const KEY = /-----BEGIN PRIVATE KEY-----[\s\S]*?-----END PRIVATE KEY-----\n/.exec(PEM)![0];
const CERT = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n/.exec(PEM)![0];
const dir = mkdtempSync(join(tmpdir(), 'gsc-auth-cert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Creates a provider for the file and returns the refusal, checking it leaks no key material. */
function refusal(path: string): SignInError {
  let caught: unknown;
  try {
    createTokenProvider({ tenantId: TENANT, clientId: APP, certificatePath: path });
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(SignInError);
  const e = caught as SignInError;
  expect(e.code).toBe('certificate');
  expect(e.message).toContain(path);
  expectNoSecretIn([e.message, e.hint], [KEY.trim(), KEY.split('\n')[1]!]);
  return e;
}

describe('reading the client certificate PEM', () => {
  it('computes the thumbprints openssl prints for the test certificate', () => {
    const c = readClientCertificate(TEST_CLIENT_PEM_PATH);
    // openssl x509 -noout -fingerprint -sha256 / -sha1
    expect(c.thumbprintSha256).toBe('c66aae75b2ab78ad7dbcff4267b6428e9b11f4b649de82939ccdc425bd43c014');
    expect(c.thumbprintSha1).toBe('4FE96B4787735A2290ADEC7020F924AF7D132386');
    expect(c.subject).toBe('CN=gsc TEST ONLY client certificate');
  });

  it('accepts the certificate before the key, and puts the key’s own certificate first in x5c', () => {
    const c = readClientCertificate(file('cert-first.pem', CERT + KEY));
    expect(c.x5c.trim()).toBe(CERT.trim());
    expect(c.secrets).toContain(KEY.trim());
  });

  it('refuses a file that does not exist', () => {
    const path = join(dir, 'missing.pem');
    expect(refusal(path).message).toBe(`the client certificate ${path} does not exist`);
  });

  it('refuses a PEM with only the certificate (no private key)', () => {
    const e = refusal(file('cert-only.pem', CERT));
    expect(e.message).toMatch(/has no private key$/);
    expect(e.hint).toContain('cat app.key app.crt > app.pem');
  });

  it('refuses a PEM with only the key, since the thumbprint comes from the certificate', () => {
    expect(refusal(file('key-only.pem', KEY)).message).toMatch(/has a private key but no certificate/);
  });

  it('refuses a key that does not belong to the certificate', () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(refusal(file('mismatch.pem', stranger + CERT)).message).toMatch(/has a private key that belongs to none of its certificates$/);
  });

  it('refuses a passphrase-protected key and says how to decrypt it', () => {
    const encrypted = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'TEST-ONLY' }).toString();
    const e = refusal(file('encrypted.pem', encrypted + CERT));
    expect(e.message).toMatch(/has a passphrase-protected private key$/);
    expect(e.hint).toContain('openssl pkey');
  });

  it('refuses a non-RSA key, which cannot sign the PS256 assertion', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(refusal(file('ec.pem', ec + CERT)).message).toMatch(/has an EC private key, and sign-in needs RSA$/);
  });

  it('refuses a file that is not PEM (a .pfx, say) and says how to convert it', () => {
    const e = refusal(file('app.pfx', '\u0030\u0082binary-pkcs12'));
    expect(e.message).toMatch(/is not a PEM file$/);
    expect(e.hint).toContain('openssl pkcs12');
  });

  it('refuses an expired certificate', () => {
    expect(() => readClientCertificate(TEST_CLIENT_PEM_PATH, new Date('2200-01-01T00:00:00Z'))).toThrowError(
      expect.objectContaining({ code: 'certificate', message: `the client certificate ${TEST_CLIENT_PEM_PATH} expired on 2126-11-05T14:04:45.000Z` }),
    );
  });
});
