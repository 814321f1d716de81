import type { Configuration } from '@azure/msal-node';
import type { SignInContext } from './aadsts.js';
import { readClientCertificate } from './certificate.js';
import { graphScope } from './clouds.js';
import { SignInError } from './errors.js';
import type { MsalClient } from './msal-client.js';
import type { SignInPlan } from './options.js';
import { TokenCache } from './token-cache.js';
import type { AuthDeps, TokenProvider } from './provider.js';

/**
 * Signs in as an app (OAuth client credentials) through MSAL, with a secret or a certificate.
 * The certificate is read here, so a bad file fails before any request.
 */
export function clientCredentialsProvider(plan: Extract<SignInPlan, { kind: 'secret' | 'certificate' }>, deps: Required<AuthDeps>): TokenProvider {
  const { common } = plan;
  const own: string[] = [];
  const ctx: SignInContext = { tenantId: common.tenantId, clientId: common.clientId, cloud: common.cloud, authority: common.authority };
  let credential: Partial<Configuration['auth']>;
  let label: string;
  if (plan.kind === 'secret') {
    own.push(plan.secret);
    credential = { clientSecret: plan.secret };
    label = 'secret';
  } else {
    const cert = readClientCertificate(plan.certificatePath, new Date(deps.now()));
    own.push(...cert.secrets);
    ctx.thumbprintSha1 = cert.thumbprintSha1;
    credential = { clientCertificate: { thumbprintSha256: cert.thumbprintSha256, privateKey: cert.privateKeyPem, x5c: cert.x5c } };
    label = `certificate ${cert.thumbprintSha1} from ${plan.certificatePath}`;
  }
  const scope = graphScope(common.cloud);
  // MSAL is imported at the first sign-in, not with the engine: a run with a token never loads it.
  let client: Promise<MsalClient> | undefined;
  let seen: ReadonlySet<string> = new Set();
  const secrets = (): string[] => [...own, ...seen];

  const cache = new TokenCache(async () => {
    client ??= import('./msal-client.js').then((m) => m.createMsalClient(common, credential, deps));
    const { app, net, toSignInError } = await client;
    seen = net.seenSecrets;
    net.reset();
    let result;
    try {
      // Our cache decides when to refresh, so MSAL must not answer from its own.
      result = await app.acquireTokenByClientCredential({ scopes: [scope], skipCache: true });
    } catch (e) {
      if (net.refused) throw new SignInError('untrusted', `could not sign in: ${net.refused}`, 'check --authority: it must be the Entra sign-in host itself, whose metadata keeps its token endpoint on the same host (e.g. https://login.microsoftonline.us)');
      throw toSignInError(e, ctx, net, secrets());
    }
    if (!result?.accessToken) {
      throw new SignInError('unreachable', `could not sign in: ${common.authority} answered without an access token`,
        'check --cloud and --authority: the authority must be an Entra sign-in host such as https://login.microsoftonline.com');
    }
    net.seenSecrets.add(result.accessToken);
    // MSAL dates expiry on the wall clock; carry the lifetime over to the cache's clock.
    const lifetime = (result.expiresOn?.getTime() ?? Date.now()) - Date.now();
    return { token: result.accessToken, expiresAt: deps.now() + lifetime };
  }, deps.now);

  return {
    getToken: () => cache.get(),
    describe: () => `client credentials for app ${common.clientId} in tenant ${common.tenantId} (${label}), ` +
      `signing in at ${common.authority} for ${scope}`,
    secrets,
  };
}
