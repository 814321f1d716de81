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
 * AADSTS codes seen on a client-credentials token request, keyed by number. Each cause agrees with
 * the code's name and description in Microsoft's published list,
 * https://learn.microsoft.com/entra/identity-platform/reference-error-codes (checked 2026-12-01);
 * the comment above each entry gives that name. A code not on that list gets no hint of ours: the
 * service's own description is shown, with the lookup link.
 */
export const AADSTS_CAUSES: Readonly<Record<string, Cause>> = {
  // InvalidTenantName: the tenant was not found; often an app used against the wrong cloud.
  '90002': {
    cause: (c) => `the tenant "${c.tenantId}" was not found at ${c.authority} (${c.cloud.name} cloud)`,
    fix: () => `check ${TENANT}; ${CLOUD_FIX}`,
  },
  // UnauthorizedClient_DoesNotMatchRequest: the application was not found in the directory/tenant.
  '700016': {
    cause: (c) => `the app ${c.clientId} was not found in tenant ${c.tenantId}`,
    fix: () => 'check that --client-id (GSC_CLIENT_ID) is the application (client) ID and --tenant-id (GSC_TENANT_ID) ' +
      "the app's tenant; an app registered in another tenant needs admin consent in this one first",
  },
  // "Invalid client secret is provided."
  '7000215': {
    cause: (c) => `the client secret is not valid for the app ${c.clientId}`,
    fix: () => 'set --client-secret (GSC_CLIENT_SECRET) to the secret\'s Value (shown once, when it is created), not its Secret ID',
  },
  // InvalidClientSecretExpiredKeysProvided: the provided client secret keys are expired.
  '7000222': {
    cause: (c) => `the client secret of the app ${c.clientId} has expired`,
    fix: () => 'add a new client secret under the app\'s "Certificates & secrets" and set --client-secret (GSC_CLIENT_SECRET) to its value',
  },
  // "Client assertion failed signature validation": the signing key is not one the app holds.
  '700027': {
    cause: (c) => `the certificate${c.thumbprintSha1 ? ` with thumbprint ${c.thumbprintSha1}` : ''} is not registered on the app ${c.clientId}`,
    fix: () => 'upload the certificate (the public part, .crt/.cer) under the app\'s "Certificates & secrets", or point ' +
      '--client-certificate (GSC_CLIENT_CERTIFICATE_PATH) at the one that is registered',
  },
  // DelegationDoesNotExist: the user or administrator has not consented to use the application.
  '65001': {
    cause: (c) => `the app ${c.clientId} has not been granted consent in tenant ${c.tenantId}`,
    fix: () => 'have an administrator grant admin consent to the app\'s Microsoft Graph application permissions ' +
      '(Synchronization.ReadWrite.All, or Application.ReadWrite.OwnedBy for apps the app owns)',
  },
  // UnauthorizedClientApplicationDisabled: the application is disabled.
  '7000112': {
    cause: (c) => `the app ${c.clientId} is disabled in tenant ${c.tenantId}`,
    fix: () => 'enable the enterprise application ("Enabled for users to sign-in?": Yes) or use another app',
  },
  // InvalidResourceServicePrincipalNotFound: the resource principal was not found in the tenant;
  // for Graph, usually a scope from another cloud than the tenant's.
  '500011': {
    cause: (c) => `tenant ${c.tenantId} does not know the resource ${c.cloud.graphRoot}`,
    fix: () => `check --cloud: the tenant's cloud decides the Graph root; ${CLOUD_FIX}`,
  },
  // BlockedByConditionalAccess: access has been blocked by Conditional Access policies.
  '53003': {
    cause: (c) => `a Conditional Access policy in tenant ${c.tenantId} blocked the app's sign-in`,
    fix: () => 'ask a tenant administrator to exclude this workload identity from the policy or run from an allowed location',
  },
};

/**
 * Where Microsoft explains any AADSTS code: the error page of the cloud's sign-in service
 * (China's is login.partner.microsoftonline.cn/error, as https://docs.azure.cn/entra/identity-platform/reference-error-codes says).
 */
export function errorLookupUrl(code: string, cloud?: Pick<Cloud, 'name'>): string {
  const host = cloud?.name === 'china' ? 'https://login.partner.microsoftonline.cn' : 'https://login.microsoftonline.com';
  return `${host}/error?code=${encodeURIComponent(code)}`;
}
