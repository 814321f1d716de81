import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../../src/emulator/index.js';
import { tempDir } from '../support.js';
import { aadstsReply, fakeAccessToken, startFakeEntra, TEST_CLIENT_PEM_PATH, type FakeEntra } from '../../fixtures/auth/fake-entra.js';
import { APP, TENANT } from '../../fixtures/auth/identities.js';
import { builtCli, removeBuiltCli, spawnGsc } from '../../fixtures/remote-target/cli-process.js';
import { LeakScan, privateKeySecrets } from '../../fixtures/remote-target/leaks.js';
import { startTenant } from '../../fixtures/remote-target/tenant.js';

/** What a pipeline's secret store would hold: made up here, and unique to this file. */
const SECRET = 'TEST-ONLY~tenant-sign-in-secret~5c1f0e2a9b7d4e63';
const WRONG_SECRET = 'TEST-ONLY~tenant-sign-in-wrong-secret~8a3e2d1c';
/** The test CA, trusted by the CLI the way a user trusts a corporate proxy's: through Node's environment. */
const CA_FILE = fileURLToPath(new URL('../../fixtures/auth/TEST-ONLY-tls-127.0.0.1.crt', import.meta.url));
/** The one access token the fake Entra issues, and the only one the tenant accepts. */
const ACCESS_TOKEN = fakeAccessToken(1);

const scan = new LeakScan();
scan.secret(
  { label: 'the access token', value: ACCESS_TOKEN },
  { label: 'the client secret', value: SECRET },
  { label: 'the rejected client secret', value: WRONG_SECRET },
  ...privateKeySecrets(readFileSync(TEST_CLIENT_PEM_PATH, 'utf8')),
);

let fake: FakeEntra;
let emu: EmulatorHandle;
beforeAll(async () => {
  builtCli();
  fake = await startFakeEntra();
  emu = await startTenant(ACCESS_TOKEN);
}, 60_000);
afterAll(async () => {
  await emu?.close();
  await fake?.close();
  removeBuiltCli();
});
beforeEach(() => {
  fake.onToken(() => ({ status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: ACCESS_TOKEN } }));
});

/** `gsc run` as a separate process signing in with `credentials`, everything it leaves kept for the scan. */
async function signedInRun(credentials: string[], env: Record<string, string> = { NODE_EXTRA_CA_CERTS: CA_FILE }) {
  const out = tempDir('gsc-tenant-');
  const args = [
    'run', '--tenant-id', TENANT, '--client-id', APP, ...credentials, '--authority', fake.authority,
    '--target', emu.url, '--service-principal', emu.fixtures.servicePrincipalId, '--template', emu.fixtures.templateId,
    '--grep', '^create/(answers-201-with-a-job|requires-authorization)$', '--out', out,
  ];
  const p = spawnGsc(args, env);
  const { code } = await p.exit();
  scan.output(`stdout of gsc ${args.join(' ')}`, p.stdout());
  scan.output(`stderr of gsc ${args.join(' ')}`, p.stderr());
  return { code, stdout: p.stdout(), stderr: p.stderr(), out };
}

describe('signing in through the CLI against a (fake) Entra', () => {
  it('with a client secret from the environment (as a pipeline passes it): gets one token for the whole run and passes', async () => {
    const requestsBefore = fake.tokenRequests.length;

    const r = await signedInRun([], { NODE_EXTRA_CA_CERTS: CA_FILE, GSC_CLIENT_SECRET: SECRET });

    expect(r.stdout).toMatch(/^gsc: 2 passed, 0 failed, 0 errors, 0 skipped/m);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`gsc: signing in with client credentials for app ${APP} in tenant ${TENANT} (secret), signing in at ${fake.authority}`);
    expect(r.stderr).not.toContain('warning');
    const requests = fake.tokenRequests.slice(requestsBefore);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ tenant: TENANT });
    expect(requests[0]!.form.get('client_secret')).toBe(SECRET);
    expect(emu.jobs()).toEqual([]);
    scan.folder(r.out);
  });

  it('with a certificate: signs an assertion with the key, sends no secret, and passes', async () => {
    const requestsBefore = fake.tokenRequests.length;

    const r = await signedInRun(['--client-certificate', TEST_CLIENT_PEM_PATH]);

    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/gsc: signing in with .*certificate 4FE96B4787735A2290ADEC7020F924AF7D132386/);
    const form = fake.tokenRequests.slice(requestsBefore)[0]!.form;
    expect(form.get('client_secret')).toBeNull();
    const assertion = form.get('client_assertion')!;
    expect(assertion.split('.')).toHaveLength(3);
    // The assertion is a credential too, for its ten minutes.
    scan.secret({ label: 'the client assertion', value: assertion });
    scan.folder(r.out);
  });

  it('with a rejected secret: exits 3 naming the cause and the fix, and sends nothing to the tenant', async () => {
    fake.onToken(() => aadstsReply(7000215, 'invalid_client', `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${APP}'.`, 401));
    const sentBefore = emu.requestCount();

    const r = await signedInRun(['--client-secret', WRONG_SECRET]);

    expect(r.code).toBe(3);
    expect(r.stderr).toContain('--client-secret on the command line is visible to other processes');
    expect(r.stderr).toContain(`gsc: cannot sign in: sign-in rejected: the client secret is not valid for the app ${APP} (AADSTS7000215)`);
    expect(r.stderr).toMatch(/hint: .*set --client-secret \(GSC_CLIENT_SECRET\) to the secret's Value/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).not.toContain('PASS');
    expect(emu.requestCount()).toBe(sentBefore);
    scan.folder(r.out, ['ledger.jsonl']);
  });

  it('when the sign-in host is not trusted (no CA given): exits 3 saying so, without a stack trace', async () => {
    const r = await signedInRun(['--client-secret', SECRET], {});

    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/gsc: cannot sign in: .*TLS certificate is not trusted/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    scan.folder(r.out, ['ledger.jsonl']);
  });
});

describe('what the signed-in runs left to read', () => {
  it('holds no access token, client secret, assertion or private key: not in a report, the ledger, stdout or stderr', () => {
    scan.expectNoLeaks();
    // The runs really did send and receive these credentials, so their absence means something.
    expect(fake.tokenRequests.filter((r) => r.form.get('client_secret') === SECRET)).not.toHaveLength(0);
    expect(fake.tokenRequests.filter((r) => r.form.get('client_secret') === WRONG_SECRET)).not.toHaveLength(0);
    expect(fake.issued).toContain(ACCESS_TOKEN);
  });
});
