import { readFileSync } from 'node:fs';
import { addSecrets } from '../common/redact.js';
import { resolve } from 'node:path';
import type { Dispatcher } from 'undici';
import { createTokenProvider, isCloudName, SignInError, type TokenProvider } from '../execute/auth/index.js';
import { UsageError } from './exit-codes.js';
import { flagLabel, type Labeler, type SignInOptions } from './options.js';

/** True when the caller asked to sign in with client credentials (any of their options). */
export function wantsSignIn(o: SignInOptions): boolean {
  return [o.tenantId, o.clientId, o.clientSecret, o.clientSecretFile, o.clientCertificate].some((v) => v !== undefined);
}

/** The cloud named by `cloud`, checked. */
export function cloudOf(o: SignInOptions, label: Labeler = flagLabel): 'global' | 'usgov' | 'usgovdod' | 'china' {
  const name = o.cloud ?? 'global';
  if (!isCloudName(name)) throw new UsageError(`${label('cloud')} ${JSON.stringify(name)} is not a cloud: use global, usgov, usgovdod or china`);
  return name;
}

/**
 * The run's credentials: a bearer token as given, or client credentials signed in with MSAL
 * through `dispatcher` (the run's proxy and CAs; undici's global one when not given).
 * Incomplete options are usage errors; nothing is sent until the first token is asked for.
 */
export function tokenProviderFor(o: SignInOptions & { token?: string }, cwd: string, label: Labeler = flagLabel, dispatcher?: Dispatcher): TokenProvider {
  let clientSecret = o.clientSecret;
  const secretFile = o.clientSecretFile;
  if (secretFile !== undefined) {
    if (clientSecret !== undefined) throw new UsageError('give the client secret once: --client-secret or --client-secret-file, not both');
    try {
      clientSecret = readFileSync(resolve(cwd, secretFile), 'utf8').trim();
      addSecrets(clientSecret);
    } catch (err) {
      throw new UsageError(`cannot read the client secret file ${secretFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  try {
    return createTokenProvider({
      ...opt('token', o.token),
      ...opt('tenantId', o.tenantId),
      ...opt('clientId', o.clientId),
      ...opt('clientSecret', clientSecret),
      ...opt('certificatePath', o.clientCertificate !== undefined ? resolve(cwd, o.clientCertificate) : undefined),
      ...opt('authority', o.authority),
      cloud: cloudOf(o, label),
    }, dispatcher ? { dispatcher } : {});
  } catch (err) {
    if (err instanceof SignInError) throw new UsageError(`${err.message}${err.hint ? `\n  hint: ${err.hint}` : ''}`);
    throw err;
  }
}

function opt<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
