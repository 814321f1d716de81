import { clouds, cloudNames, isCloudName, type Cloud, type CloudName } from './clouds.js';
import { SignInError } from './errors.js';

/** How to sign in, as the CLI gathers it from flags and environment variables. */
export interface CredentialOptions {
  /** A bearer token used as is (`--token`, `GSC_TOKEN`). Excludes every other credential. */
  token?: string;
  /** Directory (tenant) ID or a verified domain (`--tenant-id`, `GSC_TENANT_ID`). */
  tenantId?: string;
  /** Application (client) ID of the app registration (`--client-id`, `GSC_CLIENT_ID`). */
  clientId?: string;
  /** Client secret value, not its ID (`--client-secret`, `GSC_CLIENT_SECRET`). */
  clientSecret?: string;
  /** PEM with the private key and the certificate (`--client-certificate`, `GSC_CLIENT_CERTIFICATE_PATH`). */
  certificatePath?: string;
  /** @default 'global' */
  cloud?: CloudName;
  /** Sign-in host overriding the cloud's, e.g. `https://login.microsoftonline.us` (`--authority`). */
  authority?: string;
}

/** Options checked and settled: exactly one way to sign in. */
export type SignInPlan =
  | { kind: 'token'; token: string }
  | { kind: 'secret'; common: ClientCommon; secret: string }
  | { kind: 'certificate'; common: ClientCommon; certificatePath: string };

/** What both client-credentials variants share. */
export interface ClientCommon {
  tenantId: string;
  clientId: string;
  cloud: Cloud;
  /** Sign-in host, no trailing slash. */
  authority: string;
  /** True when `--authority` replaced the cloud's own host. */
  customAuthority: boolean;
}

const HOW_TO_SIGN_IN =
  'set either --token (GSC_TOKEN), or --tenant-id (GSC_TENANT_ID) and --client-id (GSC_CLIENT_ID) with ' +
  '--client-secret (GSC_CLIENT_SECRET) or --client-certificate (GSC_CLIENT_CERTIFICATE_PATH)';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A tenant is a GUID or a domain; anything else would change the token URL's path.
const TENANT = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;
// Multi-tenant aliases: client credentials must name the one tenant whose service principal signs in.
const TENANT_ALIASES = new Set(['common', 'organizations', 'consumers']);

function incomplete(message: string, hint: string): SignInError {
  return new SignInError('incomplete', message, hint);
}

/** Empty or blank values count as unset: an exported-but-empty variable is a common CI slip. */
function given(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

/**
 * Checks the options and picks the sign-in method.
 * @throws SignInError `incomplete` naming the flags and variables to set.
 */
export function planSignIn(o: CredentialOptions): SignInPlan {
  const token = given(o.token);
  const tenantId = given(o.tenantId);
  const clientId = given(o.clientId);
  const secret = given(o.clientSecret);
  const certificatePath = given(o.certificatePath);
  const clientParts = [tenantId && '--tenant-id', clientId && '--client-id', secret && '--client-secret',
    certificatePath && '--client-certificate'].filter((x): x is string => !!x);

  if (token) {
    if (clientParts.length > 0) {
      throw incomplete(`a token and client credentials (${clientParts.join(', ')}) were both given`,
        'use one: drop --token (GSC_TOKEN) to sign in as the app, or drop the client options to use the token as is');
    }
    return { kind: 'token', token };
  }
  if (clientParts.length === 0) throw incomplete('no credentials were given', HOW_TO_SIGN_IN);
  if (secret && certificatePath) {
    throw incomplete('both a client secret and a client certificate were given',
      'use one: --client-secret (GSC_CLIENT_SECRET) or --client-certificate (GSC_CLIENT_CERTIFICATE_PATH)');
  }
  if (!tenantId) {
    throw incomplete('client credentials need the tenant to sign in to',
      'set --tenant-id (GSC_TENANT_ID) to the directory (tenant) ID or a verified domain such as contoso.onmicrosoft.com');
  }
  if (!clientId) {
    throw incomplete('client credentials need the application (client) ID',
      "set --client-id (GSC_CLIENT_ID) to the GUID on the app registration's Overview page");
  }
  if (!secret && !certificatePath) {
    throw incomplete(`the app ${clientId} has no credential`,
      'set --client-secret (GSC_CLIENT_SECRET) to a secret value, or --client-certificate ' +
        '(GSC_CLIENT_CERTIFICATE_PATH) to a PEM file with the private key and the certificate');
  }
  const common = { tenantId: checkTenant(tenantId), clientId: checkClientId(clientId), ...resolveHost(o) };
  return secret ? { kind: 'secret', common, secret } : { kind: 'certificate', common, certificatePath: certificatePath! };
}

function checkTenant(tenantId: string): string {
  if (TENANT_ALIASES.has(tenantId.toLowerCase())) {
    throw incomplete(`the tenant "${tenantId}" is a multi-tenant alias, and an app signs in to one tenant`,
      'set --tenant-id (GSC_TENANT_ID) to the directory (tenant) ID or a verified domain of the tenant under test');
  }
  if (!TENANT.test(tenantId)) {
    throw incomplete(`the tenant "${tenantId}" is neither a GUID nor a domain name`,
      'set --tenant-id (GSC_TENANT_ID) to the directory (tenant) ID, e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47, or a domain such as contoso.onmicrosoft.com');
  }
  return tenantId;
}

function checkClientId(clientId: string): string {
  if (!GUID.test(clientId)) {
    throw incomplete(`the client ID "${clientId}" is not a GUID`,
      "set --client-id (GSC_CLIENT_ID) to the application (client) ID on the app registration's Overview page, not its name or object ID");
  }
  return clientId;
}

function resolveHost(o: CredentialOptions): Pick<ClientCommon, 'cloud' | 'authority' | 'customAuthority'> {
  const name = o.cloud ?? 'global';
  if (!isCloudName(name)) {
    throw incomplete(`unknown cloud "${String(name)}"`, `set --cloud to one of: ${cloudNames.join(', ')}`);
  }
  const cloud = clouds[name];
  const override = given(o.authority);
  if (!override) return { cloud, authority: cloud.authority, customAuthority: false };
  let url: URL;
  try {
    url = new URL(override);
  } catch {
    throw incomplete(`the authority "${override}" is not a URL`, 'set --authority to a sign-in host such as https://login.microsoftonline.us');
  }
  if (url.protocol !== 'https:') {
    throw incomplete(`the authority "${override}" does not use https`, 'sign-in only works over https; set --authority to an https:// URL');
  }
  if (url.pathname.replace(/\/+$/, '') !== '' || url.search || url.hash || url.username || url.password) {
    throw incomplete(`the authority "${override}" has more than a host`,
      'set --authority to the sign-in host only, e.g. https://login.microsoftonline.us; the tenant comes from --tenant-id (GSC_TENANT_ID)');
  }
  return { cloud, authority: url.origin, customAuthority: true };
}
