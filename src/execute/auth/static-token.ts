import { SignInError } from './errors.js';
import type { TokenProvider } from './provider.js';

/** The claims worth showing about a token. None is secret; the signature is never read. */
interface Claims {
  exp?: number;
  tid?: string;
  appid?: string;
  azp?: string;
  aud?: string;
}

/**
 * Uses a token as given (`--token`). A JWT's claims are read, unverified, to say whose token it
 * is and to stop with a clear message once it has expired rather than fail every case with 401.
 */
export function staticTokenProvider(raw: string, now: () => number): TokenProvider {
  // People paste the whole header value; the engine adds "Bearer " itself.
  const token = raw.replace(/^bearer\s+/i, '');
  if (/[\s\u0000-\u001f\u007f]/.test(token)) {
    throw new SignInError('incomplete', 'the token contains spaces or control characters',
      'set --token (GSC_TOKEN) to the access token alone, e.g. the output of `az account get-access-token --resource https://graph.microsoft.com --query accessToken -o tsv`');
  }
  const claims = readClaims(token);
  const expiresAt = typeof claims?.exp === 'number' ? claims.exp * 1000 : undefined;
  return {
    async getToken() {
      if (expiresAt !== undefined && now() >= expiresAt) {
        throw new SignInError('rejected', `the given token expired at ${new Date(expiresAt).toISOString()}`,
          'get a fresh token and set --token (GSC_TOKEN), or sign in with client credentials so tokens are renewed');
      }
      return token;
    },
    describe: () => `a bearer token given as is (${summary(claims, expiresAt)})`,
    secrets: () => (raw === token ? [token] : [token, raw]),
  };
}

function readClaims(token: string): Claims | undefined {
  const payload = token.split('.')[1];
  if (token.split('.').length !== 3 || !payload) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Claims) : undefined;
  } catch {
    return undefined;
  }
}

function summary(c: Claims | undefined, expiresAt: number | undefined): string {
  if (!c) return 'not a JWT, expiry unknown';
  const parts = [
    (c.appid ?? c.azp) && `app ${c.appid ?? c.azp}`,
    c.tid && `tenant ${c.tid}`,
    c.aud && `for ${c.aud}`,
    expiresAt !== undefined ? `expires ${new Date(expiresAt).toISOString()}` : 'expiry unknown',
  ];
  return parts.filter(Boolean).join(', ');
}
