import { describe, expect, it } from 'vitest';
import { createTokenProvider, SignInError } from '../../../src/execute/auth/index.js';

function jwt(claims: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'RS256' })}.${part(claims)}.TEST-ONLY-signature-not-checked`;
}

const NOW = Date.parse('2026-03-01T12:00:00Z');
const CLAIMS = { aud: 'https://graph.microsoft.com', tid: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  appid: '11111111-2222-3333-4444-555555555555', exp: NOW / 1000 + 3600 };

describe('a token given as is', () => {
  it('is used unchanged, and pasting the whole "Bearer …" header value works too', async () => {
    const token = jwt(CLAIMS);
    expect(await createTokenProvider({ token }, { now: () => NOW }).getToken()).toBe(token);
    expect(await createTokenProvider({ token: `Bearer ${token}` }, { now: () => NOW }).getToken()).toBe(token);
  });

  it("is described by its claims (app, tenant, audience, expiry) and never by its value", () => {
    const token = jwt(CLAIMS);
    const p = createTokenProvider({ token }, { now: () => NOW });
    expect(p.describe()).toBe('a bearer token given as is (app 11111111-2222-3333-4444-555555555555, ' +
      'tenant 72f988bf-86f1-41af-91ab-2d7cd011db47, for https://graph.microsoft.com, expires 2026-03-01T13:00:00.000Z)');
    expect(p.describe()).not.toContain(token);
    expect(p.secrets()).toEqual([token]);
  });

  it('lists both the bare token and the pasted header value for redaction', () => {
    const token = jwt(CLAIMS);
    expect(createTokenProvider({ token: `Bearer ${token}` }).secrets()).toEqual([token, `Bearer ${token}`]);
  });

  it('stops with a clear message once it has expired, instead of failing every case with 401', async () => {
    const p = createTokenProvider({ token: jwt(CLAIMS) }, { now: () => NOW + 3601_000 });
    const err = await p.getToken().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SignInError);
    expect(err).toMatchObject({ code: 'rejected', message: 'the given token expired at 2026-03-01T13:00:00.000Z' });
    expect((err as SignInError).hint).toContain('--token (GSC_TOKEN)');
  });

  it('an opaque (non-JWT) token is used as is, expiry unknown', async () => {
    const p = createTokenProvider({ token: 'TEST-ONLY-opaque-token-value' });
    expect(await p.getToken()).toBe('TEST-ONLY-opaque-token-value');
    expect(p.describe()).toBe('a bearer token given as is (not a JWT, expiry unknown)');
  });

  it('a token with spaces or line breaks inside is refused (it would break the header)', () => {
    expect(() => createTokenProvider({ token: 'abc def' })).toThrowError(
      expect.objectContaining({ code: 'incomplete', message: 'the token contains spaces or control characters' }),
    );
    expect(() => createTokenProvider({ token: 'abc\r\nX-Injected: 1' })).toThrow(SignInError);
  });
});
