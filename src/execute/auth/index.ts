/**
 * Entra sign-in for the engine: a static token, or client credentials (secret or certificate)
 * through MSAL, in the global cloud or a national one.
 */
import { getGlobalDispatcher } from '../undici.js';
import { clientCredentialsProvider } from './client-credentials.js';
import { planSignIn, type CredentialOptions } from './options.js';
import type { AuthDeps, TokenProvider } from './provider.js';
import { staticTokenProvider } from './static-token.js';

export { clouds, cloudNames, graphScope, isCloudName, type Cloud, type CloudName } from './clouds.js';
export { SignInError, type SignInErrorCode } from './errors.js';
export type { CredentialOptions } from './options.js';
export type { AuthDeps, TokenProvider } from './provider.js';
export { REDACTED } from '../../common/redact.js';

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Picks static token or client credentials. Nothing is sent yet: the first `getToken()` signs in.
 * A certificate file is read now, so a bad one fails here.
 * @throws SignInError `incomplete` for options that cannot work (e.g. a client ID without a
 * tenant), naming the flags and environment variables to set; `certificate` for an unusable PEM.
 */
export function createTokenProvider(o: CredentialOptions, deps: AuthDeps = {}): TokenProvider {
  const plan = planSignIn(o);
  const full: Required<AuthDeps> = {
    dispatcher: deps.dispatcher ?? getGlobalDispatcher(),
    now: deps.now ?? Date.now,
    timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  return plan.kind === 'token' ? staticTokenProvider(plan.token, full.now) : clientCredentialsProvider(plan, full);
}
