import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenProvider, SignInError, type TokenProvider } from '../../../src/execute/auth/index.js';
import { AADSTS_CAUSES } from '../../../src/execute/auth/aadsts.js';
import { aadstsReply, startFakeEntra, TEST_CLIENT_PEM_PATH, type FakeEntra } from '../../fixtures/auth/fake-entra.js';
import { APP, expectNoSecretIn, SECRET, TENANT } from '../../fixtures/auth/identities.js';

let fake: FakeEntra;
beforeEach(async () => { fake = await startFakeEntra(); });
afterEach(async () => { await fake.close(); });

function withSecret(): TokenProvider {
  return createTokenProvider({ tenantId: TENANT, clientId: APP, clientSecret: SECRET, authority: fake.authority }, { dispatcher: fake.dispatcher });
}
function withCertificate(): TokenProvider {
  return createTokenProvider({ tenantId: TENANT, clientId: APP, certificatePath: TEST_CLIENT_PEM_PATH, authority: fake.authority }, { dispatcher: fake.dispatcher });
}

/** Signs in and returns the SignInError, after checking no secret leaked into its words. */
async function failure(p: TokenProvider): Promise<SignInError> {
  const err = await p.getToken().then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(SignInError);
  const e = err as SignInError;
  expectNoSecretIn([e.message, e.hint, p.describe(), e.stack ?? ''], p.secrets());
  return e;
}

// Descriptions as Entra words them (reference-error-codes); the fake adds the trace lines and error_codes.
const CASES: Array<[number, string, string, RegExp, RegExp, () => TokenProvider]> = [
  [90002, 'invalid_request', `Tenant '${TENANT}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    /the tenant "contoso.onmicrosoft.com" was not found at https:\/\/127\.0\.0\.1:\d+ \(global cloud\)/, /--tenant-id \(GSC_TENANT_ID\).*--cloud/, withSecret],
  [700016, 'unauthorized_client', `Application with identifier '${APP}' was not found in the directory 'Contoso'.`,
    new RegExp(`the app ${APP} was not found in tenant ${TENANT}`), /--client-id \(GSC_CLIENT_ID\).*admin consent/, withSecret],
  [7000215, 'invalid_client', 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
    /the client secret is not valid/, /--client-secret \(GSC_CLIENT_SECRET\).*Value.*not its Secret ID/, withSecret],
  [7000222, 'invalid_client', `The provided client secret keys for app '${APP}' are expired.`,
    /the client secret of the app .* has expired/, /new client secret/, withSecret],
  [700027, 'invalid_client', 'The certificate with identifier used to sign the client assertion is not registered on application.',
    /the certificate with thumbprint 4FE96B4787735A2290ADEC7020F924AF7D132386 is not registered on the app/, /upload the certificate/, withCertificate],
  [65001, 'invalid_grant', `The user or administrator has not consented to use the application with ID '${APP}'.`,
    /has not been granted consent/, /admin consent.*Synchronization\.ReadWrite\.All/, withSecret],
  [7000112, 'unauthorized_client', `Application '${APP}'(gsc) is disabled.`,
    /is disabled in tenant/, /enable the enterprise application/, withSecret],
  [500011, 'invalid_resource', `The resource principal named https://graph.microsoft.com was not found in the tenant named ${TENANT}.`,
    /does not know the resource https:\/\/graph\.microsoft\.com/, /--cloud/, withSecret],
  [53003, 'access_denied', 'Access has been blocked by Conditional Access policies.',
    /Conditional Access policy/, /exclude this workload identity/, withSecret],
];

describe('a refused sign-in says the likely cause in plain words', () => {
  it.each(CASES)('AADSTS%i (%s)', async (code, error, description, message, hint, make) => {
    fake.onToken(() => aadstsReply(code, error, description, code === 53003 ? 400 : 401));

    const e = await failure(make());

    expect(e.code).toBe('rejected');
    expect(e.message).toMatch(/^sign-in rejected: /);
    expect(e.message).toMatch(message);
    expect(e.message).toContain(`(AADSTS${code})`);
    expect(e.message).toMatch(/\[trace ID [0-9a-f-]{36}, correlation ID [0-9a-f-]{36}\]$/);
    expect(e.hint).toMatch(hint);
  });
});

// The names Microsoft's published list gives each code we word a cause for
// (https://learn.microsoft.com/entra/identity-platform/reference-error-codes). A hint for a code
// joins the table only after its meaning is checked there.
const PUBLISHED: Record<string, string> = {
  '90002': 'InvalidTenantName', '700016': 'UnauthorizedClient_DoesNotMatchRequest', '7000215': 'Invalid client secret is provided',
  '7000222': 'InvalidClientSecretExpiredKeysProvided', '700027': 'Client assertion failed signature validation',
  '65001': 'DelegationDoesNotExist', '7000112': 'UnauthorizedClientApplicationDisabled',
  '500011': 'InvalidResourceServicePrincipalNotFound', '53003': 'BlockedByConditionalAccess',
};

describe('the hints agree with the published list', () => {
  it('words a cause only for codes on it', () => {
    expect(Object.keys(AADSTS_CAUSES).sort()).toEqual(Object.keys(PUBLISHED).sort());
    expect(CASES.map(([code]) => String(code)).sort()).toEqual(Object.keys(PUBLISHED).sort());
  });

  it('AADSTS7000112 means the application is disabled', async () => {
    fake.onToken(() => aadstsReply(7000112, 'unauthorized_client', 'The application is disabled.'));
    const e = await failure(withSecret());
    expect(e.message).toContain(`the app ${APP} is disabled in tenant ${TENANT} (AADSTS7000112)`);
  });

  // Seen in the wild but not on the list: the service's own words, never a guess of ours.
  it.each([
    [900023, 'invalid_request', `Specified tenant identifier '${TENANT}' is neither a valid DNS name, nor a valid external domain.`],
    [700024, 'invalid_client', 'Client assertion is not within its valid time range.'],
    [7000229, 'invalid_client', `The client application ${APP} is missing service principal in the tenant ${TENANT}.`],
  ])('AADSTS%i keeps the service\'s description and links its page', async (code, error, description) => {
    fake.onToken(() => aadstsReply(code, error, description));
    const e = await failure(withSecret());
    expect(e.message).toContain(`sign-in rejected (AADSTS${code}): ${description}`);
    expect(e.hint).toBe(`see https://login.microsoftonline.com/error?code=${code} for what the code means`);
  });
});

describe('a refusal with a code we do not know', () => {
  it("keeps the service's description, minus anything secret, and links the code's page", async () => {
    fake.onToken(() => aadstsReply(99999, 'invalid_request', `Something new went wrong for secret '${SECRET}'.`));

    const e = await failure(withSecret());

    expect(e.code).toBe('rejected');
    expect(e.message).toMatch(/^sign-in rejected \(AADSTS99999\): Something new went wrong for secret '\[REDACTED\]'\. \[trace ID/);
    expect(e.hint).toBe('see https://login.microsoftonline.com/error?code=99999 for what the code means');
  });
});

describe('the service failing is not a refusal', () => {
  it('reports a 503 with an AADSTS body as a service-side problem to retry later', async () => {
    fake.onToken(() => aadstsReply(90033, 'temporarily_unavailable', 'A transient error has occurred. Please try again.', 503));

    const e = await failure(withSecret());

    expect(e.code).toBe('unreachable');
    expect(e.message).toMatch(/^Entra could not sign in right now \(HTTP 503, AADSTS90033\): A transient error has occurred/);
    expect(e.hint).toMatch(/try again/);
  });

  it('holds back the next attempt that MSAL throttles, and still says why', async () => {
    fake.onToken(() => aadstsReply(90033, 'temporarily_unavailable', 'A transient error has occurred.', 503));
    const p = withSecret();
    await failure(p);

    const e = await failure(p);

    expect(fake.tokenRequests).toHaveLength(1);
    expect(e.code).toBe('unreachable');
    expect(e.message).toMatch(/^Entra asked to wait before signing in again \(AADSTS90033\): A transient error has occurred\./);
  });
});
