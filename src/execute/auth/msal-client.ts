import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import { toSignInError } from './map-error.js';
import { AuthNetworkClient } from './network.js';
import type { ClientCommon } from './options.js';
import type { AuthDeps } from './provider.js';

/** What a client-credentials sign-in needs of MSAL, imported at its first sign-in. */
export interface MsalClient {
  app: ConfidentialClientApplication;
  net: AuthNetworkClient;
  toSignInError: typeof toSignInError;
}

/** The MSAL app for one set of client credentials, sending through our own network client. */
export function createMsalClient(common: ClientCommon, credential: Partial<Configuration['auth']>, deps: Required<AuthDeps>): MsalClient {
  // A cloud's own authority uses MSAL's shipped metadata (China's token endpoint is an alias host);
  // an --authority is discovered from the network, so its metadata must keep the credential on its origin.
  const net = new AuthNetworkClient(deps.dispatcher, deps.timeoutMs, common.customAuthority ? new URL(common.authority).origin : undefined);
  const app = new ConfidentialClientApplication({
    auth: { clientId: common.clientId, authority: `${common.authority}/${common.tenantId}`, ...credential, ...discovery(common) },
    system: { networkClient: net },
  });
  return { app, net, toSignInError };
}

/**
 * For the clouds' own hosts MSAL ships the discovery metadata, so it sends nothing but the token
 * request. Any other host (`--authority`) would make it ask login.microsoftonline.com whether the
 * host is trusted; naming the host as known skips that, and MSAL reads the host's own OpenID
 * configuration instead.
 */
function discovery(common: ClientCommon): Partial<Configuration['auth']> {
  return common.customAuthority ? { knownAuthorities: [new URL(common.authority).host] } : {};
}
