import { clouds } from '../execute/auth/index.js';
import { createDispatcher, type NetworkPath } from '../execute/network-path.js';
import { cloudOf, tokenProviderFor, wantsSignIn } from './credentials.js';
import { UsageError } from './exit-codes.js';
import { flagLabel, type Labeler, type TargetOptions } from './options.js';
import { parseTarget } from './values.js';

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
  close(): Promise<void>;
}

/** The base URL the options name (checked), or undefined for the embedded emulator. */
export function targetUrl(o: TargetOptions, label: Labeler = flagLabel): string | undefined {
  const text = o.target ?? (wantsSignIn(o) || o.cloud !== undefined ? `${clouds[cloudOf(o, label)].graphRoot}/v1.0` : undefined);
  return text === undefined ? undefined : parseTarget(text, label('target'));
}

/** Loopback: on this machine, so fast to answer and ours to write to. */
export function isLocal(baseUrl: string | undefined): boolean {
  if (baseUrl === undefined) return true;
  const host = new URL(baseUrl).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}

/** Microsoft Graph itself: the base URL is a cloud's Graph root (any version). */
export function isGraphService(baseUrl: string): boolean {
  const origin = new URL(baseUrl).origin;
  return Object.values(clouds).some((c) => new URL(c.graphRoot).origin === origin);
}

/**
 * With no target, starts the embedded emulator on a free loopback port and tests it; that is
 * what `npm start` does. Otherwise the target needs credentials and a service principal.
 */
export async function resolveTarget(o: TargetOptions, cwd: string, label: Labeler = flagLabel, network: NetworkPath = {}): Promise<Target> {
  const baseUrl = targetUrl(o, label);
  if (baseUrl === undefined) {
    // Imported only here: a run against a target never loads the emulator's modules.
    const { startEmulator } = await import('../emulator/index.js');
    // A 3 s provisionOnDemand window: its 429 holds the whole run, and 10 s would double a first run.
    const emu = await startEmulator({ port: 0, provisionWindowMs: 3_000 });
    const token = o.token ?? emu.fixtures.token;
    return {
      baseUrl: emu.url,
      label: `embedded emulator (${emu.url})`,
      token: async () => token,
      secrets: () => [token],
      servicePrincipalId: o.servicePrincipalId ?? emu.fixtures.servicePrincipalId,
      templateId: o.templateId ?? emu.fixtures.templateId,
      local: true,
      close: () => emu.close(),
    };
  }
  const signIn = wantsSignIn(o);
  if (o.token === undefined && !signIn) {
    throw new UsageError(
      'a target needs credentials: pass --token (or set GSC_TOKEN) with a bearer token for its Graph, or sign in with ' +
        '--tenant-id, --client-id and --client-secret or --client-certificate (GSC_TENANT_ID, GSC_CLIENT_ID, GSC_CLIENT_SECRET, GSC_CLIENT_CERTIFICATE_PATH)',
    );
  }
  // Sign-in takes the run's network path too: a proxy that Graph requests need, MSAL needs as well.
  const direct = !network.httpProxy && !network.httpsProxy && !network.ca?.length;
  // Checked first, so a usage error leaves nothing open; signs in through the run's path below.
  const checked = tokenProviderFor(o, cwd, label);
  const sp = o.servicePrincipalId;
  if (sp === undefined) {
    throw new UsageError(
      'which service principal? pass --service-principal ID (or set GSC_SERVICE_PRINCIPAL_ID). Find one with ' +
        '`GET /servicePrincipals?$filter=displayName eq \'NAME\'` in Graph Explorer, or `az ad sp list --display-name NAME --query [].id`',
    );
  }
  const dispatcher = direct ? undefined : createDispatcher(network);
  const provider = direct ? checked : tokenProviderFor(o, cwd, label, dispatcher);
  return {
    baseUrl,
    label: baseUrl,
    token: () => provider.getToken(),
    secrets: () => provider.secrets(),
    ...(signIn ? { signIn: provider.describe() } : {}),
    servicePrincipalId: sp,
    ...(o.templateId !== undefined ? { templateId: o.templateId } : {}),
    local: isLocal(baseUrl),
    close: async () => {
      await dispatcher?.close();
    },
  };
}
