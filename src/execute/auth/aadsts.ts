import type { Cloud } from './clouds.js';

/** What a cause needs to be worded for this run. None of it is secret. */
export interface SignInContext {
  tenantId: string;
  clientId: string;
  cloud: Cloud;
  authority: string;
  /** SHA-1 thumbprint as the Entra portal lists it, for the certificate flow. */
  thumbprintSha1?: string;
}

/** A likely cause of an AADSTS code, in plain words, and what to do about it. */
export interface Cause {
  cause: (c: SignInContext) => string;
  fix: (c: SignInContext) => string;
}

const TENANT = '--tenant-id (GSC_TENANT_ID)';
const CLOUD_FIX = 'if the tenant lives in a national cloud, set --cloud to usgov, usgovdod or china';

/**
 * AADSTS codes seen on a client-credentials token request, keyed by number
 * (https://learn.microsoft.com/entra/identity-platform/reference-error-codes).
 * Codes not listed here keep the service's own description.
 */
export const AADSTS_CAUSES: Readonly<Record<string, Cause>> = {
  // TenantNotFound / the tenant is in another cloud than the authority asked.
  '90002': {
    cause: (c) => `the tenant "${c.tenantId}" was not found at ${c.authority} (${c.cloud.name} cloud)`,
    fix: () => `check ${TENANT}; ${CLOUD_FIX}`,
  },
  // InvalidTenantIdentifier: neither a GUID nor a DNS name Entra recognises.
  '900023': {
    cause: (c) => `"${c.tenantId}" is not a valid tenant ID or domain`,
    fix: () => `set ${TENANT} to the directory (tenant) ID or a verified domain such as contoso.onmicrosoft.com`,
  },
  // UnauthorizedClient: no app with this ID in this tenant (or the app is in another tenant).
  '700016': {
    cause: (c) => `the app ${c.clientId} was not found in tenant ${c.tenantId}`,
    fix: () => 'check that --client-id (GSC_CLIENT_ID) is the application (client) ID and --tenant-id (GSC_TENANT_ID) ' +
      "the app's tenant; an app registered in another tenant needs admin consent in this one first",
  },
  // The app exists but has no service principal (enterprise application) in this tenant.
  '7000229': {
    cause: (c) => `the app ${c.clientId} has no service principal in tenant ${c.tenantId}`,
    fix: (c) => `create one (\`az ad sp create --id ${c.clientId}\`) or grant admin consent to the app in this tenant`,
  },
  '7000215': {
    cause: (c) => `the client secret is not valid for the app ${c.clientId}`,
    fix: () => 'set --client-secret (GSC_CLIENT_SECRET) to the secret\'s Value (shown once, when it is created), not its Secret ID',
  },
  '7000222': {
    cause: (c) => `the client secret of the app ${c.clientId} has expired`,
    fix: () => 'add a new client secret under the app\'s "Certificates & secrets" and set --client-secret (GSC_CLIENT_SECRET) to its value',
  },
  // InvalidClientCredential: the key that signed the assertion is not among the app's certificates.
  '700027': {
    cause: (c) => `the certificate${c.thumbprintSha1 ? ` with thumbprint ${c.thumbprintSha1}` : ''} is not registered on the app ${c.clientId}`,
    fix: () => 'upload the certificate (the public part, .crt/.cer) under the app\'s "Certificates & secrets", or point ' +
      '--client-certificate (GSC_CLIENT_CERTIFICATE_PATH) at the one that is registered',
  },
  // The client assertion's nbf/exp is outside Entra's window: the local clock is off.
  '700024': {
    cause: () => 'the signed client assertion is outside its valid time range',
    fix: () => 'the machine clock is probably wrong; synchronise it (NTP) and try again',
  },
  '65001': {
    cause: (c) => `the app ${c.clientId} has not been granted consent in tenant ${c.tenantId}`,
    fix: () => 'have an administrator grant admin consent to the app\'s Microsoft Graph application permissions ' +
      '(Synchronization.ReadWrite.All, or Application.ReadWrite.OwnedBy for apps the app owns)',
  },
  '7000112': {
    cause: (c) => `the app ${c.clientId} is disabled in tenant ${c.tenantId}`,
    fix: () => 'enable the enterprise application ("Enabled for users to sign-in?": Yes) or use another app',
  },
  // InvalidResourceServicePrincipalNotFound: usually a Graph scope from another cloud than the tenant's.
  '500011': {
    cause: (c) => `tenant ${c.tenantId} does not know the resource ${c.cloud.graphRoot}`,
    fix: () => `check --cloud: the tenant's cloud decides the Graph root; ${CLOUD_FIX}`,
  },
  '53003': {
    cause: (c) => `a Conditional Access policy in tenant ${c.tenantId} blocked the app's sign-in`,
    fix: () => 'ask a tenant administrator to exclude this workload identity from the policy or run from an allowed location',
  },
};

/** Where Microsoft explains any AADSTS code. */
export function errorLookupUrl(code: string): string {
  return `https://login.microsoftonline.com/error?code=${encodeURIComponent(code)}`;
}
