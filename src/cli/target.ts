import { EMULATOR_USER_VARIABLES, startEmulator } from '../emulator/index.js';
import { UsageError } from './exit-codes.js';
import type { Settings } from './args.js';
import { parseTarget } from './values.js';
import { clouds } from '../execute/auth/index.js';
import { cloudOf, tokenProviderFor, wantsSignIn } from './credentials.js';

/** The system under test and how to talk to it. */
export interface Target {
  baseUrl: string;
  /** For reports: never holds a secret. */
  label: string;
  token: () => Promise<string>;
  /** Every secret the run knows, for redaction. */
  secrets: () => string[];
  servicePrincipalId: string;
  templateId?: string;
  /** How the run signs in, for people: never a secret. */
  signIn?: string;
  /** Loopback targets answer fast and are ours to write to. */
  local: boolean;
  /** User variables the target itself can fill (the embedded emulator's data), below the user's own. */
  userVariables?: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * With no --target, starts the embedded emulator on a free loopback port and tests it; that is
 * what `npm start` does. Otherwise the target needs credentials and a service principal.
 */
export async function resolveTarget(s: Settings, cwd: string): Promise<Target> {
  const signIn = wantsSignIn(s);
  const targetText = s.get('target') ?? (signIn || s.get('cloud') !== undefined ? `${clouds[cloudOf(s)].graphRoot}/v1.0` : undefined);
  if (targetText === undefined) {
    const emu = await startEmulator({ port: 0 });
    const token = s.get('token') ?? emu.fixtures.token;
    return {
      baseUrl: emu.url,
      label: `embedded emulator (${emu.url})`,
      token: async () => token,
      secrets: () => [token],
      servicePrincipalId: s.get('service-principal') ?? emu.fixtures.servicePrincipalId,
      templateId: s.get('template') ?? emu.fixtures.templateId,
      local: true,
      userVariables: EMULATOR_USER_VARIABLES,
      close: () => emu.close(),
    };
  }
  const baseUrl = parseTarget(targetText, s.source('target')?.label ?? '--target');
  if (s.get('token') === undefined && !signIn) {
    throw new UsageError(
      'a target needs credentials: pass --token (or set GSC_TOKEN) with a bearer token for its Graph, or sign in with ' +
        '--tenant-id, --client-id and --client-secret or --client-certificate (GSC_TENANT_ID, GSC_CLIENT_ID, GSC_CLIENT_SECRET, GSC_CLIENT_CERTIFICATE_PATH)',
    );
  }
  const provider = tokenProviderFor(s, cwd);
  const sp = s.get('service-principal');
  if (sp === undefined) {
    throw new UsageError(
      'which service principal? pass --service-principal ID (or set GSC_SERVICE_PRINCIPAL_ID). Find one with ' +
        '`GET /servicePrincipals?$filter=displayName eq \'NAME\'` in Graph Explorer, or `az ad sp list --display-name NAME --query [].id`',
    );
  }
  const host = new URL(baseUrl).hostname;
  return {
    baseUrl,
    label: baseUrl,
    token: () => provider.getToken(),
    secrets: () => provider.secrets(),
    ...(signIn ? { signIn: provider.describe() } : {}),
    servicePrincipalId: sp,
    ...(s.get('template') !== undefined ? { templateId: s.get('template') } : {}),
    local: host === 'localhost' || host === '[::1]' || host.startsWith('127.'),
    close: async () => {},
  };
}
