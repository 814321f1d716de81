import { readFileSync } from 'node:fs';
import { addSecrets } from '../common/redact.js';
import { resolve } from 'node:path';
import { createTokenProvider, isCloudName, SignInError, type TokenProvider } from '../execute/auth/index.js';
import type { Settings } from './args.js';
import { UsageError } from './exit-codes.js';

/** True when the user asked to sign in with client credentials (any of their flags or variables). */
export function wantsSignIn(s: Settings): boolean {
  return ['tenant-id', 'client-id', 'client-secret', 'client-secret-file', 'client-certificate'].some((n) => s.get(n) !== undefined);
}

/** The cloud named by --cloud, checked. */
export function cloudOf(s: Settings): 'global' | 'usgov' | 'usgovdod' | 'china' {
  const name = s.get('cloud') ?? 'global';
  if (!isCloudName(name)) throw new UsageError(`${s.source('cloud')?.label ?? '--cloud'} ${JSON.stringify(name)} is not a cloud: use global, usgov, usgovdod or china`);
  return name;
}

/**
 * The run's credentials: a bearer token as given, or client credentials signed in with MSAL.
 * Incomplete options are usage errors; nothing is sent until the first token is asked for.
 */
export function tokenProviderFor(s: Settings, cwd: string): TokenProvider {
  let clientSecret = s.get('client-secret');
  const secretFile = s.get('client-secret-file');
  if (secretFile !== undefined) {
    if (clientSecret !== undefined) throw new UsageError('give the client secret once: --client-secret or --client-secret-file, not both');
    try {
      clientSecret = readFileSync(resolve(cwd, secretFile), 'utf8').trim();
      addSecrets(clientSecret);
    } catch (err) {
      throw new UsageError(`cannot read the client secret file ${secretFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  const token = s.get('token');
  try {
    return createTokenProvider({
      ...(token !== undefined ? { token } : {}),
      ...opt('tenantId', s.get('tenant-id')),
      ...opt('clientId', s.get('client-id')),
      ...opt('clientSecret', clientSecret),
      ...opt('certificatePath', s.get('client-certificate') !== undefined ? resolve(cwd, s.get('client-certificate')!) : undefined),
      ...opt('authority', s.get('authority')),
      cloud: cloudOf(s),
    });
  } catch (err) {
    if (err instanceof SignInError) throw new UsageError(`${err.message}${err.hint ? `\n  hint: ${err.hint}` : ''}`);
    throw err;
  }
}

function opt<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
