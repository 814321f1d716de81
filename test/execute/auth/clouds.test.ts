import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { clouds, createTokenProvider, graphScope, type CloudName } from '../../../src/execute/auth/index.js';
import { APP, SECRET, TENANT } from '../../fixtures/auth/identities.js';

describe('the cloud table', () => {
  it('pairs each cloud with its Graph root and sign-in host (national-cloud deployments page)', () => {
    expect(clouds).toEqual({
      global: { name: 'global', graphRoot: 'https://graph.microsoft.com', authority: 'https://login.microsoftonline.com' },
      usgov: { name: 'usgov', graphRoot: 'https://graph.microsoft.us', authority: 'https://login.microsoftonline.us' },
      usgovdod: { name: 'usgovdod', graphRoot: 'https://dod-graph.microsoft.us', authority: 'https://login.microsoftonline.us' },
      china: { name: 'china', graphRoot: 'https://microsoftgraph.chinacloudapi.cn', authority: 'https://login.partner.microsoftonline.cn' },
    });
  });

  it("asks for the cloud's own Graph root plus /.default", () => {
    expect(graphScope(clouds.global)).toBe('https://graph.microsoft.com/.default');
    expect(graphScope(clouds.usgov)).toBe('https://graph.microsoft.us/.default');
    expect(graphScope(clouds.usgovdod)).toBe('https://dod-graph.microsoft.us/.default');
    expect(graphScope(clouds.china)).toBe('https://microsoftgraph.chinacloudapi.cn/.default');
  });
});

// MSAL ships discovery metadata for the real sign-in hosts, so signing in there must cost exactly one
// request: the token POST. A MockAgent that refuses every other request proves it without a network.
const WIRE: Record<CloudName, string> = {
  global: 'https://login.microsoftonline.com',
  usgov: 'https://login.microsoftonline.us',
  usgovdod: 'https://login.microsoftonline.us',
  china: 'https://login.partner.microsoftonline.cn',
};

describe('signing in to each cloud', () => {
  let mock: MockAgent | undefined;
  afterEach(async () => { await mock?.close(); });

  it.each(Object.keys(WIRE) as CloudName[])('%s: posts to its own sign-in host for its own Graph scope, and nothing else', async (cloud) => {
    mock = new MockAgent();
    mock.disableNetConnect();
    const bodies: string[] = [];
    mock.get(WIRE[cloud]).intercept({ method: 'POST', path: (p) => p.startsWith(`/${TENANT}/oauth2/v2.0/token`) }).reply((req) => {
      bodies.push(String(req.body));
      return { statusCode: 200, data: { token_type: 'Bearer', expires_in: 3599, access_token: `token-for-${cloud}-cloud` } };
    });

    const p = createTokenProvider({ tenantId: TENANT, clientId: APP, clientSecret: SECRET, cloud }, { dispatcher: mock });

    expect(await p.getToken()).toBe(`token-for-${cloud}-cloud`);
    // Messages name the host the token request actually went to.
    expect(p.describe()).toContain(`signing in at ${WIRE[cloud]} for`);
    expect(bodies).toHaveLength(1);
    expect(new URLSearchParams(bodies[0]).get('scope')).toBe(graphScope(clouds[cloud]));
    mock.assertNoPendingInterceptors();
  });
});
